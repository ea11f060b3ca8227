// POST /oauth2/v1/register: RFC 7591 dynamic registration of public clients, so that MCP clients can
// sign in to a bare domain in tests. Off unless the domain is started with dynamicRegistration: a real
// identity domain has no open registration — MCP clients register with the facade (functions/oauth).
import type { IncomingMessage, ServerResponse } from 'node:http'
import { z } from 'zod'
import type { DomainContext } from './context.ts'
import { OAuthError } from './errors.ts'
import { NO_STORE, readJson, sendJson } from './http.ts'
import { isProjectScope } from './scopes.ts'
import { randomHex } from './store.ts'

const GRANTS = ['authorization_code', 'refresh_token'] as const

const RegistrationSchema = z.looseObject({
  redirect_uris: z.array(z.string()).min(1).max(20),
  client_name: z.string().max(200).optional(),
  grant_types: z.array(z.string()).optional(),
  response_types: z.array(z.string()).optional(),
  token_endpoint_auth_method: z.string().optional(),
  scope: z.string().optional(),
})

/** Schemes a browser must never be sent to as a "redirect". */
const FORBIDDEN_SCHEMES = new Set(['javascript:', 'data:', 'file:', 'vbscript:', 'blob:'])

/**
 * RFC 8252 redirect URIs: https, http on a loopback address, or a private-use scheme of a native
 * app (cursor://, vscode://). Plain http elsewhere would leak codes on the network.
 */
function checkRedirectUri(uri: string): void {
  let url: URL
  try {
    url = new URL(uri)
  } catch {
    throw new OAuthError('invalid_redirect_uri', 'redirect_uris must be absolute URIs')
  }
  if (url.hash) throw new OAuthError('invalid_redirect_uri', 'redirect_uris must not contain a fragment')
  if (FORBIDDEN_SCHEMES.has(url.protocol))
    throw new OAuthError('invalid_redirect_uri', `${url.protocol} redirect URIs are refused`)
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)
  if (url.protocol === 'http:' && !loopback) {
    throw new OAuthError('invalid_redirect_uri', 'http redirect URIs must use a loopback address')
  }
}

export async function handleRegister(
  ctx: DomainContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const parsed = RegistrationSchema.safeParse(await readJson(req))
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join('.') || 'body'
    const code = field.startsWith('redirect_uris') ? 'invalid_redirect_uri' : 'invalid_client_metadata'
    throw new OAuthError(code, `Invalid client metadata: ${field}`)
  }
  const meta = parsed.data
  for (const uri of meta.redirect_uris) checkRedirectUri(uri)
  const grantTypes = meta.grant_types ?? [...GRANTS]
  if (
    !grantTypes.includes('authorization_code') ||
    grantTypes.some((g) => !(GRANTS as readonly string[]).includes(g))
  ) {
    throw new OAuthError(
      'invalid_client_metadata',
      'grant_types must be authorization_code, optionally refresh_token',
    )
  }
  if (meta.response_types && (meta.response_types.length !== 1 || meta.response_types[0] !== 'code')) {
    throw new OAuthError('invalid_client_metadata', 'response_types must be ["code"]')
  }
  // A requested scope list limits the client; without one it may ask for any project scope.
  const requestedScopes = meta.scope?.split(' ').filter(isProjectScope)
  const scopes: string[] | 'any' = requestedScopes?.length ? [...new Set(requestedScopes)] : 'any'
  const client = {
    clientId: randomHex(),
    clientName: meta.client_name?.trim() || 'MCP client',
    guid: randomHex(),
    type: 'public' as const,
    redirectUris: meta.redirect_uris,
    grantTypes,
    scopes,
    createdAt: Math.floor(Date.now() / 1000),
  }
  await ctx.clients.register(client)
  ctx.log(`client registered client_id=${client.clientId} redirect_uris=${client.redirectUris.length}`)
  // Only public clients are registered: a requested secret-based auth method is replaced by `none`,
  // which RFC 7591 §3.2.1 allows, and the response says so.
  sendJson(
    res,
    201,
    {
      client_id: client.clientId,
      client_id_issued_at: client.createdAt,
      client_name: client.clientName,
      redirect_uris: client.redirectUris,
      grant_types: client.grantTypes,
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
      ...(scopes === 'any' ? {} : { scope: scopes.join(' ') }),
    },
    NO_STORE,
  )
}
