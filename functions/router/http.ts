// The router function's HTTP entry: /mcp (MCP), and for clients that do not speak MCP, /openapi.json and /tools/{name}.
import type { HttpCall, HttpReply } from '../core/http.ts'
import { handleMcpHttp } from '../core/http.ts'
import type { McpApp } from '../core/protocol.ts'
import type { Gateway } from './backends/gateway.ts'

/** Whether the body asks for tools/list (alone or in a batch); anything unreadable is left to the MCP layer. */
function listsTools(body: Uint8Array): boolean {
  try {
    const parsed = JSON.parse(new TextDecoder().decode(body)) as unknown
    const messages = Array.isArray(parsed) ? parsed : [parsed]
    return messages.some((m) => (m as { method?: unknown } | null)?.method === 'tools/list')
  } catch {
    return false
  }
}

export interface RouterHttpOptions {
  app: McpApp
  gateway: Gateway
  env?: NodeJS.ProcessEnv
  /** Non-MCP routes (REST), tried before /mcp. */
  extra?: (call: HttpCall, path: string) => Promise<HttpReply | undefined>
}

export function routerHttp({ app, gateway, env = process.env, extra }: RouterHttpOptions) {
  return async (call: HttpCall): Promise<HttpReply> => {
    const path = call.url.split('?')[0]
    const other = await extra?.(call, path)
    if (other) return other
    // The MCP layer lists synchronously from the gateway's cache; bring the cache up to date first, each backend
    // bounded by MCP_BACKEND_TIMEOUT_MS. Only for a caller who sent a token: the cache's TTL bounds the rest.
    if (
      call.method === 'POST' &&
      call.headers.has('authorization') &&
      gateway.configured(env) &&
      listsTools(call.body)
    )
      await gateway.refresh(env)
    return handleMcpHttp(app, call, env)
  }
}
