// The router's own credentials for a backend — never the caller's token — and a fetch bounded by a deadline.
import { cjsExports } from '../../core/cjs.ts'
import { McpFunctionsError } from '../../core/errors.ts'
import { resolveSecret } from '../../core/secrets.ts'
import type { BackendDeclaration } from './declaration.ts'

export type FetchLike = (url: string | URL, init?: RequestInit) => Promise<Response>
type SecretRef = { ocid?: string; env?: string }

const unavailable = (backend: string, why: string, cause?: unknown) =>
  new McpFunctionsError('ERR_BACKEND_UNAVAILABLE', `Backend ${backend}: ${why}`, {
    hint: 'The gateway’s operators must fix the backend’s credentials; gateway_health shows its state.',
    cause,
  })

async function secret(backend: string, ref: SecretRef, env: NodeJS.ProcessEnv): Promise<string> {
  if (ref.env) {
    const value = env[ref.env]
    if (!value) throw unavailable(backend, `its secret variable ${ref.env} is not set`)
    return value
  }
  // resolveSecret reads by variable names; the OCID rides in one so its cache and Vault client are shared.
  const value = await resolveSecret(
    { ...env, MCP_BACKEND_SECRET_OCID: ref.ocid },
    'MCP_BACKEND_SECRET_NO_LITERAL',
    'MCP_BACKEND_SECRET_OCID',
  )
  if (!value) throw unavailable(backend, 'its secret is empty')
  return value
}

const tokens = new Map<string, { token: string; until: number }>()

async function clientCredentialsToken(
  b: BackendDeclaration,
  auth: Extract<BackendDeclaration['auth_method'], { method: 'oauth_client_credentials' }>,
  env: NodeJS.ProcessEnv,
  signal: AbortSignal,
): Promise<string> {
  const cached = tokens.get(b.name)
  if (cached && cached.until > Date.now()) return cached.token
  const clientSecret = await secret(b.name, auth.client_secret, env)
  const basic = Buffer.from(
    `${encodeURIComponent(auth.client_id)}:${encodeURIComponent(clientSecret)}`,
  ).toString('base64')
  const res = await fetch(auth.token_url, {
    method: 'POST',
    headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      ...(auth.scope ? { scope: auth.scope } : {}),
    }),
    signal,
  })
  const body = (await res.json().catch(() => ({}))) as { access_token?: string; expires_in?: number }
  if (!res.ok || !body.access_token) throw unavailable(b.name, `its token endpoint answered ${res.status}`)
  // Renewed a minute early so that no request leaves with a token about to expire.
  tokens.set(b.name, {
    token: body.access_token,
    until: Date.now() + Math.max(0, (body.expires_in ?? 300) - 60) * 1000,
  })
  return body.access_token
}

/** Signs with the router's resource principal (OCI HTTP signature), loaded only when a backend asks for it. */
async function signed(url: string, init: RequestInit, env: NodeJS.ProcessEnv): Promise<Headers> {
  const [common, { signerFor }] = await Promise.all([import('oci-common'), import('../../core/signer.ts')])
  const { DefaultRequestSigner } = cjsExports(common)
  const signer = await signerFor(
    { claims: { sub: 'router' }, scopes: new Set() },
    { ...env, OCI_AUTH: 'resource_principal' },
  )
  const headers = new Headers(init.headers)
  const request = { method: (init.method ?? 'GET') as never, uri: url, headers, body: init.body }
  await new DefaultRequestSigner(signer.provider).signHttpRequest(request)
  return headers
}

/**
 * A fetch for one backend: its credentials added, anything a caller sent left out, and every request cut off
 * when `deadline` fires (a hung backend costs the router at most that long).
 */
export function backendFetch(
  b: BackendDeclaration,
  env: NodeJS.ProcessEnv,
  deadline: AbortSignal,
): FetchLike {
  return async (url, init = {}) => {
    const signal = init.signal ? AbortSignal.any([init.signal, deadline]) : deadline
    const headers = new Headers(init.headers)
    headers.delete('authorization')
    const auth = b.auth_method
    if (auth.method === 'bearer')
      headers.set('authorization', `Bearer ${await secret(b.name, auth.token, env)}`)
    if (auth.method === 'oauth_client_credentials')
      headers.set('authorization', `Bearer ${await clientCredentialsToken(b, auth, env, signal)}`)
    const out: RequestInit = { ...init, headers, signal }
    if (auth.method === 'resource_principal') out.headers = await signed(String(url), out, env)
    const res = await fetch(url, out)
    // A token the backend no longer accepts is fetched again next time rather than reused until it expires.
    if (res.status === 401) tokens.delete(b.name)
    return res
  }
}
