// Which redirect URIs a client may register and use: loopback http at any port for desktop clients
// (RFC 8252 §7.3, §8.3), or exactly one of the configured URIs of hosted clients.
import { OAuthError } from './errors.ts'

const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost'])

function parse(uri: string): URL | undefined {
  try {
    return new URL(uri)
  } catch {
    return undefined
  }
}

const loopback = (url: URL) => url.protocol === 'http:' && LOOPBACK.has(url.hostname)

/** At registration (or in a metadata document): each URI must be loopback or configured. */
export function checkRegisteredRedirectUris(uris: unknown, hosted: readonly string[]): string[] {
  if (!Array.isArray(uris) || uris.length === 0 || uris.length > 10)
    throw new OAuthError('invalid_redirect_uri', 'redirect_uris must list 1 to 10 URIs')
  for (const uri of uris) {
    const url = typeof uri === 'string' && uri.length <= 2000 ? parse(uri) : undefined
    if (!url || url.hash)
      throw new OAuthError('invalid_redirect_uri', 'redirect_uris must be absolute, without fragment')
    if (!loopback(url) && !hosted.includes(uri))
      throw new OAuthError(
        'invalid_redirect_uri',
        'redirect_uris must be loopback (http://127.0.0.1:<port>/…) or configured in OAUTH_REDIRECT_URIS',
      )
  }
  return uris as string[]
}

/** At /authorize: exact match, or a registered loopback URI at another port (same host, path, query). */
export function redirectUriMatches(registered: readonly string[], requested: string): boolean {
  if (registered.includes(requested)) return true
  const r = parse(requested)
  if (!r || !loopback(r) || r.hash || r.username || r.password) return false
  return registered.some((uri) => {
    const u = parse(uri)
    return (
      u !== undefined &&
      loopback(u) &&
      u.hostname === r.hostname &&
      u.pathname === r.pathname &&
      u.search === r.search
    )
  })
}
