// The token-exchange signer: the caller's identity-domain JWT becomes a UPST bound to a fresh RSA key, so OCI
// sees the caller's own identity. One exchange per token, shared by concurrent calls, reused until shortly before
// it expires. Sessions are keyed by a digest of the whole token: a jti is only as unique as its issuer makes it,
// and two tokens that share one (and differ in sub) must never share an OCI identity.
import { createHash, generateKeyPair, randomUUID } from 'node:crypto'
import { promisify } from 'node:util'
import type { AuthenticationDetailsProvider } from 'oci-common'
import { setting } from './config.ts'
import { McpFunctionsError } from './errors.ts'
import { resolveSecret } from './secrets.ts'

const generate = promisify(generateKeyPair)

export interface ExchangeConfig {
  tokenUrl: string
  clientId: string
  clientSecret: string
  timeoutMs?: number
}

export interface ExchangedSession {
  /** Unique per exchange: clients built with this session's key are cached under it, never shared. */
  id: string
  provider: AuthenticationDetailsProvider
  /** OCID of the user the UPST names. */
  principal: string
  tenancyId: string
  expiresAt: number
}

/** Renew this long before the UPST expires, so a call never starts with a token about to lapse. */
const REFRESH_MARGIN_MS = 60_000
const MAX_SESSIONS = 500

const sessions = new Map<string, { promise: Promise<ExchangedSession>; expiresAt: number }>()
let exchanges = 0

export const exchangeCount = () => exchanges

export async function exchangeConfigFromEnv(env: NodeJS.ProcessEnv): Promise<ExchangeConfig> {
  const tokenUrl = setting('MCP_TOKEN_EXCHANGE_URL', env)
  const clientId = setting('MCP_TOKEN_EXCHANGE_CLIENT_ID', env)
  const clientSecret = await resolveSecret(
    env,
    'MCP_TOKEN_EXCHANGE_CLIENT_SECRET',
    'MCP_TOKEN_EXCHANGE_CLIENT_SECRET_OCID',
  )
  if (!tokenUrl || !clientId || !clientSecret) {
    throw new McpFunctionsError(
      'ERR_CONFIG_INVALID',
      'Token exchange needs MCP_TOKEN_EXCHANGE_URL, MCP_TOKEN_EXCHANGE_CLIENT_ID and the client secret (or its Vault OCID)',
    )
  }
  return { tokenUrl, clientId, clientSecret }
}

const decodeClaims = (jwt: string): Record<string, unknown> => {
  try {
    return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'))
  } catch {
    return {}
  }
}

const failed = (why: string, cause?: unknown) =>
  new McpFunctionsError(
    'ERR_AUTH_EXCHANGE_FAILED',
    `Your token could not be exchanged for an OCI session: ${why}`,
    {
      hint: 'Sign in again to get a fresh token. If it keeps failing, the identity propagation trust or the exchange client is misconfigured — tell the operators.',
      cause,
    },
  )

const newKeyPair = () =>
  generate('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'der' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  })
let spare: ReturnType<typeof newKeyPair> | undefined

/**
 * A fresh RSA-2048 key pair for one session. Generating one takes ~180 ms, so after the first exchange a warm
 * container keeps one spare ready: the next caller's first call does not wait for it. Each key is used once.
 */
function sessionKeyPair(): ReturnType<typeof newKeyPair> {
  const next = spare ?? newKeyPair()
  spare = newKeyPair()
  spare.catch(() => {
    spare = undefined
  })
  return next
}

/** An exchange is tried at most this often: once more after a 5xx, a 429 or a dropped connection. */
const EXCHANGE_ATTEMPTS = 2

async function exchange(token: string, config: ExchangeConfig): Promise<ExchangedSession> {
  exchanges += 1
  const { publicKey, privateKey } = await sessionKeyPair()
  // One time budget for the exchange, retried once when the identity domain is briefly unavailable (5xx, 429, a
  // dropped connection): an exchange changes nothing, so sending it again is safe.
  const signal = AbortSignal.timeout(config.timeoutMs ?? 10_000)
  let response: Response | undefined
  for (let attempt = 1; !response; attempt++) {
    const retry = attempt < EXCHANGE_ATTEMPTS
    try {
      response = await fetch(config.tokenUrl, {
        method: 'POST',
        headers: {
          Authorization: `Basic ${Buffer.from(`${config.clientId}:${config.clientSecret}`).toString('base64')}`,
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({
          grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
          requested_token_type: 'urn:oci:token-type:oci-upst',
          subject_token: token,
          subject_token_type: 'jwt',
          public_key: publicKey.toString('base64'),
        }),
        signal,
      })
    } catch (error) {
      if (retry && !signal.aborted) continue
      throw failed(
        signal.aborted ? 'the identity domain did not answer in time' : 'the identity domain did not answer',
        error,
      )
    }
    if (retry && (response.status >= 500 || response.status === 429)) {
      await response.body?.cancel()
      response = undefined
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200))
    }
  }
  const body = (await response.json().catch(() => ({}))) as { token?: string; error?: string }
  if (!response.ok || typeof body.token !== 'string') {
    throw failed(`the identity domain answered ${response.status}${body.error ? ` (${body.error})` : ''}`)
  }
  const upst = body.token
  const claims = decodeClaims(upst)
  const expiresAt = typeof claims.exp === 'number' ? claims.exp * 1000 : Date.now() + 10 * 60_000
  return {
    id: randomUUID(),
    principal: String(claims.sub ?? ''),
    tenancyId: String(claims.tenant ?? ''),
    expiresAt,
    provider: {
      getKeyId: async () => `ST$${upst}`,
      getPrivateKey: () => privateKey,
      getPassphrase: () => null,
    },
  }
}

/** The session for this caller token; concurrent calls with one token share a single exchange. */
export function sessionFor(token: string, config: ExchangeConfig): Promise<ExchangedSession> {
  const claims = decodeClaims(token)
  const key = createHash('sha256').update(token).digest('base64url')
  const now = Date.now()
  const cached = sessions.get(key)
  if (cached && cached.expiresAt - REFRESH_MARGIN_MS > now) return cached.promise
  if (sessions.size >= MAX_SESSIONS) {
    for (const [k, v] of sessions) if (v.expiresAt - REFRESH_MARGIN_MS <= now) sessions.delete(k)
    if (sessions.size >= MAX_SESSIONS) sessions.delete(sessions.keys().next().value as string)
  }
  // Until the exchange answers, the entry lives as long as the subject token may.
  const tokenExp = typeof claims.exp === 'number' ? claims.exp * 1000 : now + 60_000
  const promise = exchange(token, config)
  const entry = { promise, expiresAt: tokenExp }
  sessions.set(key, entry)
  promise.then(
    (s) => {
      entry.expiresAt = Math.min(s.expiresAt, tokenExp)
    },
    () => sessions.get(key) === entry && sessions.delete(key),
  )
  return promise
}
