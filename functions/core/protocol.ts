// Stateless MCP method dispatch: one JSON-RPC request in, one response out, no session kept between calls.
import type { Caller } from './caller.ts'
import type { PromptSpec, ResourceSpec } from './catalog.ts'
import type { InputRequiredResult } from './confirmation.ts'
import type { ToolDescriptor } from './descriptors.ts'
import { AuthError, isMcpFunctionsError } from './errors.ts'
import {
  INTERNAL_ERROR,
  INVALID_PARAMS,
  JsonRpcError,
  type JsonRpcRequest,
  type JsonRpcResponse,
  METHOD_NOT_FOUND,
  rpcError,
  rpcResult,
} from './jsonrpc.ts'
import { encodeModernResult } from './result-encoding.ts'
import {
  LATEST_LEGACY_VERSION,
  type Revision,
  SUPPORTED_LEGACY_VERSIONS,
  SUPPORTED_MODERN_VERSIONS,
} from './revision.ts'
import { type CallToolResult, errorResult } from './tool-runner.ts'

export const LATEST_PROTOCOL_VERSION = LATEST_LEGACY_VERSION
export const SUPPORTED_PROTOCOL_VERSIONS = SUPPORTED_LEGACY_VERSIONS
/** A resource that does not exist: -32602 on every revision (SEP-2164; -32002 was the older spelling). */
export const RESOURCE_NOT_FOUND = INVALID_PARAMS

export interface RequestContext {
  caller: Caller
  callId: string
  deadline?: Date
  /** The incoming request's headers, for a router that forwards the call. */
  headers: Headers
  env: NodeJS.ProcessEnv
  /** The request's protocol revision; absent means a 2025-era request (stdio, tests). */
  protocol?: Revision
  /** 2026-07-28 multi-round-trip: what a retried tools/call carries back (the answers, the server's state). */
  retry?: RetryParams
}

export interface RetryParams {
  inputResponses?: Record<string, unknown>
  requestState?: string
}

export interface ResourceContents {
  uri: string
  mimeType?: string
  text?: string
  blob?: string
}

export interface McpApp {
  serverInfo: { name: string; title: string; version: string }
  instructions?: string
  listTools(ctx: RequestContext): ToolDescriptor[]
  callTool(name: string, args: unknown, ctx: RequestContext): Promise<CallToolResult>
  /**
   * Answers a tools/call before it runs when it must not run yet: the confirmation question of a destructive tool,
   * or the user's decline. Undefined: run it. Apps that only relay calls (the router) leave this to the app that runs.
   */
  confirmTool?(
    name: string,
    args: unknown,
    ctx: RequestContext,
  ):
    | CallToolResult
    | InputRequiredResult
    | undefined
    | Promise<CallToolResult | InputRequiredResult | undefined>
  listResources(ctx: RequestContext): ResourceSpec[]
  listResourceTemplates(ctx: RequestContext): Record<string, unknown>[]
  readResource(uri: string, ctx: RequestContext): Promise<{ contents: ResourceContents[] }>
  listPrompts(ctx: RequestContext): PromptSpec[]
}

const str = (params: Record<string, unknown> | undefined, key: string): string => {
  const value = params?.[key]
  if (typeof value !== 'string' || value === '')
    throw new JsonRpcError(INVALID_PARAMS, `params.${key} must be a non-empty string`)
  return value
}

function getPrompt(app: McpApp, params: Record<string, unknown> | undefined, ctx: RequestContext) {
  const name = str(params, 'name')
  const prompt = app.listPrompts(ctx).find((p) => p.name === name)
  if (!prompt) throw new JsonRpcError(INVALID_PARAMS, `Unknown prompt: ${name}`)
  const args = (params?.arguments ?? {}) as Record<string, unknown>
  if (typeof args !== 'object' || Object.values(args).some((v) => typeof v !== 'string')) {
    throw new JsonRpcError(INVALID_PARAMS, 'params.arguments must map names to strings')
  }
  const missing = prompt.arguments.filter((a) => a.required && !args[a.name]).map((a) => a.name)
  if (missing.length)
    throw new JsonRpcError(INVALID_PARAMS, `Missing prompt arguments: ${missing.join(', ')}`)
  return {
    description: prompt.description,
    messages: [
      { role: 'user', content: { type: 'text', text: prompt.render(args as Record<string, string>) } },
    ],
  }
}

/** The retry fields of a 2026-07-28 request; older revisions have none, so they are ignored there. */
function retryParams(
  params: Record<string, unknown> | undefined,
  ctx: RequestContext,
): RetryParams | undefined {
  if (!ctx.protocol?.modern) return undefined
  const { inputResponses, requestState } = params ?? {}
  if (
    inputResponses !== undefined &&
    (typeof inputResponses !== 'object' || inputResponses === null || Array.isArray(inputResponses))
  )
    throw new JsonRpcError(INVALID_PARAMS, 'params.inputResponses must be an object')
  if (requestState !== undefined && typeof requestState !== 'string')
    throw new JsonRpcError(INVALID_PARAMS, 'params.requestState must be a string')
  if (inputResponses === undefined && requestState === undefined) return undefined
  return { inputResponses: inputResponses as Record<string, unknown> | undefined, requestState }
}

