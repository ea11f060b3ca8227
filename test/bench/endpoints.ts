// The two MCP endpoints compared in-process: our handleMcpHttp, and the SDK's own way (DESIGN §MCP) over the same app.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js'
import { authenticate } from '../../functions/core/caller.ts'
import type { ToolSpec } from '../../functions/core/catalog.ts'
import { handleMcpHttp } from '../../functions/core/http.ts'
import type { McpApp, RequestContext } from '../../functions/core/protocol.ts'

/** What a function receives from the platform, before either adapter touches it. */
export interface RawRequest {
  headers: Record<string, string>
  body: Uint8Array<ArrayBuffer>
}

export interface RawReply {
  status: number
  body: string
}

export type Endpoint = (req: RawRequest) => Promise<RawReply>

export function oursEndpoint(app: McpApp, env: NodeJS.ProcessEnv): Endpoint {
  let n = 0
  return async (raw) => {
    n += 1
    const reply = await handleMcpHttp(
      app,
      { method: 'POST', url: '/mcp', headers: new Headers(raw.headers), body: raw.body, callId: `ours-${n}` },
      env,
    )
    return { status: reply.status, body: reply.body }
  }
}

/**
 * The baseline: per request a fresh `McpServer` with the caller's visible tools registered from the catalog's
 * zod schemas, and a stateless JSON-response `WebStandardStreamableHTTPServerTransport`. The tool callbacks run
 * the same app (`callTool`: access check, handler, audit), so only the protocol layer differs.
 */
export function sdkEndpoint(app: McpApp, specs: readonly ToolSpec[], env: NodeJS.ProcessEnv): Endpoint {
  const byName = new Map(specs.map((s) => [s.name, s]))
  let n = 0
  return async (raw) => {
    n += 1
    const headers = new Headers(raw.headers)
    const ctx: RequestContext = { caller: await authenticate(headers, env), callId: `sdk-${n}`, headers, env }
    const server = new McpServer(app.serverInfo, { instructions: app.instructions })
    for (const { name } of app.listTools(ctx)) {
      const spec = byName.get(name) as ToolSpec
      server.registerTool(
        name,
        {
          title: spec.title,
          description: spec.description,
          inputSchema: spec.input,
          outputSchema: spec.output,
          annotations: spec.annotations,
        },
        (args: unknown) => app.callTool(name, args, ctx) as never,
      )
    }
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    })
    await server.connect(transport)
    try {
      const res = await transport.handleRequest(
        new Request('http://127.0.0.1/mcp', { method: 'POST', headers, body: raw.body }),
      )
      return { status: res.status, body: await res.text() }
    } finally {
      await server.close()
    }
  }
}
