// Which browser origins may call this endpoint (DNS-rebinding protection, MCP Streamable HTTP security warning).
import { setting } from './config.ts'

/** `scheme://host[:port]`, lowercased, default ports dropped; undefined for anything that is not an http(s) origin. */
export function normalizeOrigin(value: string): string | undefined {
  try {
    const url = new URL(value.trim())
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined
    return url.origin.toLowerCase()
  } catch {
    return undefined
  }
}

/** A comma- or space-separated list of origins, normalized; entries that are no origin are left out. */
export const parseOrigins = (list: string | undefined): string[] =>
  (list ?? '')
    .split(/[\s,]+/)
    .filter(Boolean)
    .flatMap((o) => normalizeOrigin(o) ?? [])

/**
 * The endpoint's own origin (that of MCP_RESOURCE_METADATA_URL) and MCP_ALLOWED_ORIGINS. A request without an
 * Origin header comes from no browser and is not this check's business; `null` and foreign origins are refused.
 */
export function originAllowed(origin: string | null, env: NodeJS.ProcessEnv): boolean {
  if (origin === null) return true
  const normalized = normalizeOrigin(origin)
  if (!normalized) return false
  const own = setting('MCP_RESOURCE_METADATA_URL', env)
  const allowed = parseOrigins(setting('MCP_ALLOWED_ORIGINS', env))
  if (own) allowed.push(...parseOrigins(own))
  return allowed.includes(normalized)
}
