// Entry-point helpers: a function's index.ts is one call to one of these.
import { serveOverFn } from './fn-adapter.ts'
import { type GroupImplementation, groupApp } from './group-app.ts'
import { handleMcpHttp } from './http.ts'
import type { McpApp } from './protocol.ts'

export function serveApp(app: McpApp): void {
  serveOverFn((call) => handleMcpHttp(app, call))
}

export function serveGroup(impl: GroupImplementation): void {
  serveApp(groupApp(impl))
}
