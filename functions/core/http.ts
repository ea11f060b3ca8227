// Streamable HTTP, stateless: POST one JSON body, get one JSON body back; GET/DELETE 405; notifications 202.
import { authenticate } from './caller.ts'
import { AuthError, type ErrorCode } from './errors.ts'
import {
  asMessage,
  INVALID_REQUEST,
  isRequest,
  JsonRpcError,
  type JsonRpcId,
  type JsonRpcResponse,
  METHOD_NOT_FOUND,
  PARSE_ERROR,
  rpcError,
} from './jsonrpc.ts'
import { originAllowed } from './origin.ts'
import { answer, type McpApp, type RequestContext } from './protocol.ts'
import { checkBatch, classify, type Revision, standardHeaders } from './revision.ts'

export interface HttpCall {
  method: string
  /** Path and query as the gateway saw them. */
  url: string
  headers: Headers
  body: Uint8Array
  callId: string
  deadline?: Date
}

export interface HttpReply {
  status: number
  headers: Record<string, string>
  body: string
}

const json = (status: number, payload: unknown, headers: Record<string, string> = {}): HttpReply => ({
  status,
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(payload),
})

function metadataUrl(call: HttpCall, env: NodeJS.ProcessEnv): string {
  if (env.MCP_RESOURCE_METADATA_URL) return env.MCP_RESOURCE_METADATA_URL
  const host = call.headers.get('host') ?? 'localhost'
  return `https://${host}/.well-known/oauth-protected-resource`
}

export function authChallenge(error: AuthError, resourceMetadata: string): HttpReply {
  const parts = [`resource_metadata="${resourceMetadata}"`]
  let status = 401
  if (error.code === 'ERR_AUTH_INVALID_TOKEN') parts.push('error="invalid_token"')
  if (error.code === 'ERR_AUTH_INSUFFICIENT_SCOPE') {
    status = 403
    parts.push('error="insufficient_scope"', `scope="${error.requiredScope ?? ''}"`)
  }
  parts.push(`error_description="${error.message.replace(/["\\]/g, '')}"`)
  return json(status, rpcError(null, INVALID_REQUEST, error.message, { code: error.code }), {
    'WWW-Authenticate': `Bearer ${parts.join(', ')}`,
  })
}

function parseBody(call: HttpCall): unknown {
  try {
    // Not UTF-8 is not JSON (RFC 8259 §8.1); a lenient decoder would turn it into text that parses.
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(call.body))
  } catch {
    throw new JsonRpcError(PARSE_ERROR, 'Parse error: the body is not valid JSON')
  }
}

/** 400 for a body that is no JSON-RPC at all or breaks the revision's rules; the error code says which. */
const badRequest = (error: JsonRpcError, id: JsonRpcId | null = null) =>
  json(error.rpcCode === METHOD_NOT_FOUND ? 404 : 400, rpcError(id, error.rpcCode, error.message, error.data))

const idOf = (raw: unknown): JsonRpcId | null => {
  const id = (raw as { id?: unknown } | null)?.id
  return typeof id === 'string' || typeof id === 'number' ? id : null
}

export async function handleMcpHttp(
  app: McpApp,
  call: HttpCall,
  env: NodeJS.ProcessEnv = process.env,
): Promise<HttpReply> {
  // First: a page on a foreign origin (DNS rebinding, a hostile site) learns nothing, not even a parse error.
  if (!originAllowed(call.headers.get('origin'), env)) {
    return json(
      403,
      rpcError(null, INVALID_REQUEST, 'Forbidden: this Origin may not call the endpoint', {
        code: 'ERR_ORIGIN_FORBIDDEN' satisfies ErrorCode,
      }),
    )
  }
  if (call.method !== 'POST') {
    return json(
      405,
      rpcError(null, INVALID_REQUEST, 'Method not allowed: this server is stateless; use POST'),
      {
        Allow: 'POST',
      },
    )
  }
  const contentType = call.headers.get('content-type')?.split(';')[0].trim().toLowerCase()
  if (contentType !== 'application/json') {
    return json(
      415,
      rpcError(null, INVALID_REQUEST, 'Unsupported Media Type: Content-Type must be application/json'),
    )
  }
  const h = standardHeaders(call.headers)
  let parsed: unknown
  let revision: Revision | undefined
  try {
    parsed = parseBody(call)
    if (Array.isArray(parsed)) checkBatch(parsed, h)
    else {
      asMessage(parsed)
      revision = classify(parsed as Record<string, unknown>, h)
    }
  } catch (error) {
    if (error instanceof JsonRpcError) return badRequest(error, idOf(parsed))
    throw error
  }
  try {
    const caller = await authenticate(call.headers, env)
    const batch = Array.isArray(parsed)
    const messages = batch ? (parsed as unknown[]) : [parsed]
    const ctx: RequestContext = {
      caller,
      callId: call.callId,
      deadline: call.deadline,
      headers: call.headers,
      env,
      protocol: revision,
    }
    const replies: JsonRpcResponse[] = []
    for (const raw of messages) {
      let message: ReturnType<typeof asMessage>
      try {
        message = asMessage(raw)
        if (batch) ctx.protocol = classify(message as unknown as Record<string, unknown>, h)
      } catch (error) {
        replies.push(rpcError(idOf(raw), (error as JsonRpcError).rpcCode, (error as JsonRpcError).message))
        continue
      }
      if (isRequest(message)) replies.push(await answer(app, message, ctx))
    }
    if (replies.length === 0) return { status: 202, headers: {}, body: '' }
    return json(200, batch ? replies : replies[0])
  } catch (error) {
    if (error instanceof AuthError) return authChallenge(error, metadataUrl(call, env))
    if (error instanceof JsonRpcError) return badRequest(error)
    throw error
  }
}
