// The MCP endpoints compared in-process: our handleMcpHttp, and each SDK generation's own way over the same app.

import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js'
import { createMcpHandler, McpServer as McpServer2 } from '@modelcontextprotocol/server'
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

/** The caller's visible tools on an SDK server of either generation, each calling the same app as ours does. */
function registerVisibleTools(
  register: (
    name: string,
    config: Pick<ToolSpec, 'title' | 'description' | 'annotations'> & {
      inputSchema: ToolSpec['input']
      outputSchema: ToolSpec['output']
    },
    run: (args: unknown) => unknown,
  ) => unknown,
  app: McpApp,
  byName: ReadonlyMap<string, ToolSpec>,
  ctx: RequestContext,
): void {
  for (const { name } of app.listTools(ctx)) {
    const spec = byName.get(name) as ToolSpec
    register(
      name,
      {
        title: spec.title,
        description: spec.description,
        inputSchema: spec.input,
        outputSchema: spec.output,
        annotations: spec.annotations,
      },
      (args) => app.callTool(name, args, ctx),
    )
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
    registerVisibleTools(
      (name, config, run) => server.registerTool(name, config, run as never),
      app,
      byName,
      ctx,
    )
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

/**
 * The second baseline: the 2.x SDK's `createMcpHandler`, built once, whose factory makes a fresh 2.x `McpServer`
 * per request with the caller's visible tools, as its documentation serves a stateless endpoint. A 2025-era
 * request takes its stateless legacy leg, which may answer as an SSE stream: the body is its one `data:` message.
 */
export function sdk2Endpoint(app: McpApp, specs: readonly ToolSpec[], env: NodeJS.ProcessEnv): Endpoint {
  const byName = new Map(specs.map((s) => [s.name, s]))
  let n = 0
  const handler = createMcpHandler(async ({ requestInfo }) => {
    n += 1
    const headers = new Headers(requestInfo?.headers)
    const ctx: RequestContext = {
      caller: await authenticate(headers, env),
      callId: `sdk2-${n}`,
      headers,
      env,
    }
    const server = new McpServer2(app.serverInfo, { instructions: app.instructions })
    registerVisibleTools(
      (name, config, run) => server.registerTool(name, config, run as never),
      app,
      byName,
      ctx,
    )
    return server
  })
  return async (raw) => {
    const res = await handler.fetch(
      new Request('http://127.0.0.1/mcp', { method: 'POST', headers: raw.headers, body: raw.body }),
    )
    const text = await res.text()
    const sse = res.headers.get('content-type')?.startsWith('text/event-stream')
    const body = sse ? (/^data: (.*)$/m.exec(text)?.[1] ?? '') : text
    return { status: res.status, body }
  }
}
