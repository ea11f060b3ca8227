// Validates opaque (or any) tokens with the identity domain's RFC 7662 introspection endpoint; answers are cached.
import { createHash } from 'node:crypto'
import { intSetting, setting } from './config.ts'
import { AuthError, McpFunctionsError } from './errors.ts'
import { resolveSecret } from './secrets.ts'

const MAX_ENTRIES = 1000
const cache = new Map<string, { payload: Record<string, unknown>; until: number }>()
let introspections = 0

export const introspectionCount = () => introspections

export async function introspectToken(
  token: string,
  env: NodeJS.ProcessEnv,
): Promise<Record<string, unknown>> {
  const url = setting('MCP_INTROSPECTION_URL', env)
  const clientId = setting('MCP_TOKEN_EXCHANGE_CLIENT_ID', env)
  const secret = await resolveSecret(
    env,
    'MCP_TOKEN_EXCHANGE_CLIENT_SECRET',
    'MCP_TOKEN_EXCHANGE_CLIENT_SECRET_OCID',
  )
  const audience = setting('MCP_TOKEN_AUDIENCE', env)
  if (!url || !clientId || !secret || !audience) {
    throw new McpFunctionsError(
      'ERR_CONFIG_INVALID',
      'Introspection needs MCP_INTROSPECTION_URL, MCP_TOKEN_EXCHANGE_CLIENT_ID/SECRET and MCP_TOKEN_AUDIENCE',
    )
  }
  // The cache is keyed by a digest: the token itself is never kept as a key.
  const key = createHash('sha256').update(token).digest('hex')
  const now = Date.now()
  const hit = cache.get(key)
  if (hit && hit.until > now) return hit.payload
  introspections += 1
  let payload: Record<string, unknown>
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ token }),
      signal: AbortSignal.timeout(10_000),
    })
    if (!res.ok) throw new Error(`status ${res.status}`)
    payload = (await res.json()) as Record<string, unknown>
  } catch {
    throw new AuthError('ERR_AUTH_INVALID_TOKEN', 'The token could not be introspected')
  }
  const aud = payload.aud
  const audiences = Array.isArray(aud) ? aud : [aud]
  const exp = typeof payload.exp === 'number' ? payload.exp * 1000 : 0
  if (
    payload.active !== true ||
    !audiences.includes(audience) ||
    exp <= now ||
    typeof payload.sub !== 'string'
  ) {
    throw new AuthError('ERR_AUTH_INVALID_TOKEN', 'The token is not active for this resource')
  }
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string)
  cache.set(key, {
    payload,
    until: Math.min(exp, now + intSetting('MCP_INTROSPECTION_CACHE_SECONDS', env) * 1000),
  })
  return payload
}
