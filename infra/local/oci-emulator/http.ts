// HTTP plumbing shared by every service: query parsing the way the SDK encodes it, bodies, request ids, replies.
import { randomBytes } from 'node:crypto'
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import type { z } from 'zod'
import {
  cannotParseRequest,
  invalidParameter,
  type OciServiceError,
  requestEntityTooLarge,
} from './errors.ts'

/**
 * The SDK does not URL-encode query values (it joins `key=value` raw) and fetch only escapes what a URL
 * cannot carry, so a `+` here is a plus sign, never a space: URLSearchParams would get that wrong.
 */
export class Query {
  readonly #values = new Map<string, string>()

  constructor(raw: string) {
    for (const part of raw.split('&')) {
      if (!part) continue
      const eq = part.indexOf('=')
      const key = eq < 0 ? part : part.slice(0, eq)
      const value = eq < 0 ? '' : part.slice(eq + 1)
      this.#values.set(decode(key), decode(value))
    }
  }

  get(name: string): string | undefined {
    return this.#values.get(name)
  }

  int(name: string, range: { min: number; max: number; fallback: number }): number {
    const raw = this.get(name)
    if (raw === undefined || raw === '') return range.fallback
    const value = Number(raw)
    if (!Number.isInteger(value) || value < range.min || value > range.max) {
      throw invalidParameter(`The '${name}' parameter must be an integer from ${range.min} to ${range.max}.`)
    }
    return value
  }

  bool(name: string): boolean {
    const raw = this.get(name)
    if (raw === undefined || raw === '' || raw === 'false') return false
    if (raw === 'true') return true
    throw invalidParameter(`The '${name}' parameter must be true or false.`)
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.get(name)
    if (raw === undefined || raw === '') return fallback
    if (!allowed.includes(raw as T)) {
      throw invalidParameter(`The '${name}' parameter must be one of ${allowed.join(', ')}.`)
    }
    return raw as T
  }
}

/**
 * Because the SDK sends query values raw, a `%` in a value (prefix `100%`, `a%b`) arrives as itself:
 * only runs of well-formed escapes that decode to UTF-8 are decoded, and any other `%` is a literal.
 * (A value that itself looks like an escape, `%41`, cannot be told apart; the SDK gives no way to.)
 */
function decode(s: string): string {
  return s.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run)
    } catch {
      return run
    }
  })
}

/** One header value; Node gives arrays only for headers that may repeat, and those are not ours. */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name]
  return Array.isArray(v) ? v[0] : v
}

export const MAX_BODY_BYTES = 64 * 1024 * 1024

export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  if (Number(req.headers['content-length'] ?? 0) > limit) {
    req.resume()
    throw requestEntityTooLarge(limit)
  }
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += chunk.length
    if (size <= limit) chunks.push(chunk)
  }
  if (size > limit) throw requestEntityTooLarge(limit)
  return Buffer.concat(chunks)
}

/**
 * Object Storage ids look like `iad-1:<opaque>`; control-plane ids prefix the client's own
 * opc-request-id, as the real services do, so a client can find its request in our log.
 */
export function newRequestId(service: string, clientRequestId: string | undefined): string {
  if (service === 'objectstorage') return `iad-1:${randomBytes(24).toString('base64url')}`
  const hex = () => randomBytes(16).toString('hex').toUpperCase()
  return `${clientRequestId && /^[\w-]{1,64}$/.test(clientRequestId) ? clientRequestId : hex()}/${hex()}/${hex()}`
}

export interface RouteResult {
  status?: number
  headers?: Record<string, string | number | undefined>
  /** Serialized as application/json. */
  json?: unknown
  body?: Buffer
}

export function send(res: ServerResponse, method: string, result: RouteResult): void {
  const headers: Record<string, string | number> = {}
  for (const [k, v] of Object.entries(result.headers ?? {})) if (v !== undefined) headers[k] = v
  let body = result.body
  if (result.json !== undefined) {
    body = Buffer.from(JSON.stringify(result.json))
    headers['content-type'] = 'application/json'
  }
  const status = result.status ?? 200
  // 204 and 304 must not carry a Content-Length (RFC 9110 §8.6).
  if (headers['content-length'] === undefined && status !== 204 && status !== 304) {
    headers['content-length'] = body?.length ?? 0
  }
  res.writeHead(status, headers)
  // A HEAD answer carries the headers of the GET, and never a body (a 404 included).
  res.end(method === 'HEAD' ? undefined : body)
}

export function sendError(res: ServerResponse, method: string, error: OciServiceError): void {
  send(res, method, {
    status: error.status,
    headers: error.headers,
    json: method === 'HEAD' ? undefined : error,
  })
}

/** Offset paging behind an opaque token, as OCI's `page` / `opc-next-page` pair expects. */
export function paginate<T>(items: readonly T[], limit: number, page: string | undefined) {
  let offset = 0
  if (page) {
    const m = /^o:(\d{1,9})$/.exec(Buffer.from(page, 'base64url').toString('utf8'))
    offset = m ? Number(m[1]) : -1
    if (offset < 0 || offset > items.length) {
      throw invalidParameter("The 'page' parameter is not a page token this API returned.")
    }
  }
  const end = offset + limit
  return {
    items: items.slice(offset, end),
    nextPage: end < items.length ? Buffer.from(`o:${end}`).toString('base64url') : undefined,
  }
}

const parsedBodies = new WeakMap<Buffer, unknown>()

/**
 * The request body as JSON checked against a schema; parsed once per request, because authorization
 * (which needs, say, the target compartment) runs before the handler reads the same body.
 */
export function jsonBody<S extends z.ZodType>(body: Buffer, schema: S): z.infer<S> {
  if (parsedBodies.has(body)) return parsedBodies.get(body) as z.infer<S>
  let raw: unknown
  try {
    raw = JSON.parse(body.toString('utf8'))
  } catch {
    throw cannotParseRequest()
  }
  const result = schema.safeParse(raw)
  if (!result.success) {
    const issue = result.error.issues[0]
    throw invalidParameter(`Invalid value for '${issue.path.join('.') || 'body'}': ${issue.message}`)
  }
  parsedBodies.set(body, result.data)
  return result.data
}
