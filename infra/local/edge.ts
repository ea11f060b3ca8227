// The API-Gateway-equivalent edge: token authentication, scope authorization, header transformations,
// and the Fn call to the route's function — read from the same route specification as the Terraform.
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { errors as joseErrors, jwtVerify } from 'jose'
import { isClaimHeader } from '../../functions/core/claims.ts'
import { remoteJwks } from '../../functions/core/jwks.ts'
import {
  allowedScopes,
  mcpRoutes,
  type RouteSpec,
  type RoutesSpec,
  routeMatches,
  wildcardMatches,
  zeroHopKeys,
} from '../routes.ts'
import { edgeGuard, type Guard } from './edge-guard.ts'
import type { FunctionsHost } from './functions-host.ts'

export interface EdgeOptions {
  host?: string
  port?: number
  routes: RoutesSpec
  functions: Pick<FunctionsHost, 'call'>
  identityDomainUrl: string
  audience: string
  /** Public base URL of the edge; defaults to http://host:port. */
  publicUrl?: string
  /** Browser origins allowed besides the edge's own; they also get CORS answers. None by default. */
  allowedOrigins?: string[]
  /** Host names the edge answers to besides its own loopback names (behind a proxy); any other Host is 403. */
  publicHosts?: string[]
  /** Fn's synchronous invoke timeout. */
  timeoutMs?: number
  log?: (line: string) => void
}

export interface Edge {
  url: string
  close(): Promise<void>
}

const MAX_BODY = 6 * 1024 * 1024
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'host',
  'content-length',
])

const canonical = (name: string) =>
  name
    .split('-')
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1).toLowerCase())
    .join('-')

class EdgeReply extends Error {
  constructor(
    readonly status: number,
    readonly payload: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`edge ${status}`)
  }
}

/**
 * Past this much beyond the limit the edge stops reading and drops the connection: a client that keeps sending
 * is not owed a reply, but one that sent a bit too much must receive its 413 rather than a reset.
 */
const MAX_DRAIN = 64 * 1024 * 1024

const tooLarge = () =>
  new EdgeReply(
    413,
    { code: 'RequestEntityTooLarge', message: 'The request body exceeds 6 MB' },
    // The rest of the body was read and thrown away; the connection is not reused after it.
    { Connection: 'close' },
  )

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const declared = Number(req.headers['content-length'] ?? 0)
    if (declared > MAX_BODY + MAX_DRAIN) {
      req.destroy()
      return reject(tooLarge())
    }
    req.on('data', (c: Buffer) => {
      size += c.length
      // Closing the socket with unread bytes in it makes the kernel send a reset, which clients report
      // instead of the 413: read to the end (discarding), then answer.
      if (size <= MAX_BODY) chunks.push(c)
      else if (size > MAX_BODY + MAX_DRAIN) req.destroy()
    })
    req.on('end', () => (size > MAX_BODY ? reject(tooLarge()) : resolve(Buffer.concat(chunks))))
    req.on('error', reject)
    req.on('close', () => {
      if (!req.complete) reject(tooLarge())
    })
  })
}

