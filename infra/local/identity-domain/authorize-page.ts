// GET/POST /oauth2/v1/authorize: a sign-in form for the authorization code flow (RFC 6749 §4.1).
// No session cookie: every authorization asks for the password, so there is no state to forge.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { type Client, redirectUriAllowed } from './clients.ts'
import type { DomainContext } from './context.ts'
import { OAuthError } from './errors.ts'
import { checkPassword } from './grants/password.ts'
import { readBody } from './http.ts'
import { grantScopes, requestedScopes } from './scopes.ts'

/** Parameters carried from the GET into the form and back, never trusted on the way back. */
const CARRIED = [
  'response_type',
  'client_id',
  'redirect_uri',
  'scope',
  'state',
  'code_challenge',
  'code_challenge_method',
  'resource',
] as const

type Params = Map<string, string>

export async function handleAuthorize(
  ctx: DomainContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const params: Params =
    req.method === 'POST'
      ? new Map(new URLSearchParams(await readBody(req)))
      : new Map(new URL(req.url ?? '/', ctx.url).searchParams)
  // Until client and redirect URI are known good, errors are shown here and never redirected.
  const client = params.get('client_id') ? ctx.clients.find(params.get('client_id')!) : undefined
  if (!client) return sendPage(res, 400, errorPage('Unknown or missing client_id.'))
  const redirectUri = params.get('redirect_uri')
  if (!redirectUri || !redirectUriAllowed(client, redirectUri)) {
    return sendPage(res, 400, errorPage('The redirect_uri is missing or not registered for this client.'))
  }
  const redirectError = (error: OAuthError) =>
    redirect(res, redirectUri, {
      error: error.code,
      error_description: error.message,
      state: params.get('state'),
    })
  try {
    checkRequest(client, params)
    // Refuse before sign-in when the client could not get any requested scope whoever signs in.
    const requested = requestedScopes(params.get('scope'), ctx.audience)
    if (requested) grantScopes(requested, [], client.scopes)
  } catch (error) {
    if (error instanceof OAuthError) return redirectError(error)
    throw error
  }
  if (req.method !== 'POST') return sendPage(res, 200, loginPage(client, params))

  const user = checkPassword(ctx, params.get('username') ?? '', params.get('password') ?? '')
  if (!user) {
    ctx.log(`sign-in failed client_id=${client.clientId}`)
    return sendPage(res, 200, loginPage(client, params, 'The user name or password is incorrect.'))
  }
  let granted: string[]
  try {
    const requested = requestedScopes(params.get('scope'), ctx.audience)
    granted = grantScopes(requested, user.scopes, user.scopes, client.scopes)
  } catch (error) {
    if (error instanceof OAuthError) return redirectError(error)
    throw error
  }
  const code = ctx.codes.issue({
    clientId: client.clientId,
    redirectUri,
    codeChallenge: params.get('code_challenge')!,
    scopes: granted,
    userName: user.userName,
  })
  ctx.log(`signed in sub=${user.userName} client_id=${client.clientId}`)
  redirect(res, redirectUri, { code, state: params.get('state') })
}

function checkRequest(client: Client, params: Params): void {
  if (params.get('response_type') !== 'code') {
    throw new OAuthError('unsupported_response_type', 'Only response_type=code is supported')
  }
  if (!client.grantTypes.includes('authorization_code')) {
    throw new OAuthError('unauthorized_client', 'The client is not allowed the authorization code grant')
  }
  // PKCE is required of every client (OAuth 2.1; MCP authorization requires S256).
  if (!params.get('code_challenge')) throw new OAuthError('invalid_request', 'code_challenge is required')
  if (params.get('code_challenge_method') !== 'S256') {
    throw new OAuthError('invalid_request', 'code_challenge_method must be S256')
  }
}

function redirect(res: ServerResponse, redirectUri: string, query: Record<string, string | undefined>): void {
  const location = new URL(redirectUri)
  for (const [key, value] of Object.entries(query))
    if (value !== undefined) location.searchParams.set(key, value)
  res.writeHead(302, { Location: location.toString(), 'Cache-Control': 'no-store' })
  res.end()
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

function sendPage(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/html;charset=UTF-8',
    'Content-Length': Buffer.byteLength(html),
    'Cache-Control': 'no-store',
    // No scripts at all; the page may not be framed (clickjacking of the sign-in form).
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
  })
  res.end(html)
}

const page = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:26rem;margin:4rem auto;padding:0 1rem}
label,input,button{display:block;width:100%;box-sizing:border-box;margin:.4rem 0}
input,button{padding:.5rem}.error{color:#b00020}.muted{color:#555;font-size:.9rem}</style></head>
<body>${body}</body></html>
`

function errorPage(message: string): string {
  return page('Sign-in error', `<h1>Cannot sign in</h1><p class="error">${escapeHtml(message)}</p>`)
}

function loginPage(client: Client, params: Params, error?: string): string {
  const hidden = CARRIED.filter((name) => params.has(name))
    .map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(params.get(name)!)}">`)
    .join('\n')
  const scope = params.get('scope')
  return page(
    'Sign in',
    `<h1>Sign in</h1>
<p><strong>${escapeHtml(client.clientName)}</strong> asks to act for you${scope ? ` with <code>${escapeHtml(scope)}</code>` : ''}.</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/oauth2/v1/authorize">
${hidden}
<label for="username">User name</label><input id="username" name="username" autocomplete="username" value="${escapeHtml(params.get('username') ?? '')}" required>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>
<p class="muted">Local development identity domain. Passwords are in the data directory's identity-domain.json.</p>`,
  )
}
