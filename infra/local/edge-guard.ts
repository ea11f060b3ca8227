// Which Host and Origin headers the edge answers (DNS-rebinding protection), and the CORS headers for an allowed origin.
import { normalizeOrigin } from '../../functions/core/origin.ts'

export interface GuardOptions {
  /** The port the edge listens on, and the address. */
  port: number
  listenHost: string
  /** Its public URL (its own origin). */
  publicUrl: string
  /** Host names it also answers to, on any port (a reverse proxy's name). */
  publicHosts?: string[]
  /** Browser origins besides its own. */
  allowedOrigins?: string[]
}

export interface Guard {
  hostAllowed(host: string | undefined): boolean
  originAllowed(origin: string | undefined): boolean
}

const LOOPBACK = ['localhost', '127.0.0.1', '[::1]']

const hostnameOf = (host: string) =>
  host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0]

export function edgeGuard(options: GuardOptions): Guard {
  const publicHost = new URL(options.publicUrl).host.toLowerCase()
  const own = new Set([publicHost, `${options.listenHost}:${options.port}`.toLowerCase()])
  // A browser page on evil.example, resolved to 127.0.0.1, still sends Host: evil.example — unlike loopback names.
  for (const name of LOOPBACK) own.add(`${name}:${options.port}`)
  if (options.port === 80) for (const name of [...LOOPBACK, options.listenHost]) own.add(name)
  const named = new Set((options.publicHosts ?? []).map((h) => h.toLowerCase()))
  const hostAllowed = (host: string | undefined) => {
    if (!host) return false
    const h = host.trim().toLowerCase()
    return own.has(h) || named.has(hostnameOf(h))
  }
  const origins = new Set((options.allowedOrigins ?? []).flatMap((o) => normalizeOrigin(o) ?? []))
  return {
    hostAllowed,
    originAllowed(origin) {
      if (origin === undefined) return true
      const normalized = normalizeOrigin(origin)
      if (!normalized) return false
      return origins.has(normalized) || hostAllowed(new URL(normalized).host)
    },
  }
}