export async function startEdge(options: EdgeOptions): Promise<Edge> {
  const { routes, log } = options
  const auth = routes.authentication
  const jwks = remoteJwks(new URL(auth.jwksPath, options.identityDomainUrl).href).getKey
  let publicUrl = options.publicUrl ?? ''
  const metadataUrl = () => `${publicUrl}${routes.metadataPath}`

  const challenge = (error?: string, scope?: string) => {
    const parts = [`resource_metadata="${metadataUrl()}"`]
    if (error) parts.push(`error="${error}"`)
    if (scope) parts.push(`scope="${scope}"`)
    return { 'WWW-Authenticate': `Bearer ${parts.join(', ')}` }
  }

  async function authenticate(req: IncomingMessage, route: RouteSpec): Promise<Record<string, unknown>> {
    const header = req.headers[auth.tokenHeader.toLowerCase()]
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null
    if (!match) throw new EdgeReply(401, { message: 'Unauthorized' }, challenge())
    let payload: Record<string, unknown>
    try {
      ;({ payload } = await jwtVerify(match[1], jwks, {
        issuer: auth.issuers,
        audience: options.audience,
        algorithms: ['RS256'],
        clockTolerance: auth.maxClockSkewInSeconds,
        requiredClaims: ['exp', 'sub'],
      }))
    } catch (error) {
      const reason = error instanceof joseErrors.JOSEError ? error.code : 'ERR_JWKS_UNAVAILABLE'
      log?.(`edge: token refused on ${route.path} (${reason})`)
      throw new EdgeReply(401, { message: 'Unauthorized' }, challenge('invalid_token'))
    }
    const scopes = new Set(String(payload.scope ?? '').split(' '))
    const allowed = allowedScopes(routes, route)
    if (!allowed.some((s) => scopes.has(s))) {
      throw new EdgeReply(403, { message: 'Forbidden' }, challenge('insufficient_scope', allowed.join(' ')))
    }
    return payload
  }

  function fnHeaders(
    req: IncomingMessage,
    claims: Record<string, unknown>,
    callId: string,
  ): Record<string, string> {
    const url = req.url ?? '/'
    const headers: Record<string, string> = {
      'Fn-Call-Id': callId,
      'Fn-Deadline': new Date(Date.now() + (options.timeoutMs ?? 30_000)).toISOString(),
      'Fn-Intent': 'httprequest',
      'Fn-Invoke-Type': 'sync',
      'Fn-Http-Method': req.method ?? 'GET',
      'Fn-Http-Request-Url': url,
      'Opc-Request-Id': `/${callId}/${callId}`,
      'Content-Type': req.headers['content-type'] ?? 'application/octet-stream',
    }
    for (const [name, value] of Object.entries(req.headers)) {
      // A client must not be able to pass its own claim headers: only the edge sets them. Any spelling the
      // FDK would fold into one (`X_Mcp_Claim_Sub`, `x-mcp_claim-sub`) counts as one.
      if (HOP_BY_HOP.has(name) || isClaimHeader(name) || value === undefined) continue
      headers[`Fn-Http-H-${canonical(name)}`] = Array.isArray(value) ? value.join(', ') : value
    }
    headers['Fn-Http-H-Host'] = req.headers.host ?? ''
    for (const [claim, header] of Object.entries(auth.claimHeaders)) {
      const v = claims[claim]
      if (v !== undefined) headers[`Fn-Http-H-${header}`] = Array.isArray(v) ? v.join(' ') : String(v)
    }
    return headers
  }

  // Dynamic routing (routes.json zeroHop), as API Gateway does it: the selector header's first value against each
  // WILDCARD key; no match, or no header, keeps the route's own function.
  const zeroHop = new Map(routes.routes.map((r) => [r.path, zeroHopKeys(routes, r)]))
  function zeroHopTarget(route: RouteSpec, req: IncomingMessage): string | undefined {
    const selector = route.zeroHop?.selector.toLowerCase()
    const value = selector ? req.headersDistinct[selector]?.[0] : undefined
    if (value === undefined) return undefined
    return zeroHop.get(route.path)?.find((k) => wildcardMatches(k.expression, value))?.function
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now()
    const callId = randomBytes(13).toString('hex').toUpperCase()
    const path = (req.url ?? '/').split('?')[0]
    res.setHeader('Opc-Request-Id', callId)
    res.setHeader('Vary', 'Origin')
    const origin = req.headers.origin
    let status = 500
    let sub = '-'
    try {
      // DNS rebinding: a hostile page whose name resolves to this machine still names itself in Host and Origin.
      if (!guard.hostAllowed(req.headers.host))
        throw new EdgeReply(403, { code: 'Forbidden', message: 'This host name is not served here' })
      if (!guard.originAllowed(origin))
        throw new EdgeReply(403, { code: 'Forbidden', message: 'This Origin may not call the endpoint' })
      if (origin) {
        res.setHeader('Access-Control-Allow-Origin', origin)
        res.setHeader('Access-Control-Expose-Headers', 'WWW-Authenticate, Mcp-Session-Id, Opc-Request-Id')
      }
      if (req.method === 'OPTIONS') {
        status = 204
        res.writeHead(status, {
          'Access-Control-Allow-Methods': 'GET, POST, DELETE, OPTIONS',
          'Access-Control-Allow-Headers':
            'Authorization, Content-Type, Mcp-Protocol-Version, Mcp-Session-Id, Mcp-Method, Mcp-Name, Last-Event-Id',
          'Access-Control-Max-Age': '600',
        })
        return void res.end()
      }
      if (path === routes.metadataPath || path.startsWith(`${routes.metadataPath}/`)) {
        throw new EdgeReply(200, {
          resource: `${publicUrl}${path.slice(routes.metadataPath.length) || '/mcp'}`,
          // With the facade in the route specification, it is the authorization server clients talk to.
          authorization_servers: [routes.authorizationServer ? publicUrl : options.identityDomainUrl],
          scopes_supported: allowedScopes(
            routes,
            mcpRoutes(routes).find((r) => r.function === 'router') as RouteSpec,
          ),
          bearer_methods_supported: ['header'],
          resource_name: 'OCI MCP Functions',
        })
      }
      const route = routes.routes.find((r) => routeMatches(r.path, path))
      if (!route) throw new EdgeReply(404, { code: 'NotFound', message: 'Not Found' })
      // Anonymous routes (the OAuth facade) get no token check and no claim headers, as API Gateway's ANONYMOUS.
      const claims = route.anonymous ? {} : await authenticate(req, route)
      if (!route.anonymous) sub = String(claims.sub)
      const body = await readBody(req)
      const fn = zeroHopTarget(route, req) ?? route.function
      const reply = await options.functions.call(fn, fnHeaders(req, claims, callId), body)
      // Fn answers 504 for a function that ran past its timeout; a gateway passes that on as a timeout too.
      if (reply.status === 504)
        throw new EdgeReply(504, {
          code: 'GatewayTimeout',
          message: `The ${fn} function timed out`,
        })
      if (reply.status !== 200) {
        throw new EdgeReply(502, { code: 'BadGateway', message: `The ${fn} function failed` })
      }
      const out: Record<string, string> = {}
      for (const [name, value] of Object.entries(reply.headers)) {
        if (name.toLowerCase().startsWith('fn-http-h-') && value !== undefined) {
          out[canonical(name.slice('fn-http-h-'.length))] = Array.isArray(value) ? value.join(', ') : value
        }
      }
      if (reply.headers['content-type'] && reply.body.length > 0)
        out['Content-Type'] = String(reply.headers['content-type'])
      status = Number(reply.headers['fn-http-status'] ?? 200)
      res.writeHead(status, out)
      res.end(reply.body)
    } catch (error) {
      const e =
        error instanceof EdgeReply
          ? error
          : new EdgeReply(502, { code: 'BadGateway', message: 'The function could not be reached' })
      if (!(error instanceof EdgeReply)) log?.(`edge: ${path} failed: ${(error as Error).message}`)
      status = e.status
      res.writeHead(status, { 'Content-Type': 'application/json', ...e.headers })
      res.end(JSON.stringify(e.payload))
    } finally {
      log?.(`edge: ${req.method} ${path} ${status} ${Math.round(performance.now() - started)}ms sub=${sub}`)
    }
  }

  let guard: Guard
  const server = createServer((req, res) => void handle(req, res))
  // Idle keep-alive connections are closed by the client, never by the edge: a server that closes one while the
  // client is reusing it (both timers near 5 s on a loaded machine) makes the client's next POST fail with a reset.
  server.keepAliveTimeout = 0
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 8080, options.host ?? '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`
  publicUrl ||= url
  guard = edgeGuard({
    port,
    listenHost: options.host ?? '127.0.0.1',
    publicUrl,
    publicHosts: options.publicHosts,
    allowedOrigins: options.allowedOrigins,
  })
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
