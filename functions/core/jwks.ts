// The identity domain's JWKS, fetched and cached here rather than by jose directly: real identity domains publish
// `key_ops` values (e.g. ["sig","encrypt"]) that WebCrypto refuses for verification, so keys are normalized first.
import { createLocalJWKSet, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose'

export interface RemoteJwks {
  getKey: JWTVerifyGetKey
  /** How many times the document was fetched (tests and metrics). */
  fetches(): number
}

const KEEP = ['kty', 'kid', 'alg', 'n', 'e', 'crv', 'x', 'y', 'x5c', 'x5t', 'x5t#S256'] as const

export function normalizeJwks(doc: unknown): JSONWebKeySet {
  const keys = (doc as { keys?: unknown })?.keys
  if (!Array.isArray(keys)) throw new Error('not a JWKS document')
  return {
    keys: keys
      .filter((k) => k && typeof k === 'object' && (k as { use?: string }).use !== 'enc')
      .map((k) =>
        Object.fromEntries(KEEP.filter((f) => f in k).map((f) => [f, (k as Record<string, unknown>)[f]])),
      ),
  } as JSONWebKeySet
}

/**
 * A remote JWKS with jose's semantics (cache for `maxAgeMs`, refetch on an unknown kid at most every
 * `cooldownMs`), single-flight fetches, and key normalization.
 */
export function remoteJwks(
  url: string,
  options: { maxAgeMs?: number; cooldownMs?: number; timeoutMs?: number } = {},
): RemoteJwks {
  const maxAge = options.maxAgeMs ?? 10 * 60_000
  const cooldown = options.cooldownMs ?? 30_000
  let local: JWTVerifyGetKey | undefined
  let fetchedAt = 0
  let inflight: Promise<JWTVerifyGetKey> | undefined
  let count = 0

  const refresh = () => {
    inflight ??= (async () => {
      try {
        count += 1
        const res = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 5000) })
        if (!res.ok) throw new Error(`JWKS answered ${res.status}`)
        local = createLocalJWKSet(normalizeJwks(await res.json()))
        fetchedAt = Date.now()
        return local
      } finally {
        inflight = undefined
      }
    })()
    return inflight
  }

  const getKey: JWTVerifyGetKey = async (header, token) => {
    const age = Date.now() - fetchedAt
    const current = !local || age > maxAge ? await refresh() : local
    try {
      return await current(header, token)
    } catch (error) {
      // A key rotation: look again, but not more often than the cooldown allows.
      if (age < cooldown) throw error
      return (await refresh())(header, token)
    }
  }
  return { getKey, fetches: () => count }
}
