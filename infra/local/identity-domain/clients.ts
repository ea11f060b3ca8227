// Client lookup and authentication (RFC 6749 §2.3) and redirect URI matching (RFC 8252 §7.3).
import { createHash, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { OAuthError } from './errors.ts'
import { basicCredentials } from './http.ts'
import type { Store, StoredClient } from './store.ts'

export type Client = StoredClient

/** Bounds the state file when a client registers on every run; the oldest registrations go first. */
const MAX_REGISTERED_CLIENTS = 500

export class Clients {
  constructor(private readonly store: Store) {}

  get dev(): Client {
    return this.store.state.devClient
  }

  find(clientId: string): Client | undefined {
    if (clientId === this.dev.clientId) return this.dev
    return this.store.state.clients.find((c) => c.clientId === clientId)
  }

  async register(client: Client): Promise<void> {
    const clients = this.store.state.clients
    clients.push(client)
    if (clients.length > MAX_REGISTERED_CLIENTS) clients.splice(0, clients.length - MAX_REGISTERED_CLIENTS)
    await this.store.save()
  }

  /**
   * Authenticates the client of a token request: HTTP Basic, client_secret_post, or — for a public
   * client — its client_id alone. Any failure is `invalid_client` (401).
   */
  authenticate(req: IncomingMessage, form: Map<string, string>): Client {
    const basic = basicCredentials(req)
    const postedId = form.get('client_id')
    const postedSecret = form.get('client_secret')
    if (basic && postedSecret !== undefined) {
      throw new OAuthError('invalid_request', 'Use one client authentication method, not several')
    }
    if (basic && postedId !== undefined && postedId !== basic.clientId) {
      throw new OAuthError('invalid_request', 'client_id does not match the authenticated client')
    }
    const clientId = basic?.clientId ?? postedId
    // A public client may send Basic with an empty password; that is no secret at all.
    const secret = (basic ? basic.clientSecret : postedSecret) || undefined
    if (!clientId) throw new OAuthError('invalid_client', 'Client authentication is required')
    const client = this.find(clientId)
    if (!client) throw new OAuthError('invalid_client', 'Client authentication failed')
    if (client.type === 'confidential') {
      if (secret === undefined || !sameSecret(secret, client.secret ?? '')) {
        throw new OAuthError('invalid_client', 'Client authentication failed')
      }
    } else if (secret !== undefined) {
      throw new OAuthError('invalid_client', 'Client authentication failed')
    }
    return client
  }
}

/** Constant-time comparison; hashing first makes the lengths equal. */
export function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest()
  return timingSafeEqual(digest(a), digest(b))
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]'])

function loopback(uri: string): URL | undefined {
  try {
    const url = new URL(uri)
    return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname) ? url : undefined
  } catch {
    return undefined
  }
}

/**
 * Exact match against the registered list. Native (public) clients listen on an ephemeral loopback
 * port, so for them a registered loopback URI matches at any port (RFC 8252 §7.3) — same host,
 * path and query; a URI never registered never matches.
 */
export function redirectUriAllowed(client: Client, uri: string): boolean {
  if (client.redirectUris.includes(uri)) return true
  if (client.type !== 'public') return false
  const requested = loopback(uri)
  if (!requested || requested.hash) return false
  return client.redirectUris.some((registered) => {
    const r = loopback(registered)
    return (
      r !== undefined &&
      r.hostname === requested.hostname &&
      r.pathname === requested.pathname &&
      r.search === requested.search
    )
  })
}
