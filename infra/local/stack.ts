// The whole topology on one machine: identity domain, OCI emulator (or a real tenancy), functions, edge.

import { randomBytes } from 'node:crypto'
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { createServer } from 'node:net'
import { join, resolve } from 'node:path'
import { FUNCTION_NAMES } from '../../functions/registry.ts'
import { FUNCTION_ENTRY } from '../../scripts/build.ts'
import { loadRoutes } from '../routes.ts'
import { type Edge, startEdge } from './edge.ts'
import { deliverToEventsFunction } from './event-delivery.ts'
import { declareLocalBackend, type LocalBackend, startEverythingBackend } from './everything-backend.ts'
import { FunctionsHost } from './functions-host.ts'
import { type IdentityDomain, startIdentityDomain } from './identity-domain/index.ts'
import { type OciEmulator, startOciEmulator } from './oci-emulator/index.ts'
import { startOicStandIn } from './oic/index.ts'
import { resourcePrincipalEnv } from './resource-principal.ts'
import { NAMESPACE, REGION } from './seed.ts'

export interface StackOptions {
  host?: string
  edgePort?: number
  identityPort?: number
  ociPort?: number
  /** The Oracle Integration stand-in (with the emulator only); default 8083. */
  oicPort?: number
  /** Where state, sockets and logs live (default .local). */
  localDir?: string
  audience?: string
  enableMutations?: boolean
  /** Talk to a real tenancy with this OCI config file instead of the emulator. */
  ociConfig?: { file: string; profile: string; region?: string }
  log?: (line: string) => void
  /** Who signs the groups' OCI calls: the caller (token exchange, the default with the emulator) or the config file. */
  identityMode?: 'token_exchange' | 'config_file'
  /** Run the functions from this `npm run build` output (dist/func.js + MCP_FUNCTION), as deployed; else from sources. */
  bundleDir?: string
  /** Extra environment for every function (tests use it to vary configuration). */
  functionEnv?: Record<string, string>
  /** Browser origins allowed besides the edge's own (edge and functions; CORS answers). None by default. */
  allowedOrigins?: string[]
  /** Host names the edge answers to besides loopback (behind a proxy). */
  publicHosts?: string[]
  /** How long a function container may take to listen (FunctionsHost; else MCP_LOCAL_START_TIMEOUT_MS). */
  fnStartTimeoutMs?: number
  /** Serve the emulator's and identity domain's fault plans over HTTP (/_emulator/faults); off by default. */
  faultEndpoints?: boolean
  /** The functions' synchronous invoke timeout (their Fn-Deadline from the edge); default 30 s, as OCI Functions. */
  fnTimeoutMs?: number
  /** Containers per function at most (FunctionsHost; else MCP_LOCAL_MAX_CONTAINERS, else 2). */
  maxContainers?: number
  /** Test-only functions, each served over the Fn socket behind its own edge route (e.g. the conformance fixture). */
  extraFunctions?: { name: string; entry: string; path: string }[]
  /** Run server-everything as an external MCP backend of the router on this port (0: any free one). */
  everythingBackendPort?: number
  /** The router's MCP_TOOLS_MODE: `discovery` lists only the discovery tools. Default: the router's (all). */
  toolsMode?: 'all' | 'discovery'
}

export interface StackInfo {
  mcpUrl: string
  edgeUrl: string
  identityDomainUrl: string
  tokenUrl: string
  clientId: string
  clientSecret: string
  audience: string
  ociEndpoint: string | null
  oicUrl: string | null
  mutationsEnabled: boolean
  identityMode: 'token_exchange' | 'config_file'
  users: { userName: string; password: string; scopes: string[] }[]
  auditLog: string
  /** Where each function's Fn socket is: `<fnSocketDir>/<function>/lsnr.sock`. */
  fnSocketDir: string
  /** The external MCP servers the router serves beside its own tools. */
  backends: { name: string; url: string }[]
}

export interface Stack {
  info: StackInfo
  functions: FunctionsHost
  identityDomain: IdentityDomain
  emulator?: OciEmulator
  edge: Edge
  /** server-everything behind the router, when asked for: tests stop and start it. */
  everything?: LocalBackend
  close(): Promise<void>
}

