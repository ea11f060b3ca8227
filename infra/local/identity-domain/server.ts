// HTTP routing of the development identity domain: one table of path → method → handler.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { FAULT_ENDPOINT_PATH, handleFaultEndpoint } from '../fault-endpoint.ts'
import { handleAuthorize } from './authorize-page.ts'
import type { DomainContext } from './context.ts'
import { OAuthError } from './errors.ts'
import { sendInjectedError, sendJson, sendOAuthError } from './http.ts'
import { handleIntrospect } from './introspection.ts'
import { jwks } from './keys.ts'
import { authorizationServerMetadata, PATHS } from './metadata.ts'
import { handleRegister } from './registration.ts'
import { handleToken } from './token-endpoint.ts'

type Handler = (ctx: DomainContext, req: IncomingMessage, res: ServerResponse) => Promise<void> | void

interface Route {
  methods: Partial<Record<'GET' | 'POST', Handler>>
  /** Browser-based MCP clients call these cross-origin (a real domain lists allowed CORS origins). */
  cors?: boolean
}

const metadata: Handler = (ctx, _req, res) =>
  sendJson(res, 200, authorizationServerMetadata(ctx), { 'Cache-Control': 'max-age=300' })

const ROUTES: Record<string, Route> = {
  '/.well-known/openid-configuration': { methods: { GET: metadata }, cors: true },
  '/.well-known/oauth-authorization-server': { methods: { GET: metadata }, cors: true },
  [PATHS.jwks]: {
    methods: {
      GET: (ctx, _req, res) => {
        ctx.metrics.inc('identity_domain_jwks_requests_total')
        sendJson(res, 200, jwks(ctx.signingKey))
      },
    },
    cors: true,
  },
  [PATHS.securityTokenJwks]: {
    methods: {
      GET: (ctx, _req, res) => {
        ctx.metrics.inc('identity_domain_jwks_requests_total')
        sendJson(res, 200, jwks(ctx.securityTokenKey))
      },
    },
  },
  [PATHS.token]: { methods: { POST: handleToken }, cors: true },
  [PATHS.introspect]: { methods: { POST: handleIntrospect }, cors: true },
  [PATHS.register]: { methods: { POST: handleRegister }, cors: true },
  [PATHS.authorize]: { methods: { GET: handleAuthorize, POST: handleAuthorize } },
  [PATHS.metrics]: {
    methods: {
      GET: (ctx, _req, res) => {
        const text = ctx.metrics.render()
        res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' })
        res.end(text)
      },
    },
  },
}

const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  // The MCP SDK sends MCP-Protocol-Version on discovery requests.
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, MCP-Protocol-Version',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Max-Age': '600',
}

export function createDomainServer(ctx: DomainContext): Server {
  return createServer((req, res) => {
    route(ctx, req, res).catch((error: unknown) => {
      if (error instanceof OAuthError) {
        if (!res.headersSent) sendOAuthError(res, error)
        return
      }
      // Messages only: an error object could carry a request body, and bodies carry secrets.
      ctx.log(`internal error on ${req.method} ${pathOf(req)}: ${(error as Error)?.name ?? 'Error'}`)
      if (!res.headersSent) sendJson(res, 500, { error: 'server_error', error_description: 'Internal error' })
      else res.destroy()
    })
  })
}

const pathOf = (req: IncomingMessage) => (req.url ?? '/').split('?', 1)[0]

async function route(ctx: DomainContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = pathOf(req)
  if (ctx.faultEndpoint && path === FAULT_ENDPOINT_PATH) return handleFaultEndpoint(ctx.faults, req, res)
  // The token endpoint applies faults itself, once it knows the grant (the operation a rule may name).
  if (path !== PATHS.token) {
    const facts = { method: req.method ?? 'GET', path }
    if (await ctx.faults.intercept(req, res, facts, sendInjectedError)) return
  }
  const known = Object.hasOwn(ROUTES, path) && (path !== PATHS.register || ctx.dynamicRegistration)
  const entry = known ? ROUTES[path] : undefined
  if (!entry) return sendJson(res, 404, { error: 'not_found', error_description: `No route for ${path}` })
  if (entry.cors) for (const [name, value] of Object.entries(CORS_HEADERS)) res.setHeader(name, value)
  if (req.method === 'OPTIONS' && entry.cors) {
    res.writeHead(204)
    return void res.end()
  }
  const handler = entry.methods[req.method as 'GET' | 'POST']
  if (!handler) {
    res.setHeader('Allow', Object.keys(entry.methods).join(', '))
    return sendJson(res, 405, {
      error: 'method_not_allowed',
      error_description: `${req.method} is not allowed`,
    })
  }
  await handler(ctx, req, res)
}
