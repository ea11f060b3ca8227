// The backends' tools beside ours: cached lists, per-backend scopes, health with quarantine and recovery.
import type { Caller } from '../../core/caller.ts'
import { intSetting } from '../../core/config.ts'
import { McpFunctionsError } from '../../core/errors.ts'
import { GROUP_NAMES } from '../groups.ts'
import { backendToolVisible } from './access.ts'
import type { BackendTool } from './client.ts'
import { BackendRpcError, callBackendTool, listBackendTools } from './client.ts'
import type { BackendDeclaration } from './declaration.ts'
import type { LoadedBackends } from './load.ts'
import { namespacedToolName } from './names.ts'

export interface BackendState {
  failures: number
  quarantined: boolean
  lastOkAt?: number
  lastFailureAt?: number
  lastError?: { code: string; message: string }
  lastProbeAt?: number
  tools?: BackendTool[]
  fetchedAt?: number
  /** Tools left out because their name is taken (ours, or another backend's). */
  conflicts: string[]
}

export interface GatewayTool {
  name: string
  backend: BackendDeclaration
  tool: BackendTool
}

export interface GatewayDeps {
  load: (env: NodeJS.ProcessEnv) => LoadedBackends
  list?: typeof listBackendTools
  call?: typeof callBackendTool
  now?: () => number
}

export type BackendCallResult = Awaited<ReturnType<typeof callBackendTool>>

const settings = (env: NodeJS.ProcessEnv) => ({
  ttl: intSetting('MCP_BACKEND_CACHE_TTL_MS', env),
  timeout: intSetting('MCP_BACKEND_TIMEOUT_MS', env),
  threshold: intSetting('MCP_BACKEND_FAILURE_THRESHOLD', env),
  probeEvery: intSetting('MCP_BACKEND_PROBE_INTERVAL_MS', env),
})

export class Gateway {
  private loaded?: LoadedBackends
  private readonly states = new Map<string, BackendState>()
  private byName = new Map<string, GatewayTool>()
  private readonly list: typeof listBackendTools
  private readonly call: typeof callBackendTool
  private readonly now: () => number

  constructor(
    private readonly deps: GatewayDeps,
    /** Names the router's own catalog uses: a backend cannot take them. */
    private readonly reserved: ReadonlySet<string>,
  ) {
    this.list = deps.list ?? listBackendTools
    this.call = deps.call ?? callBackendTool
    this.now = deps.now ?? Date.now
  }

  /** Declarations are read on first use, not at load time: no I/O before a request needs it. */
  declarations(env: NodeJS.ProcessEnv = process.env): LoadedBackends {
    if (!this.loaded) {
      this.loaded = this.deps.load(env)
      for (const p of this.loaded.problems) console.error(`gateway: ${p.message}`)
    }
    return this.loaded
  }

  configured(env: NodeJS.ProcessEnv): boolean {
    return this.declarations(env).backends.length > 0
  }

  state(name: string): BackendState {
    let s = this.states.get(name)
    if (!s) {
      s = { failures: 0, quarantined: false, conflicts: [] }
      this.states.set(name, s)
    }
    return s
  }

  private succeeded(b: BackendDeclaration) {
    const s = this.state(b.name)
    s.failures = 0
    s.quarantined = false
    s.lastOkAt = this.now()
  }

  private failed(b: BackendDeclaration, error: unknown, env: NodeJS.ProcessEnv) {
    const s = this.state(b.name)
    s.failures += 1
    s.lastFailureAt = this.now()
    const e = error instanceof McpFunctionsError ? error : undefined
    s.lastError = { code: e?.code ?? 'ERR_BACKEND_UNAVAILABLE', message: e?.message ?? 'failed' }
    if (s.failures >= settings(env).threshold) s.quarantined = true
  }

  private probeDue(s: BackendState, env: NodeJS.ProcessEnv) {
    return !s.quarantined || this.now() - (s.lastProbeAt ?? 0) >= settings(env).probeEvery
  }

  /** Fetches one backend's tool list now (a probe): success brings a quarantined backend back. */
  async probe(b: BackendDeclaration, env: NodeJS.ProcessEnv): Promise<BackendState> {
    const s = this.state(b.name)
    s.lastProbeAt = this.now()
    try {
      s.tools = await this.list(b, env, settings(env).timeout)
      s.fetchedAt = this.now()
      this.succeeded(b)
    } catch (error) {
      this.failed(b, error, env)
    }
    this.index()
    return s
  }

