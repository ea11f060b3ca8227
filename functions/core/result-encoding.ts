// The 2026-07-28 result envelope: resultType on every result, ttlMs/cacheScope on cacheable ones, serverInfo in _meta.
import { SERVER_INFO_META_KEY } from './revision.ts'

/** Results of these may be cached by a 2026 client (the SDK's CACHEABLE_RESULT_METHODS). */
const CACHEABLE = new Set([
  'tools/list',
  'prompts/list',
  'resources/list',
  'resources/templates/list',
  'resources/read',
  'server/discover',
])
/** Results that may be `input_required` (multi-round-trip); every other method answers `complete` only. */
export const EXTENDED_RESULT_METHODS = new Set(['tools/call', 'prompts/get', 'resources/read'])

/**
 * Catalog lists change only with a deployment, so a client may keep them a few minutes; they are filtered by the
 * caller's scopes, hence private. A resource read is live OCI state: not cached.
 */
const TTL_MS: Record<string, number> = { 'resources/read': 0 }
const LIST_TTL_MS = 300_000

export function encodeModernResult(
  method: string,
  result: Record<string, unknown>,
  serverInfo: { name: string; title?: string; version: string },
): Record<string, unknown> {
  const resultType = result.resultType ?? 'complete'
  if (resultType !== 'complete' && !EXTENDED_RESULT_METHODS.has(method))
    throw new Error(`${method} answered resultType ${String(resultType)}`)
  const out: Record<string, unknown> = { ...result, resultType }
  if (resultType === 'complete' && CACHEABLE.has(method)) {
    out.ttlMs = typeof result.ttlMs === 'number' ? result.ttlMs : (TTL_MS[method] ?? LIST_TTL_MS)
    out.cacheScope = result.cacheScope === 'public' ? 'public' : 'private'
  }
  const meta = (result._meta ?? {}) as Record<string, unknown>
  // The answering server names itself, also over a result relayed from a group function.
  out._meta = { ...meta, [SERVER_INFO_META_KEY]: serverInfo }
  return out
}
