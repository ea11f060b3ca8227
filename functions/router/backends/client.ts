// Talks to one backend with the 1.x SDK client (it negotiates 2025-11-25 and older), loaded only when used.
import { McpFunctionsError } from '../../core/errors.ts'
import { backendFetch } from './credentials.ts'
import type { BackendDeclaration } from './declaration.ts'

/** A backend tool as its tools/list gives it; annotations and schemas travel on unchanged. */
export interface BackendTool {
  name: string
  title?: string
  description?: string
  inputSchema: Record<string, unknown>
  outputSchema?: Record<string, unknown>
  annotations?: Record<string, unknown>
}

type SdkClient = import('@modelcontextprotocol/sdk/client/index.js').Client

/** The backend answered with a JSON-RPC error: it is alive, the request was refused. */
export class BackendRpcError extends McpFunctionsError {
  constructor(
    readonly rpcCode: number,
    message: string,
    readonly data?: unknown,
  ) {
    super('ERR_BACKEND_UNAVAILABLE', message)
  }
}

// -32000 connection closed and -32001 timeout are the SDK's own, not the backend's answers.
const SDK_LOCAL_CODES = new Set([-32000, -32001])
const MAX_PAGES = 20

let sdk:
  | Promise<
      [
        typeof import('@modelcontextprotocol/sdk/client/index.js'),
        typeof import('@modelcontextprotocol/sdk/client/streamableHttp.js'),
        typeof import('@modelcontextprotocol/sdk/types.js'),
      ]
    >
  | undefined
const loadSdk = () =>
  (sdk ??= Promise.all([
    import('@modelcontextprotocol/sdk/client/index.js'),
    import('@modelcontextprotocol/sdk/client/streamableHttp.js'),
    import('@modelcontextprotocol/sdk/types.js'),
  ]))

/**
 * Opens a client on the backend, runs `work`, and closes (ending the session if the backend keeps one): the
 * router is stateless, so nothing outlives the request. Everything, connect included, ends at `timeoutMs`.
 */
export async function withBackend<T>(
  b: BackendDeclaration,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
  work: (client: SdkClient, options: { signal: AbortSignal; timeout: number }) => Promise<T>,
): Promise<T> {
  const [{ Client }, { StreamableHTTPClientTransport }, { McpError }] = await loadSdk()
  const deadline = AbortSignal.timeout(Math.max(1, timeoutMs))
  const options = { signal: deadline, timeout: Math.max(1, timeoutMs) }
  const transport = new StreamableHTTPClientTransport(new URL(b.url), {
    fetch: backendFetch(b, env, deadline),
  })
  const client = new Client({ name: 'oci-mcp-functions-gateway', version: '0.1.0' })
  try {
    await client.connect(transport, options)
    return await work(client, options)
  } catch (error) {
    if (error instanceof McpError && !SDK_LOCAL_CODES.has(error.code))
      throw new BackendRpcError(error.code, error.message, error.data)
    if (error instanceof McpFunctionsError) throw error
    const why = deadline.aborted ? `no answer within ${timeoutMs} ms` : 'not reachable or not speaking MCP'
    throw new McpFunctionsError('ERR_BACKEND_UNAVAILABLE', `Backend ${b.name}: ${why}`, {
      hint: 'Other tools are unaffected; gateway_health shows the backend’s state.',
      cause: error,
    })
  } finally {
    // Best effort, and bounded by the same deadline: a dead backend must not hold the answer.
    if (transport.sessionId && !deadline.aborted) await transport.terminateSession().catch(() => undefined)
    await client.close().catch(() => undefined)
  }
}

export function listBackendTools(b: BackendDeclaration, env: NodeJS.ProcessEnv, timeoutMs: number) {
  return withBackend(b, env, timeoutMs, async (client, options) => {
    const tools: BackendTool[] = []
    let cursor: string | undefined
    for (let page = 0; page < MAX_PAGES; page++) {
      const r = await client.listTools(cursor ? { cursor } : {}, options)
      tools.push(...(r.tools as BackendTool[]))
      cursor = r.nextCursor
      if (!cursor) break
    }
    return tools
  })
}

export function callBackendTool(
  b: BackendDeclaration,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
  name: string,
  args: Record<string, unknown>,
) {
  return withBackend(b, env, timeoutMs, (client, options) =>
    client.callTool({ name, arguments: args }, undefined, options),
  )
}
