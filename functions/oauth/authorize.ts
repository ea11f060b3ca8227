// /oauth/authorize → consent page → /oauth/consent → identity domain sign-in → /oauth/callback → client.
// The facade's own PKCE runs to the identity domain; the client's PKCE and state are carried, sealed, to the
// code it gets. A cookie set with the consent page binds consent and callback to the same browser (CSRF).
import type { HttpCall, HttpReply } from '../core/http.ts'
import { type FacadeClient, resolveClient } from './clients.ts'
import type { FacadeConfig } from './config.ts'
import { OAuthError } from './errors.ts'
import { domainAuthorizeUrl } from './identity-domain.ts'
import { consentPage, errorPage } from './pages.ts'
import { redirectUriMatches } from './redirect-uris.ts'
import { randomToken, s256, sha256 } from './seal.ts'

const COOKIE = 'oci_mcp_oauth'
const CONSENT_TTL = 600
const CODE_TTL = 100
const CHALLENGE = /^[A-Za-z0-9_-]{43}$/

export interface AuthorizationRequest {
  cid: string
  ru: string
  st?: string
  cc: string
  sc: string[]
  rs: string
}

const redirectTo = (location: string, extra: Record<string, string> = {}): HttpReply => ({
  status: 302,
  headers: { Location: location, 'Cache-Control': 'no-store', ...extra },
  body: '',
})

function withQuery(uri: string, query: Record<string, string | undefined>): string {
  const url = new URL(uri)
  for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, v)
  return url.href
}

function cookieOf(call: HttpCall): string | undefined {
  for (const part of (call.headers.get('cookie') ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=')
    if (name === COOKIE) return rest.join('=')
  }
  return undefined
}

const cookieHeader = (config: FacadeConfig, value: string, maxAge: number) =>
  `${COOKIE}=${value}; Path=/oauth; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${config.issuer.startsWith('https:') ? '; Secure' : ''}`

export function checkResource(config: FacadeConfig, resource: string | undefined): string {
  if (resource === undefined) return config.resource
  const r = resource.replace(/\/$/, '')
  if (r === config.resource || r.startsWith(`${config.resource}/`)) return r
  throw new OAuthError('invalid_target', 'resource is not a protected resource of this server')
}

function checkScopes(config: FacadeConfig, raw: string | undefined): string[] {
  const requested = (raw ?? '').split(' ').filter(Boolean)
  if (requested.length === 0) return [...config.scopes]
  const granted = [...new Set(requested.filter((s) => config.scopes.includes(s)))]
  if (granted.length === 0) throw new OAuthError('invalid_scope', 'None of the requested scopes is offered')
  return granted
}

/** GET /oauth/authorize: validates the request, then asks the user's consent for this client and these scopes. */
export async function authorize(config: FacadeConfig, call: HttpCall): Promise<HttpReply> {
  const q = new URL(call.url, config.issuer).searchParams
  let client: FacadeClient
  try {
    client = await resolveClient(config, q.get('client_id') ?? undefined)
  } catch (error) {
    if (error instanceof OAuthError) return errorPage(400, `Unknown client: ${error.message}`)
    throw error
  }
  const ru = q.get('redirect_uri')
  // Until the redirect URI is known good, errors are shown here, never redirected (RFC 6749 §4.1.2.1).
  if (!ru || !redirectUriMatches(client.redirectUris, ru))
    return errorPage(400, 'The redirect_uri is missing or not registered for this client.')
  const state = q.get('state') ?? undefined
  try {
    if (q.get('response_type') !== 'code')
      throw new OAuthError('unsupported_response_type', 'response_type must be code')
    const cc = q.get('code_challenge') ?? ''
    if (q.get('code_challenge_method') !== 'S256' || !CHALLENGE.test(cc))
      throw new OAuthError('invalid_request', 'PKCE with code_challenge_method=S256 is required')
    const request: AuthorizationRequest = {
      cid: client.clientId,
      ru,
      st: state,
      cc,
      sc: checkScopes(config, q.get('scope') ?? undefined),
      rs: checkResource(config, q.get('resource') ?? undefined),
    }
    const csrf = randomToken()
    const sealed = config.sealer.seal('consent', { ...request, b: sha256(csrf) }, CONSENT_TTL)
    return consentPage(
      client,
      ru,
      request.sc,
      { request: sealed, csrf },
      cookieHeader(config, csrf, CONSENT_TTL),
    )
  } catch (error) {
    if (!(error instanceof OAuthError)) throw error
    return redirectTo(
      withQuery(ru, { error: error.code, error_description: error.message, state, iss: config.issuer }),
    )
  }
}

/** POST /oauth/consent: the user's decision, from the page this browser was shown. */
export async function consent(config: FacadeConfig, call: HttpCall): Promise<HttpReply> {
  const form = new URLSearchParams(new TextDecoder().decode(call.body))
  const origin = call.headers.get('origin')
  if (origin && origin !== 'null' && origin !== new URL(config.issuer).origin)
    return errorPage(403, 'The consent form was posted from another site.')
  const payload = config.sealer.open('consent', form.get('request') ?? '')
  const csrf = form.get('csrf') ?? ''
  const cookie = cookieOf(call)
  if (!payload || !cookie || cookie !== csrf || sha256(csrf) !== payload.b)
    return errorPage(
      400,
      'This consent request expired or was not started in this browser. Start the sign-in again.',
    )
  const request = payload as unknown as AuthorizationRequest & { b: string }
  if (form.get('decision') !== 'allow') {
    return redirectTo(
      withQuery(request.ru, { error: 'access_denied', state: request.st, iss: config.issuer }),
    )
  }
  const verifier = randomToken()
  const state = config.sealer.seal('idcs-state', { ...request, v: verifier }, CONSENT_TTL)
  return redirectTo(domainAuthorizeUrl(config, request.sc, state, s256(verifier)))
}

/** GET /oauth/callback: the identity domain's answer; the client gets a sealed, single-use code. */
export async function callback(config: FacadeConfig, call: HttpCall): Promise<HttpReply> {
  const q = new URL(call.url, config.issuer).searchParams
  const payload = config.sealer.open('idcs-state', q.get('state') ?? '')
  const cookie = cookieOf(call)
  if (!payload || !cookie || sha256(cookie) !== payload.b)
    return errorPage(400, 'This sign-in expired or was not started in this browser. Start it again.')
  const r = payload as unknown as AuthorizationRequest & { b: string; v: string }
  const clear = { 'Set-Cookie': cookieHeader(config, '', 0) }
  const domainCode = q.get('code')
  if (!domainCode) {
    const error = q.get('error') === 'access_denied' ? 'access_denied' : 'server_error'
    return redirectTo(withQuery(r.ru, { error, state: r.st, iss: config.issuer }), clear)
  }
  const code = config.sealer.seal(
    'code',
    { j: randomToken(18), cid: r.cid, ru: r.ru, cc: r.cc, sc: r.sc, rs: r.rs, dc: domainCode, v: r.v },
    CODE_TTL,
  )
  return redirectTo(withQuery(r.ru, { code, state: r.st, iss: config.issuer }), clear)
}
