// A small external MCP server for the gateway's tests (the 1.x SDK's McpServer over Streamable HTTP, loopback):
// it can demand a bearer token, hang every request, and tell what reached it.
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js'
import { z } from 'zod'

export interface TestBackend {
  url: string
  /** Authorization headers that reached it, in order. */
  authorizations: (string | undefined)[]
  /** Every request that reached it: method, path, headers and body (for checking a signature over them). */
  requests: { method: string; path: string; headers: Record<string, string>; body: string }[]
  /** While true, requests are held unanswered (a hung backend). */
  hang: boolean
  /** Tools it lists; add names to vary the list. */
  extraTools: string[]
  close(): Promise<void>
}

function server(extraTools: string[]) {
  const s = new McpServer({ name: 'test-backend', version: '1.0.0' })
  s.registerTool(
    'echo',
    {
      title: 'Echo',
      description: 'Echoes a message.',
      inputSchema: { message: z.string() },
      outputSchema: { echoed: z.string() },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ message }) => ({
      content: [{ type: 'text', text: message }],
      structuredContent: { echoed: message },
    }),
  )
  s.registerTool(
    'fail',
    { description: 'Always answers isError.', annotations: { destructiveHint: true } },
    async () => ({ content: [{ type: 'text', text: 'it failed' }], isError: true }),
  )
  for (const name of extraTools)
    s.registerTool(name, { description: `Tool ${name}.` }, async () => ({
      content: [{ type: 'text', text: name }],
    }))
  return s
}

export async function startTestBackend(options: { token?: string } = {}): Promise<TestBackend> {
  const held: IncomingMessage[] = []
  const state: TestBackend = {
    url: '',
    authorizations: [],
    requests: [],
    hang: false,
    extraTools: [],
    close: async () => {},
  }
  const http: Server = createServer(async (req, res) => {
    state.authorizations.push(req.headers.authorization)
    if (state.hang) return void held.push(req)
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const body = Buffer.concat(chunks).toString('utf8')
    state.requests.push({
      method: req.method ?? '',
      path: req.url ?? '',
      headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
      body,
    })
    if (options.token && req.headers.authorization !== `Bearer ${options.token}`) {
      res.writeHead(401, { 'Content-Type': 'application/json' })
      return void res.end('{"error":"invalid_token"}')
    }
    // Stateless, as the SDK shows it: a fresh server and transport per request.
    const mcp = server(state.extraTools)
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    })
    res.on('close', () => void mcp.close())
    await mcp.connect(transport)
    let parsed: unknown
    try {
      parsed = body ? JSON.parse(body) : undefined
    } catch {
      res.writeHead(400, { 'Content-Type': 'application/json' })
      return void res.end('{"error":"not JSON"}')
    }
    await transport.handleRequest(req, res, parsed)
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  state.url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`
  state.close = () =>
    new Promise((resolve) => {
      for (const r of held) r.socket.destroy()
      http.closeAllConnections()
      http.close(() => resolve())
    })
  return state
}
