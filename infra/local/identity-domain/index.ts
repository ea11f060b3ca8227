// The development identity domain: a local stand-in for an OCI IAM identity domain (IDCS).
import type { AddressInfo } from 'node:net'
import { FaultInjector, type Faults } from '../faults.ts'
import { users as seedUsers } from '../seed.ts'
import { Clients } from './clients.ts'
import type { DomainContext, ResourceApp } from './context.ts'
import { IDCS_TENANT, TOKEN_ISSUER } from './domain.ts'
import { AuthorizationCodes } from './grants/authorization-code.ts'
import { RefreshTokens } from './grants/refresh-token.ts'
import { loadSecurityTokenKey, loadSigningKey, parseSessionPublicKey } from './keys.ts'
import { PATHS } from './metadata.ts'
import { Metrics } from './metrics.ts'
import { MAX_SECURITY_TOKEN_SECONDS, mintRpst } from './security-tokens.ts'
import { createDomainServer } from './server.ts'
import { Store } from './store.ts'

export interface IdentityDomainOptions {
  /** Default 127.0.0.1: the domain hands out tokens, so it listens on loopback unless told otherwise. */
  host?: string
  /** Default 8081; 0 picks a free port. */
  port?: number
  /** Where keys, the dev client, passwords and registered clients persist (identity-domain.json). */
  dataDir: string
  /** The MCP resource's primary audience, e.g. 'oci-mcp-functions': every access token's `aud`. */
  audience: string
  /**
   * Other resource applications (primary audience and scopes), e.g. an Oracle Integration instance. The dev
   * client may get client-credentials tokens for them, requested IDCS-style as `<audience><scope>`.
   */
  resources?: ResourceApp[]
  /** Default 3600, as IDCS. */
  accessTokenTtlSeconds?: number
  /**
   * `issuer` of the discovery documents. 'idcs' (default) publishes https://identity.oraclecloud.com/
   * as real domains do; 'domain-url' publishes the domain URL, for clients that enforce RFC 8414 §3.3.
   */
  metadataIssuer?: 'idcs' | 'domain-url'
  /**
   * Stand-in option, off by default: open dynamic client registration (RFC 7591) at /oauth2/v1/register.
   * Real identity domains offer none (clients go through the authorization-server facade, functions/oauth).
   */
  dynamicRegistration?: boolean
  /**
   * Redirect URIs of the dev client (the one confidential application): with any, it is also allowed the
   * authorization code and refresh token grants — as the facade's application is configured in a tenancy.
   */
  devClientRedirectUris?: string[]
  /**
   * Stand-in option, off by default: serve the fault plan at /_emulator/faults (unauthenticated, for tests
   * that run the domain in another process). The programmatic `faults` is always there.
   */
  faultEndpoint?: boolean
  /** Receives one line per event; tokens, secrets and passwords never appear in them. */
  log?: (line: string) => void
}

export interface IdentityDomain {
  url: string
  issuer: 'https://identity.oraclecloud.com/'
  jwksUrl: string
  tokenUrl: string
  /** JWKS of the key that signs OCI security tokens (UPST, RPST) — the OCI emulator trusts it. */
  securityTokenJwksUrl: string
  devClient: { clientId: string; clientSecret: string }
  users: { userName: string; password: string; displayName: string; scopes: string[] }[]
  /** Mints a resource-principal session token (RPST) for a local function, carrying publicKeyPem (like the Functions platform does). */
  issueResourcePrincipalToken(input: {
    functionId: string
    compartmentId: string
    publicKeyPem: string
    ttlSeconds?: number
  }): Promise<string>
  /** Injected failures of the token endpoint (operation = grant: token_exchange, password, …) and others. */
  faults: Faults
  close(): Promise<void>
}

