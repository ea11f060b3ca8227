// Runs each function as Node processes through the real FDK, and calls them over their Fn sockets like the Fn agent.
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, mkdirSync, rmSync } from 'node:fs'
import { createServer, request, type Server } from 'node:http'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import {
  FunctionsHostError,
  MAX_CONTAINERS_ENV,
  maxContainersFrom,
  START_TIMEOUT_ENV,
  startTimeoutFrom,
} from './functions-host-config.ts'

export { FunctionsHostError, startTimeoutFrom } from './functions-host-config.ts'

export interface FunctionProcessSpec {
  name: string
  /** Command and arguments that start the function (the FDK reads FN_FORMAT / FN_LISTENER). */
  command: string[]
  env: NodeJS.ProcessEnv
}

export interface FnReply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: Buffer
}

export interface FunctionsHostOptions {
  socketDir: string
  functions: FunctionProcessSpec[]
  /** Each line a function writes to stdout or stderr. */
  onLine?: (fn: string, line: string, stream: 'stdout' | 'stderr') => void
  log?: (line: string) => void
  /** How long a container may take to listen; else MCP_LOCAL_START_TIMEOUT_MS, else 120 s stretched by load. */
  startTimeoutMs?: number
  /** Containers per function at most; else MCP_LOCAL_MAX_CONTAINERS, else 2. */
  maxContainers?: number
  /** An extra container idle this long is stopped (default 60 s); the first one always stays. */
  idleContainerMs?: number
  /** Where the defaults above are read from (tests); process.env otherwise. */
  env?: NodeJS.ProcessEnv
}

interface Container {
  child: ChildProcess
  socket: string
  /** The first container listens where the router and stack.json expect `<function>/lsnr.sock`. */
  primary: boolean
  ready: boolean
  busy: boolean
  retired: boolean
  idleTimer?: NodeJS.Timeout
}

interface Pool {
  spec: FunctionProcessSpec
  containers: Container[]
  /** Calls waiting for a container; Fn sends one request at a time to each. */
  waiters: { resolve: (c: Container) => void; reject: (e: Error) => void }[]
  restarts: number
  extras: number
  calls: number
  /** The first container crashed and its replacement waits out the crash-loop pause. */
  primaryPending: boolean
  stopping: boolean
}

const alive = (c: Container) => c.child.exitCode === null && c.child.signalCode === null

export class FunctionsHost {
  private readonly pools = new Map<string, Pool>()
  private readonly startTimeoutMs: number
  private readonly maxContainers: number

  constructor(private readonly options: FunctionsHostOptions) {
    const env = options.env ?? process.env
    this.startTimeoutMs = startTimeoutFrom(options, env)
    this.maxContainers = maxContainersFrom(options, env)
    for (const spec of options.functions)
      this.pools.set(spec.name, {
        spec,
        containers: [],
        waiters: [],
        restarts: 0,
        extras: 0,
        calls: 0,
        primaryPending: false,
        stopping: false,
      })
  }

  get names(): string[] {
    return [...this.pools.keys()]
  }

  /** Calls made to a function so far (each one an invocation, as OCI Functions bills them). */
  callsOf(fn: string): number {
    return this.pools.get(fn)?.calls ?? 0
  }

  restartsOf(fn: string): number {
    return this.pools.get(fn)?.restarts ?? 0
  }

  /** Containers running or starting for a function. */
  containersOf(fn: string): number {
    return this.pools.get(fn)?.containers.length ?? 0
  }

  async start(): Promise<void> {
    await Promise.all([...this.pools.values()].map((pool) => this.launch(pool, true)))
  }

