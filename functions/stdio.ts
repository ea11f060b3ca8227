// stdio mode: every group in one process for desktop clients that launch servers themselves. The router's app
// with an in-process invoker: the same catalogs and handlers as the functions, no second implementation.
import { createInterface } from 'node:readline'
import { setAuditSink } from './core/audit.ts'
import { CLAIM_HEADERS } from './core/claims.ts'
import { groupApp } from './core/group-app.ts'
import { handleMcpHttp } from './core/http.ts'
import { asMessage, isRequest, JsonRpcError, PARSE_ERROR, rpcError } from './core/jsonrpc.ts'
import { answer, type McpApp, type RequestContext } from './core/protocol.ts'
import { IMPLEMENTATIONS } from './implementations.ts'
import { routerApp } from './router/app.ts'
import { GROUP_CATALOGS } from './router/groups.ts'
import type { Invoker } from './router/invoker.ts'

export interface StdioOptions {
  env: NodeJS.ProcessEnv
  principal: string
  scopes: string
  input?: NodeJS.ReadableStream
  output?: NodeJS.WritableStream
}

export function inProcessInvoker(env: NodeJS.ProcessEnv): Invoker {
  const apps = new Map<string, Promise<McpApp>>()
  return async (fn, envelope) => {
    const load = IMPLEMENTATIONS[fn]
    if (!load) throw new Error(`unknown group ${fn}`)
    let app = apps.get(fn)
    if (!app) {
      app = load().then(groupApp)
      apps.set(fn, app)
    }
    const call = {
      method: envelope.method,
      url: envelope.url,
      headers: new Headers(envelope.headers),
      body: new TextEncoder().encode(envelope.body),
      callId: envelope.callId ?? crypto.randomUUID(),
    }
    return handleMcpHttp(await app, call, env)
  }
}

/** Serves newline-delimited JSON-RPC on stdin/stdout until stdin closes. */
export async function serveStdio(options: StdioOptions): Promise<void> {
  const output = options.output ?? process.stdout
  const env = { ...options.env, MCP_VERIFY_TOKEN: 'false', MCP_TRUST_CLAIM_HEADERS: 'true' }
  // stdout carries the protocol only: audit lines and logs go to stderr.
  setAuditSink((line) => process.stderr.write(`${line}\n`))
  console.log = console.error
  const app = routerApp(GROUP_CATALOGS, inProcessInvoker(env))
  const headers = new Headers({
    [CLAIM_HEADERS.sub]: options.principal,
    [CLAIM_HEADERS.scope]: options.scopes,
  })
  const ctx = (): RequestContext => ({
    caller: {
      claims: { sub: options.principal, scope: options.scopes },
      scopes: new Set(options.scopes.split(' ')),
    },
    callId: crypto.randomUUID(),
    headers,
    env,
  })
  const write = (message: unknown): void => {
    output.write(`${JSON.stringify(message)}\n`)
  }
  const pending: Promise<void>[] = []
  for await (const line of createInterface({ input: options.input ?? process.stdin })) {
    if (!line.trim()) continue
    let message: ReturnType<typeof asMessage>
    try {
      message = asMessage(JSON.parse(line))
    } catch (error) {
      const e = error instanceof JsonRpcError ? error : new JsonRpcError(PARSE_ERROR, 'Parse error')
      write(rpcError(null, e.rpcCode, e.message))
      continue
    }
    if (isRequest(message)) pending.push(answer(app, message, ctx()).then(write))
  }
  await Promise.all(pending)
}
