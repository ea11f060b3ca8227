// Small HTTP helpers over node:http: bounded bodies, strict form parsing, JSON and error replies.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { OAuthError } from './errors.ts'

/** Requests to an identity domain are small; a bound keeps a stray client from filling memory. */
const MAX_BODY_BYTES = 64 * 1024

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY_BYTES) throw new OAuthError('invalid_request', 'Request body is too large', 413)
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** The media type alone, lower-cased, parameters dropped — compared exactly, never by substring. */
export function mediaType(req: IncomingMessage): string {
  const header = req.headers['content-type'] ?? ''
  return header.split(';', 1)[0].trim().toLowerCase()
}

/**
 * Parses an application/x-www-form-urlencoded body. RFC 6749 §3.1/§3.2: parameters must not repeat,
 * and a repeated one is an invalid request rather than "last one wins".
 */
export async function readForm(req: IncomingMessage): Promise<Map<string, string>> {
  if (mediaType(req) !== 'application/x-www-form-urlencoded') {
    throw new OAuthError('invalid_request', 'Content-Type must be application/x-www-form-urlencoded')
  }
  const params = new URLSearchParams(await readBody(req))
  const form = new Map<string, string>()
  for (const [key, value] of params) {
    if (form.has(key)) throw new OAuthError('invalid_request', `Parameter ${key} is repeated`)
    // RFC 6749 §3.1: parameters sent without a value are treated as omitted.
    if (value !== '') form.set(key, value)
  }
  return form
}

export async function readJson(req: IncomingMessage): Promise<unknown> {
  if (mediaType(req) !== 'application/json') {
    throw new OAuthError('invalid_client_metadata', 'Content-Type must be application/json')
  }
  try {
    return JSON.parse(await readBody(req))
  } catch {
    throw new OAuthError('invalid_client_metadata', 'Body is not valid JSON')
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'Content-Type': 'application/json;charset=UTF-8',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  })
  res.end(text)
}

/** Token, introspection and registration replies carry credentials: never cached (RFC 6749 §5.1). */
export const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' }

/** The answer to an injected `status` fault (../faults.ts), in the OAuth error format. */
export function sendInjectedError(
  res: ServerResponse,
  status: 429 | 500 | 503,
  retryAfterSeconds?: number,
): void {
  const headers: Record<string, string> = { ...NO_STORE }
  if (retryAfterSeconds !== undefined) headers['Retry-After'] = String(retryAfterSeconds)
  const error = status === 500 ? 'server_error' : 'temporarily_unavailable'
  sendJson(res, status, { error, error_description: 'Injected fault' }, headers)
}

export function sendOAuthError(res: ServerResponse, error: OAuthError): void {
  const headers: Record<string, string> = { ...NO_STORE }
  if (error.code === 'invalid_client') headers['WWW-Authenticate'] = 'Basic realm="identity-domain"'
  sendJson(res, error.status, error.toJSON(), headers)
}

export interface BasicCredentials {
  clientId: string
  clientSecret: string
}

/** HTTP Basic client credentials (RFC 6749 §2.3.1: each part form-urlencoded before base64). */
export function basicCredentials(req: IncomingMessage): BasicCredentials | undefined {
  const header = req.headers.authorization
  if (!header) return undefined
  const [scheme, value] = header.split(' ', 2)
  if (scheme.toLowerCase() !== 'basic' || !value) {
    throw new OAuthError('invalid_client', 'Unsupported client authentication scheme')
  }
  const decoded = Buffer.from(value, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon < 0) throw new OAuthError('invalid_client', 'Malformed Basic credentials')
  return { clientId: formDecode(decoded.slice(0, colon)), clientSecret: formDecode(decoded.slice(colon + 1)) }
}

function formDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '))
  } catch {
    return value
  }
}
