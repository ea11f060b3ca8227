// Which MCP generation an HTTP request speaks, decided from its body as the 2.x SDK's classifyInboundRequest does.
// 2026-07-28 requests carry their version and client capabilities in params._meta and mirror the body in the
// MCP-Protocol-Version / Mcp-Method / Mcp-Name headers; 2025-11-25 and older negotiate with `initialize`.
import {
  HEADER_MISMATCH,
  INVALID_PARAMS,
  INVALID_REQUEST,
  JsonRpcError,
  UNSUPPORTED_PROTOCOL_VERSION,
} from './jsonrpc.ts'

export const MODERN_PROTOCOL_VERSION = '2026-07-28'
export const SUPPORTED_MODERN_VERSIONS = [MODERN_PROTOCOL_VERSION]
export const LATEST_LEGACY_VERSION = '2025-11-25'
export const SUPPORTED_LEGACY_VERSIONS = [
  LATEST_LEGACY_VERSION,
  '2025-06-18',
  '2025-03-26',
  '2024-11-05',
  '2024-10-07',
]
/** What a server assumes when a 2025 client sends no MCP-Protocol-Version header (2025-06-18 transports). */
export const DEFAULT_LEGACY_VERSION = '2025-03-26'
/** The only revision with JSON-RPC batches: added in 2025-03-26, removed in 2025-06-18. */
export const BATCH_VERSIONS = ['2025-03-26']
export const MAX_BATCH = 10

export const PROTOCOL_VERSION_META_KEY = 'io.modelcontextprotocol/protocolVersion'
export const CLIENT_CAPABILITIES_META_KEY = 'io.modelcontextprotocol/clientCapabilities'
export const CLIENT_INFO_META_KEY = 'io.modelcontextprotocol/clientInfo'
export const SERVER_INFO_META_KEY = 'io.modelcontextprotocol/serverInfo'

/** The revision-dependent facts of one request, handed to the dispatcher. */
export interface Revision {
  modern: boolean
  version: string
  /** 2026-07-28: the capabilities the client declared in this request. */
  clientCapabilities?: Record<string, unknown>
  /** 2026-07-28: the request's _meta, forwarded as-is when the router relays the call. */
  meta?: Record<string, unknown>
}

export const isModernVersion = (v: string): boolean => v >= MODERN_PROTOCOL_VERSION

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

const metaOf = (params: unknown) => (isObject(params) && isObject(params._meta) ? params._meta : undefined)
const hasClaim = (params: unknown) => {
  const meta = metaOf(params)
  return meta !== undefined && PROTOCOL_VERSION_META_KEY in meta
}

const mismatch = (header: string, body: string) =>
  new JsonRpcError(HEADER_MISMATCH, `Bad Request: the request headers and body disagree: ${body}`, {
    mismatch: { header, body },
  })

/** The body field each method's Mcp-Name header mirrors (SEP-2243). */
const NAME_SOURCE: Record<string, string> = {
  'tools/call': 'name',
  'prompts/get': 'name',
  'resources/read': 'uri',
}

/** Decodes an `=?base64?…?=` header value; undefined when the sentinel is there but not canonical Base64/UTF-8. */
export function decodeHeaderValue(value: string): string | undefined {
  if (!(value.startsWith('=?base64?') && value.endsWith('?='))) return value
  const b64 = value.slice(9, -2)
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(b64)) return undefined
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(b64, 'base64'))
  } catch {
    return undefined
  }
}

export interface StandardHeaders {
  version?: string
  method?: string
  name?: string
}

export const standardHeaders = (headers: Headers): StandardHeaders => ({
  version: headers.get('mcp-protocol-version')?.trim() || undefined,
  method: headers.get('mcp-method')?.trim() || undefined,
  name: headers.get('mcp-name')?.trim() || undefined,
})

function validateEnvelope(meta: Record<string, unknown> | undefined): string | undefined {
  if (!meta) return '_meta: missing'
  if (typeof meta[PROTOCOL_VERSION_META_KEY] !== 'string') return `${PROTOCOL_VERSION_META_KEY}: missing`
  if (!isObject(meta[CLIENT_CAPABILITIES_META_KEY])) return `${CLIENT_CAPABILITIES_META_KEY}: missing`
  const info = meta[CLIENT_INFO_META_KEY]
  if (info !== undefined && !(isObject(info) && typeof info.name === 'string'))
    return `${CLIENT_INFO_META_KEY}: expected an Implementation`
  return undefined
}

/**
 * The revision of one single (non-batch) JSON-RPC message, with the 2026 header cross-checks.
 * Throws JsonRpcError with the revision's code; the HTTP layer answers those with 400.
 */