  private launch(pool: Pool, primary: boolean): Promise<void> {
    const { socketDir, onLine, log } = this.options
    const name = pool.spec.name
    // Extras live apart from `<function>/`, which a restarted first container empties.
    const dir = primary ? join(socketDir, name) : join(socketDir, '.extra', `${name}-${++pool.extras}`)
    rmSync(dir, { recursive: true, force: true })
    mkdirSync(dir, { recursive: true })
    const socket = join(dir, 'lsnr.sock')
    const [cmd, ...args] = pool.spec.command
    const child = spawn(cmd, args, {
      env: { ...pool.spec.env, FN_FORMAT: 'http-stream', FN_LISTENER: `unix:${socket}` },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const container: Container = { child, socket, primary, ready: false, busy: false, retired: false }
    pool.containers.push(container)
    for (const stream of ['stdout', 'stderr'] as const) {
      createInterface({ input: child[stream] }).on('line', (line) => onLine?.(name, line, stream))
    }
    child.on('exit', (code, signal) => {
      pool.containers = pool.containers.filter((c) => c !== container)
      clearTimeout(container.idleTimer)
      if (pool.stopping || container.retired) return
      if (!container.ready) return // a start failure: reported by the launch itself
      pool.restarts += 1
      log?.(`function ${name} exited (${signal ?? code})${primary ? '; restarting' : ''}`)
      // Like Fn, a crashed container is replaced; a short pause keeps a crash loop from spinning.
      if (primary) {
        pool.primaryPending = true
        setTimeout(
          () => {
            pool.primaryPending = false
            if (!pool.stopping) this.launch(pool, true).catch((e) => log?.(String(e)))
          },
          Math.min(5000, 200 * pool.restarts),
        )
      } else this.scaleFor(pool)
    })
    return waitForSocket(socket, child, this.startTimeoutMs, name).then(
      () => {
        container.ready = true
        this.release(pool, container)
      },
      (error: Error) => {
        container.retired = true
        if (alive(container)) child.kill('SIGKILL')
        pool.containers = pool.containers.filter((c) => c !== container)
        // Calls waiting with nothing left that could serve them fail now rather than wait forever.
        if (pool.containers.length === 0) for (const w of pool.waiters.splice(0)) w.reject(error)
        throw error
      },
    )
  }

  /** Start another container when calls wait and every container is busy (or none is starting), up to the bound. */
  private scaleFor(pool: Pool): void {
    if (pool.stopping) return
    const starting = pool.containers.filter((c) => !c.ready).length + (pool.primaryPending ? 1 : 0)
    const running = pool.containers.length + (pool.primaryPending ? 1 : 0)
    if (pool.waiters.length > starting && running < this.maxContainers) {
      const primary = !pool.primaryPending && !pool.containers.some((c) => c.primary)
      this.launch(pool, primary).catch((e) => this.options.log?.(String(e)))
    }
  }

  private acquire(pool: Pool, deadline: number): Promise<Container> {
    if (pool.stopping) return Promise.reject(new FunctionsHostError('ERR_FN_STOPPED', 'the host is stopping'))
    const idle = pool.containers.find((c) => c.ready && !c.busy && alive(c))
    if (idle) {
      idle.busy = true
      clearTimeout(idle.idleTimer)
      return Promise.resolve(idle)
    }
    const waiting = new Promise<Container>((resolve, reject) => {
      // A call still queued at its deadline leaves the queue: no container is handed to it afterwards.
      const timer = setTimeout(() => {
        pool.waiters = pool.waiters.filter((w) => w !== waiter)
        reject(new CallTimedOut())
      }, deadline - Date.now())
      const waiter = {
        resolve: (c: Container) => {
          clearTimeout(timer)
          resolve(c)
        },
        reject: (e: Error) => {
          clearTimeout(timer)
          reject(e)
        },
      }
      pool.waiters.push(waiter)
    })
    this.scaleFor(pool)
    return waiting
  }

  private release(pool: Pool, container: Container): void {
    container.busy = false
    if (!alive(container) || container.retired || pool.stopping) return
    const next = pool.waiters.shift()
    if (next) {
      container.busy = true
      next.resolve(container)
      return
    }
    if (!container.primary) {
      clearTimeout(container.idleTimer)
      container.idleTimer = setTimeout(() => {
        if (container.busy) return
        container.retired = true
        pool.containers = pool.containers.filter((c) => c !== container)
        container.child.kill('SIGTERM')
      }, this.options.idleContainerMs ?? 60_000)
      container.idleTimer.unref()
    }
  }

  /** POST /call with the given Fn headers, on a free container of the function (started when all are busy). */
  async call(fn: string, headers: Record<string, string>, body: Buffer): Promise<FnReply> {
    const pool = this.pools.get(fn)
    if (!pool) throw new Error(`unknown function ${fn}`)
    // Fn enforces the call's deadline: past it the caller gets 504 and the container still working is replaced.
    const deadline = deadlineOf(headers)
    pool.calls += 1
    // A refused or missing socket means the request was never delivered: safe to send again, a few times.
    for (let attempt = 1; ; attempt++) {
      let container: Container
      try {
        container = await this.acquire(pool, deadline)
      } catch (error) {
        if (error instanceof CallTimedOut) return timedOut()
        throw error
      }
      try {
        return await postCall(container.socket, headers, body, deadline)
      } catch (error) {
        if (error instanceof CallTimedOut) {
          this.options.log?.(`function ${fn} did not answer by its Fn-Deadline; its container is replaced`)
          // Gone before it is released, so no other call is handed the container still busy with this one.
          if (alive(container)) {
            const exited = once(container.child, 'exit')
            container.child.kill('SIGKILL')
            await exited
          }
          return timedOut()
        }
        const code = (error as NodeJS.ErrnoException).code
        const undelivered = code === 'ECONNREFUSED' || code === 'ENOENT'
        if (!undelivered || attempt >= 3) {
          // The container died under this call: the call fails (as on Fn), and the container is not handed
          // to the next call unless it turns out to be alive after all.
          if (alive(container))
            await Promise.race([once(container.child, 'exit'), new Promise((r) => setTimeout(r, 2000))])
          throw error
        }
        // A container that refuses is on its way out: wait for it to go (replaced as after a crash), or end it.
        if (alive(container))
          await Promise.race([once(container.child, 'exit'), new Promise((r) => setTimeout(r, 2000))])
        if (alive(container)) container.child.kill('SIGKILL')
      } finally {
        this.release(pool, container)
      }
    }
  }

  /**
   * Fn's invoke endpoint (`POST /invoke/<function>`) on a unix socket, for functions that invoke others (the
   * router): calls go through the pool and its deadline like any other, not straight to one container's socket.
   */
  async serveInvoke(socketPath: string): Promise<Server> {
    mkdirSync(dirname(socketPath), { recursive: true })
    rmSync(socketPath, { force: true })
    const server = createServer((req, res) => {
      const fn = /^\/invoke\/([A-Za-z0-9_-]+)$/.exec(req.url ?? '')?.[1]
      if (req.method !== 'POST' || !fn || !this.pools.has(fn)) {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Function not found"}')
        return
      }
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        const headers: Record<string, string> = {}
        for (const [name, value] of Object.entries(req.headers))
          if (/^(fn-|content-type$)/i.test(name) && typeof value === 'string') headers[name] = value
        this.call(fn, headers, Buffer.concat(chunks)).then(
          (reply) => {
            const out: Record<string, string> = {}
            for (const [name, value] of Object.entries(reply.headers))
              if (
                typeof value === 'string' &&
                !/^(content-length|connection|keep-alive|transfer-encoding|date)$/i.test(name)
              )
                out[name] = value
            res.writeHead(reply.status, out).end(reply.body)
          },
          (error: Error) => {
            this.options.log?.(`invoke ${fn} failed: ${error.message}`)
            res.writeHead(502, { 'content-type': 'application/json' }).end('{"message":"Function failed"}')
          },
        )
      })
    })
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(socketPath, () => resolve())
    })
    return server
  }

  async stop(): Promise<void> {
    const all: Promise<unknown>[] = []
    for (const pool of this.pools.values()) {
      pool.stopping = true
      for (const w of pool.waiters.splice(0))
        w.reject(
          new FunctionsHostError('ERR_FN_STOPPED', `the host stopped before ${pool.spec.name} answered`),
        )
      for (const c of pool.containers) {
        clearTimeout(c.idleTimer)
        if (!alive(c)) continue
        all.push(once(c.child, 'exit'))
        c.child.kill('SIGTERM')
        setTimeout(() => c.child.kill('SIGKILL'), 3000).unref()
      }
    }
    await Promise.all(all)
  }
}

