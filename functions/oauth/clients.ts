// MCP clients without server state: a registered client's id is its own sealed metadata (RFC 7591), and a
// URL client id names its Client ID Metadata Document, fetched and validated on each authorization.
import type { FacadeConfig } from './config.ts'
import { OAuthError } from './errors.ts'
import { checkRegisteredRedirectUris } from './redirect-uris.ts'

export interface FacadeClient {
  clientId: string
  name: string
  redirectUris: string[]
  /** How the client is known: registered here, or described by a document at its URL. */
  kind: 'registered' | 'metadata-document'
}

const PREFIX = 'mcp-dcr.'
const MAX_DOCUMENT_BYTES = 5 * 1024
const FETCH_TIMEOUT_MS = 5_000

function clientName(raw: unknown, fallback: string): string {
  const name =
    typeof raw === 'string'
      ? raw
          .replace(/[\p{Cc}\p{Cf}]/gu, '')
          .trim()
          .slice(0, 100)
      : ''
  return name || fallback
}

function checkMetadata(meta: Record<string, unknown>): void {
  const auth = meta.token_endpoint_auth_method
  // No secret is ever issued: every MCP client is a public client of the facade.
  if (auth !== undefined && auth !== 'none')
    throw new OAuthError('invalid_client_metadata', 'token_endpoint_auth_method must be none')
  const grants = meta.grant_types
  if (grants !== undefined) {
    if (!Array.isArray(grants) || grants.some((g) => g !== 'authorization_code' && g !== 'refresh_token'))
      throw new OAuthError(
        'invalid_client_metadata',
        'grant_types must be authorization_code and refresh_token',
      )
  }
  const types = meta.response_types
  if (types !== undefined && (!Array.isArray(types) || types.some((t) => t !== 'code')))
    throw new OAuthError('invalid_client_metadata', 'response_types must be ["code"]')
}

/** RFC 7591 registration: validates the metadata and returns the client id that carries it. */
export function register(
  config: FacadeConfig,
  meta: unknown,
): { client: FacadeClient; response: Record<string, unknown> } {
  if (!meta || typeof meta !== 'object' || Array.isArray(meta))
    throw new OAuthError('invalid_client_metadata', 'The body must be a JSON object')
  const m = meta as Record<string, unknown>
  checkMetadata(m)
  const redirectUris = checkRegisteredRedirectUris(m.redirect_uris, config.hostedRedirectUris)
  const name = clientName(m.client_name, 'MCP client')
  const issuedAt = Math.floor(Date.now() / 1000)
  const clientId = PREFIX + config.sealer.seal('client', { n: name, r: redirectUris, iat: issuedAt })
  return {
    client: { clientId, name, redirectUris, kind: 'registered' },
    response: {
      client_id: clientId,
      client_id_issued_at: issuedAt,
      client_name: name,
      redirect_uris: redirectUris,
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    },
  }
}

/** A client id is either one this facade issued, or an https URL with a path (a metadata document). */
export async function resolveClient(
  config: FacadeConfig,
  clientId: string | undefined,
): Promise<FacadeClient> {
  if (!clientId || clientId.length > 8192) throw new OAuthError('invalid_client', 'client_id is required')
  if (clientId.startsWith(PREFIX)) {
    const p = config.sealer.open('client', clientId.slice(PREFIX.length))
    if (!p || !Array.isArray(p.r)) throw new OAuthError('invalid_client', 'Unknown client_id')
    return { clientId, name: String(p.n), redirectUris: p.r as string[], kind: 'registered' }
  }
  return fetchMetadataDocument(config, clientId)
}

function documentUrl(config: FacadeConfig, clientId: string): URL {
  let url: URL
  try {
    url = new URL(clientId)
  } catch {
    throw new OAuthError('invalid_client', 'Unknown client_id')
  }
  const loopback = url.protocol === 'http:' && ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname)
  // CIMD: an https URL with a path component, no fragment, no credentials, no dot segments.
  const ok =
    (url.protocol === 'https:' || (loopback && config.cimdAllowLoopback)) &&
    url.pathname !== '/' &&
    !url.hash &&
    !url.username &&
    !url.password &&
    url.href === clientId
  if (!ok) throw new OAuthError('invalid_client', 'A URL client_id must be an https URL with a path')
  return url
}

/** Fetches the document, bounded in size and time, no redirects, and checks it describes this very URL. */
async function fetchMetadataDocument(config: FacadeConfig, clientId: string): Promise<FacadeClient> {
  const url = documentUrl(config, clientId)
  let text: string
  try {
    const res = await fetch(url, {
      redirect: 'error',
      headers: { Accept: 'application/json' },
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    })
    if (res.status !== 200) throw new Error(`status ${res.status}`)
    text = await readBounded(res)
  } catch {
    throw new OAuthError('invalid_client', 'The client metadata document could not be fetched')
  }
  let doc: Record<string, unknown>
  try {
    doc = JSON.parse(text)
  } catch {
    throw new OAuthError('invalid_client_metadata', 'The client metadata document is not JSON')
  }
  if (!doc || typeof doc !== 'object' || doc.client_id !== clientId)
    throw new OAuthError('invalid_client_metadata', 'The document’s client_id must equal its URL')
  if (doc.client_secret !== undefined || doc.client_secret_expires_at !== undefined)
    throw new OAuthError('invalid_client_metadata', 'A client metadata document must not carry a secret')
  checkMetadata(doc)
  const redirectUris = checkRegisteredRedirectUris(doc.redirect_uris, config.hostedRedirectUris)
  return { clientId, name: clientName(doc.client_name, url.host), redirectUris, kind: 'metadata-document' }
}

async function readBounded(res: Response): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? 0)
  if (declared > MAX_DOCUMENT_BYTES) throw new Error('too large')
  const reader = res.body?.getReader()
  if (!reader) return ''
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.length
    if (size > MAX_DOCUMENT_BYTES) {
      await reader.cancel()
      throw new Error('too large')
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}
