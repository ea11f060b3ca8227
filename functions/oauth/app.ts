// The authorization-server facade's HTTP surface: RFC 8414 metadata, RFC 7591 registration, authorize,
// consent, callback, token. Nothing here logs a token, code, secret or verifier.
import type { HttpCall, HttpReply } from '../core/http.ts'
import { authorize, callback, consent } from './authorize.ts'
import { register } from './clients.ts'
import type { FacadeConfig } from './config.ts'
import { OAuthError } from './errors.ts'
import { errorPage } from './pages.ts'
import { token } from './token.ts'

export const METADATA_PATH = '/.well-known/oauth-authorization-server'

const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' }
const json = (status: number, payload: unknown, headers: Record<string, string> = {}): HttpReply => ({
  status,
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(payload),
})

export function metadata(config: FacadeConfig): Record<string, unknown> {
  const at = (path: string) => `${config.issuer}${path}`
  return {
    issuer: config.issuer,
    authorization_endpoint: at('/oauth/authorize'),
    token_endpoint: at('/oauth/token'),
    registration_endpoint: at('/oauth/register'),
    scopes_supported: config.scopes,
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['none'],
    client_id_metadata_document_supported: true,
    authorization_response_iss_parameter_supported: true,
  }
}

type Route = Record<string, (config: FacadeConfig, call: HttpCall) => Promise<HttpReply>>

const ROUTES: Record<string, Route> = {
  [METADATA_PATH]: { GET: async (config) => json(200, metadata(config), { 'Cache-Control': 'max-age=300' }) },
  '/oauth/register': {
    POST: async (config, call) => {
      let body: unknown
      try {
        body = JSON.parse(new TextDecoder().decode(call.body))
      } catch {
        throw new OAuthError('invalid_client_metadata', 'The body must be JSON')
      }
      const { client, response } = register(config, body)
      console.log(`client registered kind=${client.kind} redirect_uris=${client.redirectUris.length}`)
      return json(201, response, NO_STORE)
    },
  },
  '/oauth/authorize': { GET: authorize },
  '/oauth/consent': { POST: consent },
  '/oauth/callback': { GET: callback },
  '/oauth/token': { POST: async (config, call) => json(200, await token(config, call), NO_STORE) },
}

export async function handleOAuth(config: FacadeConfig, call: HttpCall): Promise<HttpReply> {
  const path = new URL(call.url, 'http://facade').pathname
  const route = Object.hasOwn(ROUTES, path) ? ROUTES[path] : undefined
  if (!route) return json(404, { error: 'not_found' })
  const handler = route[call.method]
  if (!handler) return json(405, { error: 'method_not_allowed' }, { Allow: Object.keys(route).join(', ') })
  try {
    return await handler(config, call)
  } catch (error) {
    if (error instanceof OAuthError) {
      // The code only: descriptions are ours, but the log needs no more.
      console.log(`oauth ${call.method} ${path} refused error=${error.code}`)
      const headers: Record<string, string> = { ...NO_STORE }
      if (error.status === 401) headers['WWW-Authenticate'] = 'Basic realm="oci-mcp-oauth"'
      return json(error.status, { error: error.code, error_description: error.message }, headers)
    }
    console.error(`oauth ${call.method} ${path} failed: ${(error as Error)?.name ?? 'Error'}`)
    return path.startsWith('/oauth/token') || path === '/oauth/register'
      ? json(500, { error: 'server_error' }, NO_STORE)
      : errorPage(500, 'The authorization server failed. Try again.')
  }
}
