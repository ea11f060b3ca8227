// The integration group's own access token for Oracle Integration: a client-credentials grant with the
// group's confidential application, cached until shortly before it expires, one request for concurrent calls.
// The caller's token is never used here: OIC sees this application, not the MCP caller.
import { createHash } from 'node:crypto'
import { setting } from '../core/config.ts'
import { McpFunctionsError } from '../core/errors.ts'
import { resolveSecret } from '../core/secrets.ts'

export interface OicConfig {
  instanceUrl: string
  integrationInstance?: string
  tokenUrl: string
  clientId: string
  clientSecret: string
  scope?: string
}

/** Renew this long before expiry (or half the lifetime for short tokens). */
const REFRESH_MARGIN_MS = 60_000
const TIMEOUT_MS = 10_000

interface Entry {
  promise: Promise<string>
  expiresAt: number
  /** Set once the grant answered. */
  token?: string
}

const tokens = new Map<string, Entry>()
let grants = 0

/** How many token requests were made; for tests. */
export const tokenRequestCount = () => grants

const isLoopback = (u: URL) => ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname)

function checkedUrl(name: string, value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new McpFunctionsError('ERR_CONFIG_INVALID', `${name} is not a URL`)
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url))) {
    throw new McpFunctionsError('ERR_CONFIG_INVALID', `${name} must be an https URL`)
  }
  return value.replace(/\/+$/, '')
}

export async function oicConfigFromEnv(env: NodeJS.ProcessEnv): Promise<OicConfig> {
  const instanceUrl = setting('OIC_INSTANCE_URL', env)
  const tokenUrl = setting('OIC_TOKEN_URL', env)
  const clientId = setting('OIC_CLIENT_ID', env)
  const clientSecret = await resolveSecret(env, 'OIC_CLIENT_SECRET', 'OIC_CLIENT_SECRET_OCID')
  if (!instanceUrl || !tokenUrl || !clientId || !clientSecret) {
    throw new McpFunctionsError(
      'ERR_CONFIG_INVALID',
      'The integration group is not configured: it needs OIC_INSTANCE_URL, OIC_TOKEN_URL, OIC_CLIENT_ID and OIC_CLIENT_SECRET (or OIC_CLIENT_SECRET_OCID)',
      { hint: 'Ask the operators to configure the Oracle Integration connection of this deployment.' },
    )
  }
  return {
    instanceUrl: checkedUrl('OIC_INSTANCE_URL', instanceUrl),
    integrationInstance: setting('OIC_INTEGRATION_INSTANCE', env),
    tokenUrl: checkedUrl('OIC_TOKEN_URL', tokenUrl),
    clientId,
    clientSecret,
    scope: setting('OIC_SCOPE', env),
  }
}

const failed = (code: 'ERR_CONFIG_INVALID' | 'ERR_OIC_UNREACHABLE', why: string, cause?: unknown) =>
  new McpFunctionsError(code, `No access token for Oracle Integration: ${why}`, {
    hint:
      code === 'ERR_CONFIG_INVALID'
        ? 'The integration group’s client (OIC_CLIENT_ID / secret / OIC_SCOPE) was refused; tell the operators.'
        : 'The identity domain could not be reached; try again shortly.',
    cause,
  })

async function requestToken(config: OicConfig): Promise<{ token: string; expiresIn: number }> {
  grants += 1
  let response: Response
  try {
    response = await fetch(config.tokenUrl, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`${encodeURIComponent(config.clientId)}:${encodeURIComponent(config.clientSecret)}`).toString('base64')}`,
        'Content-Type': 'application/x-www-form-urlencoded',
        Accept: 'application/json',
      },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        ...(config.scope ? { scope: config.scope } : {}),
      }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })
  } catch (error) {
    throw failed('ERR_OIC_UNREACHABLE', 'the token endpoint did not answer', error)
  }
  const body = (await response.json().catch(() => ({}))) as {
    access_token?: unknown
    expires_in?: unknown
    error?: unknown
  }
  if (!response.ok || typeof body.access_token !== 'string') {
    const error = typeof body.error === 'string' ? ` (${body.error})` : ''
    throw failed(
      response.status >= 500 ? 'ERR_OIC_UNREACHABLE' : 'ERR_CONFIG_INVALID',
      `the token endpoint answered ${response.status}${error}`,
    )
  }
  const expiresIn = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 3600
  return { token: body.access_token, expiresIn }
}

/** A rotated secret is a new key: the old token is not reused for a client that may no longer exist. */
const cacheKey = (c: OicConfig) =>
  `${c.tokenUrl}|${c.clientId}|${c.scope ?? ''}|${createHash('sha256').update(c.clientSecret).digest('hex')}`

/** A valid access token for OIC; concurrent callers share one grant, and it is reused until near expiry. */
export function oicAccessToken(config: OicConfig): Promise<string> {
  const key = cacheKey(config)
  const now = Date.now()
  const cached = tokens.get(key)
  if (cached && cached.expiresAt > now) return cached.promise
  // While the grant is in flight every caller waits for it; then it lives until shortly before it expires.
  const entry: Entry = {
    promise: Promise.resolve(''),
    expiresAt: Number.POSITIVE_INFINITY,
  }
  entry.promise = requestToken(config).then(({ token, expiresIn }) => {
    const lifetime = expiresIn * 1000
    entry.expiresAt = Date.now() + lifetime - Math.min(REFRESH_MARGIN_MS, lifetime / 2)
    entry.token = token
    return token
  })
  tokens.set(key, entry)
  entry.promise.catch(() => {
    if (tokens.get(key) === entry) tokens.delete(key)
  })
  return entry.promise
}

/**
 * Forgets a token OIC refused (revoked, or the clocks disagree). Only that token: when concurrent calls are
 * refused together, the first drop starts a new grant and the others share it.
 */
export function dropOicToken(config: OicConfig, refused: string): void {
  const key = cacheKey(config)
  if (tokens.get(key)?.token === refused) tokens.delete(key)
}