export function classify(
  message: { method?: unknown; params?: unknown; id?: unknown },
  h: StandardHeaders,
): Revision {
  const isRequest = message.id !== undefined && message.id !== null
  const method = String(message.method ?? '')
  const headerModern = h.version !== undefined && isModernVersion(h.version)
  const meta = metaOf(message.params)
  const claimValid = hasClaim(message.params) && validateEnvelope(meta) === undefined
  if (
    method === 'initialize' &&
    !(claimValid && isModernVersion(String(meta?.[PROTOCOL_VERSION_META_KEY])))
  ) {
    if (headerModern)
      throw mismatch(h.version as string, 'an initialize request was sent with a modern header')
    return legacy(h)
  }
  if (hasClaim(message.params)) {
    const problem = isRequest ? validateEnvelope(meta) : undefined
    const claimed = meta?.[PROTOCOL_VERSION_META_KEY]
    if (problem || typeof claimed !== 'string')
      throw new JsonRpcError(
        INVALID_PARAMS,
        `Invalid _meta envelope for protocol revision 2026-07-28: ${problem}`,
      )
    if (h.version !== undefined && h.version !== claimed)
      throw mismatch(
        h.version,
        `the body envelope names ${claimed} but MCP-Protocol-Version names ${h.version}`,
      )
    if (!isModernVersion(claimed)) return legacy(h)
    if (h.method !== undefined && h.method !== method)
      throw mismatch(h.method, `the body names method ${method} but the Mcp-Method header names ${h.method}`)
    if (!SUPPORTED_MODERN_VERSIONS.includes(claimed))
      throw new JsonRpcError(UNSUPPORTED_PROTOCOL_VERSION, `Unsupported protocol version: ${claimed}`, {
        supported: SUPPORTED_MODERN_VERSIONS,
        requested: claimed,
      })
    if (isRequest) requireStandardHeaders(method, message.params as Record<string, unknown>, h)
    return {
      modern: true,
      version: claimed,
      clientCapabilities: meta?.[CLIENT_CAPABILITIES_META_KEY] as Record<string, unknown>,
      meta,
    }
  }
  if (headerModern) {
    if (!isRequest) return { modern: true, version: h.version as string }
    throw new JsonRpcError(
      INVALID_PARAMS,
      `Invalid params: the MCP-Protocol-Version header names ${h.version}, but the request has no per-request _meta envelope`,
      { envelope: { missing: [meta ? PROTOCOL_VERSION_META_KEY : '_meta'] } },
    )
  }
  routingHeadersAgree(method, message.params, h)
  return legacy(h)
}

/**
 * Mcp-Method and Mcp-Name route a request at the gateway (zero-hop: a group's tools/call straight to its function),
 * so whatever revision a request is, a function refuses headers that name something other than the body does.
 */
function routingHeadersAgree(method: string, params: unknown, h: StandardHeaders): void {
  if (h.method !== undefined && h.method !== method)
    throw mismatch(h.method, `the body names method ${method} but the Mcp-Method header names ${h.method}`)
  const field = Object.hasOwn(NAME_SOURCE, method) ? NAME_SOURCE[method] : undefined
  if (h.name === undefined || !field) return
  const value = isObject(params) && typeof params[field] === 'string' ? params[field] : undefined
  const decoded = decodeHeaderValue(h.name)
  if (decoded === undefined || decoded !== value)
    throw mismatch(
      h.name,
      `the body carries params.${field}="${value ?? ''}" but Mcp-Name names "${decoded ?? h.name}"`,
    )
}

function legacy(h: StandardHeaders): Revision {
  if (h.version !== undefined && !SUPPORTED_LEGACY_VERSIONS.includes(h.version))
    throw new JsonRpcError(INVALID_REQUEST, `Unsupported MCP-Protocol-Version: ${h.version}`)
  return { modern: false, version: h.version ?? DEFAULT_LEGACY_VERSION }
}

/** SEP-2243: a 2026 request POST carries MCP-Protocol-Version, Mcp-Method and, where the body names one, Mcp-Name. */
function requireStandardHeaders(method: string, params: Record<string, unknown>, h: StandardHeaders) {
  if (h.version === undefined)
    throw mismatch('(missing)', 'the required MCP-Protocol-Version header is absent')
  if (h.method === undefined)
    throw mismatch('(missing)', `the body names method ${method} but Mcp-Method is absent`)
  const field = Object.hasOwn(NAME_SOURCE, method) ? NAME_SOURCE[method] : undefined
  if (!field) return
  const bodyValue = typeof params[field] === 'string' ? (params[field] as string) : undefined
  if (h.name === undefined) {
    if (bodyValue === undefined) return
    throw mismatch('(missing)', `the body carries params.${field}="${bodyValue}" but Mcp-Name is absent`)
  }
  const decoded = decodeHeaderValue(h.name)
  if (decoded === undefined)
    throw mismatch(h.name, 'the Mcp-Name header carries an invalid Base64 sentinel value')
  if (bodyValue !== undefined && decoded !== bodyValue)
    throw mismatch(h.name, `the body carries params.${field}="${bodyValue}" but Mcp-Name names "${decoded}"`)
}

/** A JSON-RPC batch: refused where the revision has none (2026, 2025-06-18 and later) and bounded otherwise. */
export function checkBatch(batch: unknown[], h: StandardHeaders): void {
  if (batch.length === 0) throw new JsonRpcError(INVALID_REQUEST, 'Bad Request: empty JSON-RPC batch')
  if (
    batch.some((m) => hasClaim(isObject(m) ? m.params : undefined)) ||
    (h.version && isModernVersion(h.version))
  )
    throw new JsonRpcError(
      INVALID_REQUEST,
      'Bad Request: JSON-RPC batches are not part of protocol revision 2026-07-28',
    )
  const version = h.version ?? DEFAULT_LEGACY_VERSION
  if (!BATCH_VERSIONS.includes(version))
    throw new JsonRpcError(
      INVALID_REQUEST,
      `Bad Request: protocol revision ${version} has no JSON-RPC batches`,
    )
  if (batch.length > MAX_BATCH)
    throw new JsonRpcError(INVALID_REQUEST, `Bad Request: a batch holds at most ${MAX_BATCH} messages`)
}
