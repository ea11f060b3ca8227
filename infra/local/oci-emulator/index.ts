// The OCI emulator: Object Storage and Identity on their real REST paths, with real signature checks and policies.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { FAULT_ENDPOINT_PATH, handleFaultEndpoint } from '../fault-endpoint.ts'
import { FaultInjector, type Faults } from '../faults.ts'
import {
  AuthFailure,
  injectedError,
  internalServerError,
  methodNotAllowed,
  notAuthenticated,
  notAuthorizedOrNotFound,
  notFound,
  OciServiceError,
  parDoesNotExist,
} from './errors.ts'
import { headerValue, newRequestId, Query, readBody, send, sendError } from './http.ts'
import { Metrics } from './metrics.ts'
import { ObjectEvents, type ObjectEventsOptions } from './object-events.ts'
import { ensureOperatorKey } from './operator-key.ts'
import { PolicyEngine } from './policy.ts'
import { PrincipalResolver } from './principals.ts'
import { type EmulatorCore, type RequestContext, type Route, Router } from './router.ts'
import { ensureInfraState } from './seed-infra.ts'
import { buildSeedState } from './seed-state.ts'
import { identityRoutes } from './services/identity.ts'
import { infraRoutes } from './services/infra.ts'
import { loggingSearchRoutes } from './services/logging-search.ts'
import { monitoringRoutes } from './services/monitoring.ts'
import { objectStorageRoutes } from './services/objectstorage.ts'
import { usageRoutes } from './services/usage.ts'
import { verifyRequest } from './signature.ts'
import { Store } from './store.ts'

export interface OciEmulatorOptions {
  /** Default 127.0.0.1. */
  host?: string
  /** Default 8082; 0 picks a free port. */
  port?: number
  /** State, object bodies, the operator key and its OCI config file live here. */
  dataDir: string
  /** JWKS that signs ST$ security tokens (UPST/RPST); fetched on first use and cached. */
  sessionTokenJwksUrl?: string
  /** Default 300, OCI's own limit. */
  clockSkewSeconds?: number
  /**
   * Serve the fault plan over HTTP at /_emulator/faults (unauthenticated: for tests only). Default off;
   * the programmatic `faults` is always there.
   */
  faultEndpoint?: boolean
  /**
   * Where the object events of buckets with objectEventsEnabled go (CloudEvents 0.1, as OCI Events sends them),
   * off the request path through a bounded queue. None: no events.
   */
  objectEvents?: ObjectEventsOptions
  log?: (line: string) => void
}

export interface OciEmulator {
  url: string
  close(): Promise<void>
  /** An OCI config file (profile DEFAULT) for the seeded operator user's API key. */
  operatorConfigFile: string
  /** Injected failures (429/500/503, reset, slow, hang) by method, path and operation; see ../faults.ts. */
  faults: Faults
  /** The object event queue, when objectEvents was given. */
  objectEvents?: ObjectEvents
}

