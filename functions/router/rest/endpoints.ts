// REST for clients that do not speak MCP: GET /openapi.json and POST /tools/{name}, behind the same authentication.
import { authenticate } from '../../core/caller.ts'
import { AuthError, type ErrorCode, isMcpFunctionsError } from '../../core/errors.ts'
import type { HttpCall, HttpReply } from '../../core/http.ts'
import { authChallenge } from '../../core/http.ts'
import { JsonRpcError } from '../../core/jsonrpc.ts'
import { originAllowed } from '../../core/origin.ts'
import type { McpApp, RequestContext } from '../../core/protocol.ts'
import type { Gateway } from '../backends/gateway.ts'
import { fileTools, filterTools } from './catalog-view.ts'
import { openApiDocument } from './openapi.ts'
import { problem, problemFromResult, statusOf } from './problem.ts'

export interface RestOptions {
  app: McpApp
  gateway: Gateway
  /** Tool name → our group, for filing tools under groups. */
  groupOf: ReadonlyMap<string, string>
  env: NodeJS.ProcessEnv
}

const TOOL_PATH = /^\/tools\/([A-Za-z0-9_-]{1,64})$/

function baseUrl(call: HttpCall, env: NodeJS.ProcessEnv): string {
  // The metadata URL is the gateway's own (Terraform and npm start set it); its origin is the public base URL.
  if (env.MCP_RESOURCE_METADATA_URL) return new URL(env.MCP_RESOURCE_METADATA_URL).origin
  return `https://${call.headers.get('host') ?? 'localhost'}`
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): HttpReply => ({
  status,
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(body),
})

function parseArguments(call: HttpCall): Record<string, unknown> {
  const text = new TextDecoder('utf-8', { fatal: true }).decode(call.body).trim()
  if (!text) return {}
  const parsed = JSON.parse(text) as unknown
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new SyntaxError('the body must be a JSON object of the tool’s arguments')
  return parsed as Record<string, unknown>
}

/** Answers the REST routes; undefined for any other path (the MCP endpoint's). */
export function restEndpoints({ app, gateway, groupOf, env }: RestOptions) {
  async function context(call: HttpCall): Promise<RequestContext> {
    const caller = await authenticate(call.headers, env)
    return { caller, callId: call.callId, deadline: call.deadline, headers: call.headers, env }
  }

  async function openapi(call: HttpCall): Promise<HttpReply> {
    if (call.method !== 'GET')
      return problem(405, 'ERR_INPUT_INVALID', 'Use GET', call.callId, { Allow: 'GET' })
    const ctx = await context(call)
    if (gateway.configured(env)) await gateway.refresh(env)
    const query = new URL(call.url, 'http://x').searchParams
    const tools = filterTools(fileTools(app.listTools(ctx), groupOf, gateway), query)
    return json(
      200,
      openApiDocument({ baseUrl: baseUrl(call, env), tools, all: query.get('all') === 'true' }),
      { 'Cache-Control': 'private, max-age=60' },
    )
  }

  async function tool(call: HttpCall, name: string): Promise<HttpReply> {
    if (call.method !== 'POST')
      return problem(405, 'ERR_INPUT_INVALID', 'Use POST', call.callId, { Allow: 'POST' })
    const type = call.headers.get('content-type')?.split(';')[0].trim().toLowerCase()
    if (call.body.length > 0 && type !== 'application/json')
      return problem(415, 'ERR_INPUT_INVALID', 'Content-Type must be application/json', call.callId)
    let args: Record<string, unknown>
    try {
      args = parseArguments(call)
    } catch (error) {
      return problem(
        400,
        'ERR_INPUT_INVALID',
        `The body is not usable: ${(error as Error).message}`,
        call.callId,
      )
    }
    const ctx = await context(call)
    try {
      const result = await app.callTool(name, args, ctx)
      if (result.isError) return problemFromResult(result, call.callId)
      return json(200, result.structuredContent ?? { content: result.content })
    } catch (error) {
      if (error instanceof AuthError) throw error
      if (isMcpFunctionsError(error))
        return problem(statusOf(error.code), error.code, error.message, call.callId, {}, error.hint)
      if (error instanceof JsonRpcError) {
        const code: ErrorCode = error.rpcCode === -32602 ? 'ERR_INPUT_INVALID' : 'ERR_BACKEND_UNAVAILABLE'
        return problem(statusOf(code), code, error.message, call.callId)
      }
      throw error
    }
  }

  return async (call: HttpCall, path: string): Promise<HttpReply | undefined> => {
    const name = TOOL_PATH.exec(path)?.[1]
    if (path !== '/openapi.json' && !name) return undefined
    if (!originAllowed(call.headers.get('origin'), env))
      return problem(403, 'ERR_ORIGIN_FORBIDDEN', 'This Origin may not call the endpoint', call.callId)
    try {
      return name ? await tool(call, name) : await openapi(call)
    } catch (error) {
      if (error instanceof AuthError) {
        const metadata =
          env.MCP_RESOURCE_METADATA_URL ?? `${baseUrl(call, env)}/.well-known/oauth-protected-resource`
        const challenge = authChallenge(error, metadata)
        return problem(challenge.status, error.code, error.message, call.callId, {
          'WWW-Authenticate': challenge.headers['WWW-Authenticate'],
        })
      }
      throw error
    }
  }
}