  /**
   * Brings stale lists up to date, all backends at once, each bounded by MCP_BACKEND_TIMEOUT_MS: a hung backend
   * costs a tools/list at most that long, once per TTL, and a quarantined one only when its probe is due.
   */
  async refresh(env: NodeJS.ProcessEnv): Promise<void> {
    const { ttl } = settings(env)
    const stale = this.declarations(env).backends.filter((b) => {
      const s = this.state(b.name)
      if (s.quarantined) return this.probeDue(s, env)
      return s.fetchedAt === undefined || this.now() - s.fetchedAt >= ttl
    })
    await Promise.all(stale.map((b) => this.probe(b, env)))
  }

  async probeAll(env: NodeJS.ProcessEnv): Promise<void> {
    await Promise.all(this.declarations(env).backends.map((b) => this.probe(b, env)))
  }

  /** Rebuilds the name index from the cached lists; first come, first served, ours always first. */
  private index() {
    const next = new Map<string, GatewayTool>()
    for (const b of this.declarations().backends) {
      const s = this.state(b.name)
      s.conflicts = []
      // A quarantined backend's last known tools stay findable, so that a call answers why it cannot run.
      for (const tool of s.tools ?? []) {
        const name = namespacedToolName(b.name, tool.name, b.namespace_tools)
        // A name under a group's prefix would be routed to that group's function at the gateway (zero-hop).
        const grouped = GROUP_NAMES.some((g) => name.startsWith(`${g}_`))
        if (this.reserved.has(name) || grouped || next.has(name)) s.conflicts.push(tool.name)
        else next.set(name, { name, backend: b, tool })
      }
    }
    this.byName = next
  }

  /**
   * The backend tools a caller may see (not quarantined, the caller's scopes, writes only with mutations on):
   * read from the cache, so ours are not delayed by this.
   */
  visible(caller: Caller, env: NodeJS.ProcessEnv): GatewayTool[] {
    return [...this.byName.values()].filter(
      (t) => !this.state(t.backend.name).quarantined && backendToolVisible(t.backend, t.tool, caller, env),
    )
  }

  /** A backend tool as listed: the backend's own fields under its namespaced name, saying who serves it. */
  descriptor({ name, tool, backend }: GatewayTool): Record<string, unknown> {
    return {
      ...tool,
      name,
      title: tool.title ?? (tool.annotations?.title as string | undefined) ?? tool.name,
      description: `${tool.description ?? ''}${tool.description ? ' ' : ''}(Served by ${backend.name}.)`,
    }
  }

  /** Every backend tool that is not quarantined, whoever asks (exports; never a caller's listing). */
  all(): GatewayTool[] {
    return [...this.byName.values()].filter((t) => !this.state(t.backend.name).quarantined)
  }

  /** visible() as tool descriptors. */
  visibleTools(caller: Caller, env: NodeJS.ProcessEnv): Record<string, unknown>[] {
    return this.visible(caller, env).map((t) => this.descriptor(t))
  }

  find(name: string): GatewayTool | undefined {
    return this.byName.get(name)
  }

  /**
   * Forwards a call with the backend's own credentials. A transport failure counts towards quarantine; the
   * backend's own refusal (a JSON-RPC error) or an isError result do not: it answered.
   */
  async forward(
    t: GatewayTool,
    args: Record<string, unknown>,
    env: NodeJS.ProcessEnv,
    deadline: number,
  ): Promise<BackendCallResult> {
    const s = this.state(t.backend.name)
    if (s.quarantined && this.probeDue(s, env)) await this.probe(t.backend, env)
    if (s.quarantined)
      throw new McpFunctionsError(
        'ERR_BACKEND_QUARANTINED',
        `Backend ${t.backend.name} is quarantined after ${s.failures} failures; its tools are unavailable`,
        { hint: 'Use other tools, or try again later; gateway_health shows when it recovers.' },
      )
    try {
      const result = await this.call(t.backend, env, deadline - this.now(), t.tool.name, args)
      this.succeeded(t.backend)
      return result
    } catch (error) {
      if (!(error instanceof BackendRpcError)) {
        this.failed(t.backend, error, env)
      }
      throw error
    }
  }
}