export async function startOciEmulator(options: OciEmulatorOptions): Promise<OciEmulator> {
  if (!options?.dataDir) throw new TypeError('dataDir is required')
  const log = options.log ?? (() => {})
  const clockSkewSeconds = options.clockSkewSeconds ?? 300
  const store = Store.open(options.dataDir, buildSeedState)
  // Before the policy engine reads the policies: the infrastructure seed adds groups and policies too.
  ensureInfraState(store)
  const operatorConfigFile = ensureOperatorKey(store)
  const objectEvents = options.objectEvents ? new ObjectEvents(options.objectEvents, log) : undefined
  const core: EmulatorCore = {
    store,
    policy: new PolicyEngine(store.state.policies, store.tree),
    objectEvents,
  }
  const resolver = new PrincipalResolver(store, { sessionTokenJwksUrl: options.sessionTokenJwksUrl })
  const metrics = new Metrics()
  const faults = new FaultInjector()
  const router = new Router([
    ...objectStorageRoutes,
    ...identityRoutes,
    ...infraRoutes,
    ...monitoringRoutes,
    ...loggingSearchRoutes,
    ...usageRoutes,
  ])
  let url = ''

  async function authenticate(ctx: RequestContext, route: Route, target: string): Promise<void> {
    const mode = route.authenticate ?? 'signature'
    if (mode === 'none') return
    if (typeof mode === 'function') return mode(ctx)
    ctx.principal = await verifyRequest(
      { method: ctx.method, target, headers: ctx.headers, body: ctx.body, bodySigned: !route.unsignedBody },
      resolver.resolve,
      { clockSkewSeconds },
    )
  }

  function authorize(ctx: RequestContext, route: Route): void {
    if (!route.authorize) return
    // Fail closed: a route that states requirements but let the caller in anonymously is a routing bug.
    if (!ctx.principal) throw new AuthFailure('missing_authorization', 'route needs a principal')
    for (const need of route.authorize(ctx)) {
      if (!core.policy.isAllowed(ctx.principal, need)) {
        metrics.denial(ctx.principal.id, route.operation)
        throw route.deny?.(ctx) ?? notAuthorizedOrNotFound()
      }
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now()
    const method = req.method ?? 'GET'
    const target = req.url ?? '/'
    const q = target.indexOf('?')
    const path = q < 0 ? target : target.slice(0, q)
    const rawQuery = q < 0 ? '' : target.slice(q + 1)
    let operation = 'Unknown'
    let principal = 'anonymous'
    let service = 'emulator'
    let status = 500
    try {
      if (method === 'GET' && path === '/metrics') {
        res.setHeader('opc-request-id', newRequestId(service, undefined))
        operation = 'GetMetrics'
        status = 200
        return send(res, method, {
          headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' },
          body: Buffer.from(metrics.render()),
        })
      }
      if (options.faultEndpoint && path === FAULT_ENDPOINT_PATH) {
        operation = 'EmulatorFaults'
        await handleFaultEndpoint(faults, req, res)
        status = res.statusCode
        return
      }
      const match = router.match(method, path)
      if (match && 'route' in match) service = match.route.service
      else if (/^\/(n|p)(\/|$)/.test(path)) service = 'objectstorage'
      res.setHeader('opc-request-id', newRequestId(service, headerValue(req.headers, 'opc-request-id')))
      const clientRequestId = headerValue(req.headers, 'opc-client-request-id')
      if (clientRequestId) res.setHeader('opc-client-request-id', clientRequestId)
      const routeOperation = match && 'route' in match ? match.route.operation : undefined
      const faulted = await faults.intercept(
        req,
        res,
        { method, path, operation: routeOperation },
        (r, s, after) => sendError(r, method, injectedError(s, after)),
      )
      if (faulted) {
        operation = `${routeOperation ?? operation} (fault)`
        // 0: no answer at all (reset or hang).
        status = res.headersSent ? res.statusCode : 0
        return
      }
      if (!match) throw notFound()
      if ('methodNotAllowed' in match) throw methodNotAllowed()
      const { route, params } = match
      operation = route.operation
      const ctx: RequestContext = {
        method,
        params,
        query: new Query(rawQuery),
        headers: req.headers,
        body: await readBody(req),
        baseUrl: req.headers.host ? `http://${req.headers.host}` : url,
        core,
      }
      await authenticate(ctx, route, target)
      if (ctx.principal) principal = ctx.principal.id
      authorize(ctx, route)
      const result = await route.handle(ctx)
      status = result.status ?? 200
      send(res, method, result)
    } catch (error) {
      const oci = toServiceError(error)
      if (error instanceof AuthFailure) {
        metrics.authFailure(error.reason)
        // The reason is for the operator; the caller learns only that authentication failed.
        log(`auth failure ${error.message} ${method} ${redact(path)}`)
      } else if (!(error instanceof OciServiceError)) {
        log(`internal error ${method} ${redact(path)}: ${(error as Error)?.stack ?? String(error)}`)
      }
      status = oci.status
      // Whatever body the client is still sending is not wanted; reading it keeps the connection usable.
      req.resume()
      if (!res.headersSent) sendError(res, method, oci)
      else res.destroy()
    } finally {
      metrics.request(principal, operation, status)
      log(
        `${method} ${redact(path)} ${status} ${operation} ${principal} ${(performance.now() - started).toFixed(1)}ms`,
      )
    }
  }

  const server = createServer((req, res) => void handle(req, res))
  // Idle keep-alive connections are the client's to close: see infra/local/edge.ts.
  server.keepAliveTimeout = 0
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 8082, options.host ?? '127.0.0.1', () => resolve())
  })
  const address = server.address() as AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  url = `http://${host}:${address.port}`
  log(`OCI emulator listening on ${url} (data in ${options.dataDir})`)
  return {
    url,
    operatorConfigFile,
    faults,
    objectEvents,
    close: () =>
      new Promise<void>((resolve, reject) => {
        void objectEvents?.close()
        // Held (hanging, slow) requests first: closeAllConnections would destroy their sockets, but not
        // the timers of slow ones.
        faults.close()
        server.close((err) => (err ? reject(err) : resolve()))
        server.closeAllConnections()
      }),
  }
}

function toServiceError(error: unknown): OciServiceError {
  if (error instanceof AuthFailure)
    return error.reason === 'par_not_found' ? parDoesNotExist() : notAuthenticated()
  if (error instanceof OciServiceError) return error
  return internalServerError()
}

/** PAR URLs carry their credential in the path; it never reaches a log line. */
const redact = (path: string) => path.replace(/^\/p\/[^/]+/, '/p/<redacted>')