/** The local Oracle Integration instance's audience and the scope its monitoring API needs (IDCS-style). */
const OIC_AUDIENCE = 'https://oic.local.example:443'
const OIC_SCOPE = 'urn:opc:resource:consumer::all'

const ROOT = resolve(new URL('../..', import.meta.url).pathname)

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const host = options.host ?? '127.0.0.1'
  const localDir = resolve(options.localDir ?? join(ROOT, '.local'))
  const log = options.log ?? (() => {})
  const audience = options.audience ?? 'oci-mcp-functions'
  const extra = options.extraFunctions ?? []
  const shipped = loadRoutes()
  const routes = {
    ...shipped,
    routes: [
      ...shipped.routes,
      ...(shipped.restRoutes ?? []),
      ...extra.map((f) => ({ path: f.path, function: f.name, methods: ['POST', 'GET', 'DELETE'] })),
    ],
  }
  mkdirSync(localDir, { recursive: true, mode: 0o700 })
  const auditLog = join(localDir, 'audit.log')
  const closers: (() => Promise<void>)[] = []
  const closeAll = async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined)
  }
  try {
    // The port must be known before the functions start: they name the metadata URL in their challenges,
    // and before the identity domain: the facade's callback is its confidential application's redirect URI.
    const edgePort = options.edgePort === 0 ? await freePort(host) : (options.edgePort ?? 8080)
    const publicUrl = `http://${host}:${edgePort}`
    const identityDomain = await startIdentityDomain({
      host,
      port: options.identityPort ?? 8081,
      dataDir: join(localDir, 'data', 'identity-domain'),
      audience,
      resources: [{ audience: OIC_AUDIENCE, scopes: [OIC_SCOPE] }],
      devClientRedirectUris: [`${publicUrl}/oauth/callback`],
      faultEndpoint: options.faultEndpoints,
      log,
    })
    closers.push(() => identityDomain.close())

    // OCI Events: a write to a bucket with object events enabled reaches the events function, as in a tenancy.
    // The host starts after the emulator, so the sink looks it up when an event comes.
    let eventsHost: FunctionsHost | undefined
    const emulator = options.ociConfig
      ? undefined
      : await startOciEmulator({
          host,
          port: options.ociPort ?? 8082,
          dataDir: join(localDir, 'data', 'oci'),
          sessionTokenJwksUrl: identityDomain.securityTokenJwksUrl,
          faultEndpoint: options.faultEndpoints,
          objectEvents: {
            sink: async (event) => {
              if (!eventsHost) throw new Error('the functions are not running yet')
              await deliverToEventsFunction(eventsHost, event)
            },
          },
          log,
        })
    if (emulator) closers.push(() => emulator.close())
    // Oracle Integration stand-in: the integration group reaches it with its own token for the instance's audience.
    const oic = emulator
      ? await startOicStandIn({
          host,
          port: options.oicPort ?? 8083,
          tokenIssuer: { jwksUrl: identityDomain.jwksUrl, audience: OIC_AUDIENCE },
          dataDir: join(localDir, 'data', 'oic'),
          log,
        })
      : undefined
    if (oic) closers.push(() => oic.close())
    const oicEnv: Record<string, string> = oic
      ? {
          OIC_INSTANCE_URL: oic.url,
          OIC_INTEGRATION_INSTANCE: oic.integrationInstance,
          OIC_TOKEN_URL: identityDomain.tokenUrl,
          OIC_CLIENT_ID: identityDomain.devClient.clientId,
          OIC_CLIENT_SECRET: identityDomain.devClient.clientSecret,
          OIC_SCOPE: `${OIC_AUDIENCE}${OIC_SCOPE}`,
        }
      : {}
    const mutationsEnabled = options.enableMutations ?? !options.ociConfig
    const everything =
      options.everythingBackendPort === undefined
        ? undefined
        : await startEverythingBackend({ host, port: options.everythingBackendPort, log })
    if (everything) closers.push(() => everything.close())
    const backendsDir = join(localDir, 'backends.d')
    if (everything) declareLocalBackend(backendsDir, everything)

    const socketDir = join(localDir, 'fn')
    // Against the emulator every group acts as the caller (token exchange), as deployed; against a real
    // tenancy the local stack has no identity propagation trust, so it signs with the config file.
    const identityMode = options.identityMode ?? (emulator ? 'token_exchange' : 'config_file')
    // The events function acts as itself: a resource principal, bootstrapped the way the platform does it.
    const eventsEnv = emulator
      ? await resourcePrincipalEnv(identityDomain, join(localDir, 'rp', 'events'), REGION)
      : { OCI_AUTH: 'config_file' }
    const oauthEnv = await facadeEnv(identityDomain, localDir, publicUrl, Boolean(emulator))
    const baseEnv: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_NO_WARNINGS: '1',
      OCI_AUTH: identityMode,
      ...(identityMode === 'token_exchange'
        ? {
            MCP_TOKEN_EXCHANGE_URL: identityDomain.tokenUrl,
            MCP_TOKEN_EXCHANGE_CLIENT_ID: identityDomain.devClient.clientId,
            MCP_TOKEN_EXCHANGE_CLIENT_SECRET: identityDomain.devClient.clientSecret,
          }
        : {}),
      OCI_CONFIG_FILE: options.ociConfig?.file ?? (emulator as OciEmulator).operatorConfigFile,
      OCI_CONFIG_PROFILE: options.ociConfig?.profile ?? 'DEFAULT',
      ...(emulator ? { OCI_ENDPOINT: emulator.url } : {}),
      ...(options.ociConfig?.region ? { OCI_REGION: options.ociConfig.region } : {}),
      MCP_JWKS_URL: identityDomain.jwksUrl,
      MCP_TOKEN_AUDIENCE: audience,
      MCP_ENABLE_MUTATIONS: String(mutationsEnabled),
      MCP_INVOKER: 'socket',
      MCP_FN_SOCKET_DIR: socketDir,
      // The router invokes groups through the host, as through Fn: a free container, the deadline enforced.
      MCP_FN_INVOKE_SOCKET: join(socketDir, 'invoke.sock'),
      // Shared by every container of a function, so a confirmation asked in one completes in another.
      MCP_REQUEST_STATE_KEY: localKey(localDir, 'request-state-key'),
      MCP_RESOURCE_METADATA_URL: `${publicUrl}${routes.metadataPath}`,
      // The edge answers its loopback names alike, so a page it serves may carry any of them as its Origin.
      MCP_ALLOWED_ORIGINS: [
        ...['localhost', '127.0.0.1', '[::1]'].map((h) => `http://${h}:${edgePort}`),
        ...(options.allowedOrigins ?? []),
      ].join(','),
      ...options.functionEnv,
    }
    const functions = new FunctionsHost({
      socketDir,
      log,
      // The platform allows 5 s, but this machine may be running a dozen processes: the host's default is
      // minutes, stretched by load, unless set here or in MCP_LOCAL_START_TIMEOUT_MS.
      startTimeoutMs: options.fnStartTimeoutMs,
      maxContainers: options.maxContainers,
      functions: FUNCTION_NAMES.map((name) => ({
        name,
        command: options.bundleDir
          ? [process.execPath, '--enable-source-maps', join(options.bundleDir, FUNCTION_ENTRY)]
          : [process.execPath, '--import', 'tsx', join(ROOT, 'functions', name, 'index.ts')],
        env: {
          ...baseEnv,
          MCP_FUNCTION: name,
          ...(name === 'events' ? { ...eventsEnv, MCP_EVENT_BINDINGS: readBindings() } : {}),
          ...(name === 'integration' ? oicEnv : {}),
          ...(name === 'oauth' ? oauthEnv : {}),
          ...(name === 'router' && everything ? { MCP_BACKENDS_DIR: backendsDir } : {}),
          ...(name === 'router' && options.toolsMode ? { MCP_TOOLS_MODE: options.toolsMode } : {}),
        },
      })).concat(
        extra.map((f) => ({
          name: f.name,
          command: [process.execPath, '--import', 'tsx', f.entry],
          env: { ...baseEnv, MCP_FUNCTION: f.name },
        })),
      ),
      onLine: (fn, line) => {
        if (line.startsWith('{"type":"audit"')) appendFileSync(auditLog, `${line}\n`, { mode: 0o600 })
        else log(`[${fn}] ${line}`)
      },
    })
    closers.push(() => functions.stop())
    eventsHost = functions
    // Closed before the functions stop (closers run in reverse): queued events are dropped, not sent to nobody.
    closers.push(async () => void emulator?.objectEvents?.close())
    const invoke = await functions.serveInvoke(join(socketDir, 'invoke.sock'))
    closers.push(() => {
      // The router keeps its connections alive; they end with the host, not with a graceful close.
      invoke.closeAllConnections()
      return new Promise<void>((resolve) => invoke.close(() => resolve()))
    })
    await functions.start()

    const edge = await startEdge({
      host,
      port: edgePort,
      routes,
      functions,
      identityDomainUrl: identityDomain.url,
      audience,
      publicUrl,
      allowedOrigins: options.allowedOrigins,
      publicHosts: options.publicHosts,
      timeoutMs: options.fnTimeoutMs,
      log,
    })
    closers.push(() => edge.close())

    const info: StackInfo = {
      mcpUrl: `${edge.url}/mcp`,
      edgeUrl: edge.url,
      identityDomainUrl: identityDomain.url,
      tokenUrl: identityDomain.tokenUrl,
      clientId: identityDomain.devClient.clientId,
      clientSecret: identityDomain.devClient.clientSecret,
      audience,
      ociEndpoint: emulator?.url ?? null,
      oicUrl: oic?.url ?? null,
      mutationsEnabled,
      identityMode,
      users: identityDomain.users.map(({ userName, password, scopes }) => ({ userName, password, scopes })),
      auditLog,
      fnSocketDir: socketDir,
      backends: everything ? [{ name: everything.name, url: everything.url }] : [],
    }
    writeFileSync(join(localDir, 'stack.json'), `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 })
    return { info, functions, identityDomain, emulator, edge, everything, close: closeAll }
  } catch (error) {
    await closeAll()
    throw error
  }
}

/**
 * The authorization-server facade's configuration: the dev client as its confidential application, a sealing
 * key kept in the data directory, the emulator's oauth-state bucket, its own resource principal.
 */
async function facadeEnv(
  identityDomain: IdentityDomain,
  localDir: string,
  publicUrl: string,
  emulated: boolean,
): Promise<Record<string, string>> {
  return {
    ...(emulated
      ? await resourcePrincipalEnv(identityDomain, join(localDir, 'rp', 'oauth'), REGION, 'oauth')
      : { OCI_AUTH: 'config_file' }),
    OAUTH_ISSUER: publicUrl,
    OAUTH_IDCS_URL: identityDomain.url,
    OAUTH_CLIENT_ID: identityDomain.devClient.clientId,
    OAUTH_CLIENT_SECRET: identityDomain.devClient.clientSecret,
    OAUTH_SEALING_KEY: localKey(localDir, 'oauth-sealing-key'),
    OAUTH_STATE_NAMESPACE: process.env.OAUTH_STATE_NAMESPACE ?? NAMESPACE,
    OAUTH_STATE_BUCKET: process.env.OAUTH_STATE_BUCKET ?? 'oauth-state',
    // Locally, MCP clients serve their metadata documents from loopback.
    OAUTH_CIMD_ALLOW_LOOPBACK: 'true',
  }
}

/** A random key kept in .local/data (0600) and the same on every start, as a Vault secret would be. */
function localKey(localDir: string, name: string): string {
  const keyFile = join(localDir, 'data', name)
  mkdirSync(join(localDir, 'data'), { recursive: true, mode: 0o700 })
  if (!existsSync(keyFile)) writeFileSync(keyFile, randomBytes(32).toString('base64url'), { mode: 0o600 })
  return readFileSync(keyFile, 'utf8').trim()
}

function freePort(host: string): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, host, () => {
      const { port } = probe.address() as AddressInfo
      probe.close(() => resolvePort(port))
    })
  })
}

/** The shipped event bindings (infra/events/bindings.json), as the events function's configuration. */
function readBindings(): string {
  return readFileSync(join(ROOT, 'infra', 'events', 'bindings.json'), 'utf8')
}