function checkOptions(options: IdentityDomainOptions): void {
  if (!options || typeof options.dataDir !== 'string' || options.dataDir === '') {
    throw new TypeError('dataDir must be a non-empty string')
  }
  if (typeof options.audience !== 'string' || options.audience === '') {
    throw new TypeError('audience must be a non-empty string')
  }
  const { port, accessTokenTtlSeconds: ttl } = options
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    throw new TypeError('port must be an integer from 0 to 65535')
  }
  if (ttl !== undefined && (!Number.isInteger(ttl) || ttl <= 0)) {
    throw new TypeError('accessTokenTtlSeconds must be a positive integer')
  }
}

export async function startIdentityDomain(options: IdentityDomainOptions): Promise<IdentityDomain> {
  checkOptions(options)
  const host = options.host ?? '127.0.0.1'
  const log = options.log ?? (() => {})
  const store = await Store.open(
    options.dataDir,
    seedUsers.map((u) => u.userName),
    `${IDCS_TENANT} signing key`,
  )
  const ctx: DomainContext = {
    url: '',
    metadataIssuer: TOKEN_ISSUER,
    dynamicRegistration: options.dynamicRegistration === true,
    audience: options.audience,
    resources: options.resources ?? [],
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 3600,
    signingKey: loadSigningKey(store.state.signingKey),
    securityTokenKey: loadSecurityTokenKey(store.state.securityTokenKey),
    store,
    clients: new Clients(store),
    codes: new AuthorizationCodes(),
    refreshTokens: new RefreshTokens(store),
    metrics: new Metrics(),
    faults: new FaultInjector(),
    faultEndpoint: options.faultEndpoint === true,
    log,
  }
  if (options.devClientRedirectUris?.length) {
    const dev = store.state.devClient
    dev.redirectUris = [...options.devClientRedirectUris]
    for (const grant of ['authorization_code', 'refresh_token'])
      if (!dev.grantTypes.includes(grant)) dev.grantTypes.push(grant)
    await store.save()
  }
  const server = createDomainServer(ctx)
  // Idle keep-alive connections are the client's to close: see infra/local/edge.ts.
  server.keepAliveTimeout = 0
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 8081, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  ctx.url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  if (options.metadataIssuer === 'domain-url') ctx.metadataIssuer = ctx.url
  log(`identity domain listening url=${ctx.url} dev_client_id=${store.state.devClient.clientId}`)

  return {
    url: ctx.url,
    issuer: TOKEN_ISSUER,
    jwksUrl: `${ctx.url}${PATHS.jwks}`,
    tokenUrl: `${ctx.url}${PATHS.token}`,
    securityTokenJwksUrl: `${ctx.url}${PATHS.securityTokenJwks}`,
    devClient: { clientId: store.state.devClient.clientId, clientSecret: store.state.devClient.secret! },
    users: seedUsers.map((u) => ({
      userName: u.userName,
      password: store.state.passwords[u.userName],
      displayName: u.displayName,
      scopes: [...u.scopes],
    })),
    async issueResourcePrincipalToken(input) {
      if (!input?.functionId || !input.compartmentId)
        throw new TypeError('functionId and compartmentId are required')
      const ttlSeconds = input.ttlSeconds ?? MAX_SECURITY_TOKEN_SECONDS
      if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0 || ttlSeconds > MAX_SECURITY_TOKEN_SECONDS) {
        throw new TypeError(`ttlSeconds must be an integer from 1 to ${MAX_SECURITY_TOKEN_SECONDS}`)
      }
      let sessionPublicKey: ReturnType<typeof parseSessionPublicKey>
      try {
        sessionPublicKey = parseSessionPublicKey(input.publicKeyPem)
      } catch (error) {
        throw new TypeError(`publicKeyPem: ${(error as Error).message}`)
      }
      const token = await mintRpst(ctx.securityTokenKey, { ...input, sessionPublicKey, ttlSeconds })
      ctx.metrics.inc('identity_domain_tokens_issued_total', 'resource_principal')
      log(`token issued grant=resource_principal sub=${input.functionId}`)
      return token
    },
    faults: ctx.faults,
    async close() {
      // Held (hanging, slow) token requests first, so that neither a socket nor a timer outlives close().
      ctx.faults.close()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        // Keep-alive connections would otherwise hold close() open.
        server.closeAllConnections()
      })
      await store.flush()
    },
  }
}