async function waitForSocket(
  path: string,
  child: ChildProcess,
  timeoutMs: number,
  name: string,
): Promise<void> {
  const started = Date.now()
  while (!existsSync(path)) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new FunctionsHostError(
        'ERR_FN_START_EXITED',
        `function ${name} exited before listening (${child.signalCode ?? `code ${child.exitCode}`})`,
      )
    if (Date.now() - started > timeoutMs)
      throw new FunctionsHostError(
        'ERR_FN_START_TIMEOUT',
        `function ${name} did not listen on ${path} within ${timeoutMs} ms; on a busy machine allow more ` +
          `with ${START_TIMEOUT_ENV} (or npm start -- --fn-start-timeout <seconds>, FunctionsHost startTimeoutMs)`,
      )
    await new Promise((r) => setTimeout(r, 25))
  }
}

/** A call that reached its Fn-Deadline, waiting for a container or for the function's answer. */
class CallTimedOut extends Error {}

const DEFAULT_TIMEOUT_MS = 30_000

/** The call's Fn-Deadline; the platform's default sync timeout when the caller gave none. */
function deadlineOf(headers: Record<string, string>): number {
  const name = Object.keys(headers).find((h) => h.toLowerCase() === 'fn-deadline')
  const at = name ? Date.parse(headers[name]) : Number.NaN
  return Number.isNaN(at) ? Date.now() + DEFAULT_TIMEOUT_MS : at
}

/** What Fn answers when a function runs past its timeout. */
const timedOut = (): FnReply => ({
  status: 504,
  headers: { 'content-type': 'application/json' },
  body: Buffer.from(JSON.stringify({ message: 'Timed out' })),
})

function postCall(
  path: string,
  headers: Record<string, string>,
  body: Buffer,
  deadline: number,
): Promise<FnReply> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      req.destroy()
      reject(new CallTimedOut())
    }, deadline - Date.now())
    const settle =
      <T>(fn: (v: T) => void) =>
      (v: T) => {
        clearTimeout(timer)
        fn(v)
      }
    const req = request(
      {
        socketPath: path,
        path: '/call',
        method: 'POST',
        headers: { ...headers, 'Content-Length': body.length },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on(
          'end',
          settle(() =>
            resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }),
          ),
        )
        res.on('error', settle(reject))
      },
    )
    req.on('error', settle(reject))
    req.end(body)
  })
}

export { MAX_CONTAINERS_ENV, START_TIMEOUT_ENV }