const CAPABILITIES = {
  tools: { listChanged: false },
  resources: { listChanged: false },
  prompts: { listChanged: false },
}

async function dispatch(app: McpApp, req: JsonRpcRequest, ctx: RequestContext): Promise<unknown> {
  const p = req.params
  const modern = ctx.protocol?.modern === true
  // Each generation knows only its own handshake: `initialize` is 2025-era, `server/discover` 2026-era.
  if (modern ? req.method === 'initialize' : req.method === 'server/discover')
    throw new JsonRpcError(METHOD_NOT_FOUND, `Method not found: ${req.method}`)
  switch (req.method) {
    case 'server/discover':
      return {
        supportedVersions: SUPPORTED_MODERN_VERSIONS,
        capabilities: CAPABILITIES,
        ...(app.instructions ? { instructions: app.instructions } : {}),
      }
    case 'initialize': {
      const requested = p?.protocolVersion
      const protocolVersion =
        typeof requested === 'string' && SUPPORTED_PROTOCOL_VERSIONS.includes(requested)
          ? requested
          : LATEST_PROTOCOL_VERSION
      return {
        protocolVersion,
        capabilities: CAPABILITIES,
        serverInfo: app.serverInfo,
        ...(app.instructions ? { instructions: app.instructions } : {}),
      }
    }
    case 'ping':
      return {}
    case 'tools/list':
      return { tools: app.listTools(ctx) }
    case 'tools/call': {
      const args = p?.arguments
      if (args !== undefined && (typeof args !== 'object' || args === null || Array.isArray(args))) {
        throw new JsonRpcError(INVALID_PARAMS, 'params.arguments must be an object')
      }
      try {
        const name = str(p, 'name')
        const call = { ...ctx, retry: retryParams(p, ctx) }
        return (
          (await app.confirmTool?.(name, args ?? {}, call)) ?? (await app.callTool(name, args ?? {}, call))
        )
      } catch (error) {
        // A coded failure of the call itself (mutations off, a group unreachable…) is a result the model can act
        // on; an unknown tool and authorization stay protocol answers (-32602, 401/403).
        if (
          isMcpFunctionsError(error) &&
          !(error instanceof AuthError) &&
          error.code !== 'ERR_TOOL_UNKNOWN'
        ) {
          return errorResult(error, ctx.callId)
        }
        throw error
      }
    }
    case 'resources/list':
      return { resources: app.listResources(ctx) }
    case 'resources/templates/list':
      return { resourceTemplates: app.listResourceTemplates(ctx) }
    case 'resources/read':
      return app.readResource(str(p, 'uri'), ctx)
    case 'prompts/list':
      return { prompts: app.listPrompts(ctx).map(({ render: _r, ...rest }) => rest) }
    case 'prompts/get':
      return getPrompt(app, p, ctx)
    case 'logging/setLevel':
      return {}
    default:
      throw new JsonRpcError(METHOD_NOT_FOUND, `Method not found: ${req.method}`)
  }
}

/** Answers one request. AuthError escapes so the HTTP layer can answer 401/403; everything else becomes JSON-RPC. */
export async function answer(
  app: McpApp,
  req: JsonRpcRequest,
  ctx: RequestContext,
): Promise<JsonRpcResponse> {
  const id = req.id as string | number
  try {
    const result = (await dispatch(app, req, ctx)) as Record<string, unknown>
    return rpcResult(
      id,
      ctx.protocol?.modern ? encodeModernResult(req.method, result, app.serverInfo) : result,
    )
  } catch (error) {
    if (error instanceof AuthError) throw error
    if (error instanceof JsonRpcError) return rpcError(id, error.rpcCode, error.message, error.data)
    if (isMcpFunctionsError(error)) {
      // The code rides in data so a client can tell a malformed name from a missing resource (both -32602).
      if (error.code === 'ERR_TOOL_UNKNOWN' || error.code === 'ERR_INPUT_INVALID')
        return rpcError(id, INVALID_PARAMS, error.message, { code: error.code })
      if (error.code === 'ERR_RESOURCE_UNKNOWN' || error.code === 'ERR_OCI_NOT_FOUND')
        return rpcError(id, RESOURCE_NOT_FOUND, error.message, { code: error.code })
      return rpcError(id, INTERNAL_ERROR, error.message, { code: error.code, hint: error.hint })
    }
    console.error(`request ${req.method} failed unexpectedly (call ${ctx.callId}):`, error)
    return rpcError(id, INTERNAL_ERROR, `Internal error; call id ${ctx.callId}`)
  }
}
