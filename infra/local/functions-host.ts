// Runs each function as its own Node process through the real FDK, and calls it over its Fn socket like the Fn agent.
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, mkdirSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { createInterface } from 'node:readline'

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
  startTimeoutMs?: number
}

interface Slot {
  spec: FunctionProcessSpec
  child?: ChildProcess
  ready?: Promise<void>
  restarts: number
  /** Fn sends one request at a time to a container: calls queue here. */
  queue: Promise<unknown>
  stopping: boolean
}

const socketPath = (dir: string, fn: string) => join(dir, fn, 'lsnr.sock')

export class FunctionsHost {
  private readonly slots = new Map<string, Slot>()

  constructor(private readonly options: FunctionsHostOptions) {
    for (const spec of options.functions)
      this.slots.set(spec.name, { spec, restarts: 0, queue: Promise.resolve(), stopping: false })
  }

  get names(): string[] {
    return [...this.slots.keys()]
  }

  restartsOf(fn: string): number {
    return this.slots.get(fn)?.restarts ?? 0
  }

  async start(): Promise<void> {
    await Promise.all([...this.slots.values()].map((slot) => this.launch(slot)))
  }

  private launch(slot: Slot): Promise<void> {
    const { socketDir, onLine, log } = this.options
    const dir = join(socketDir, slot.spec.name)
    rmSync(dir, { recursive: true, force: true })
    mkdirSync(dir, { recursive: true })
    const listener = socketPath(socketDir, slot.spec.name)
    const [cmd, ...args] = slot.spec.command
    const child = spawn(cmd, args, {
      env: { ...slot.spec.env, FN_FORMAT: 'http-stream', FN_LISTENER: `unix:${listener}` },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    slot.child = child
    for (const stream of ['stdout', 'stderr'] as const) {
      createInterface({ input: child[stream] }).on('line', (line) => onLine?.(slot.spec.name, line, stream))
    }
    child.on('exit', (code, signal) => {
      if (slot.stopping) return
      slot.restarts += 1
      log?.(`function ${slot.spec.name} exited (${signal ?? code}); restarting`)
      // Like Fn, a crashed container is replaced; a short pause keeps a crash loop from spinning.
      // Calls arriving meanwhile wait on `ready` for the replacement.
      const pause = new Promise((r) => setTimeout(r, Math.min(5000, 200 * slot.restarts)))
      slot.ready = pause.then(() => (slot.stopping ? undefined : this.launch(slot)))
      slot.ready.catch((e) => log?.(String(e)))
    })
    slot.ready = waitForSocket(listener, child, this.options.startTimeoutMs ?? 15_000, slot.spec.name)
    return slot.ready
  }

  /** POST /call with the given Fn headers; queued so each container serves one request at a time. */
  call(fn: string, headers: Record<string, string>, body: Buffer): Promise<FnReply> {
    const slot = this.slots.get(fn)
    if (!slot) return Promise.reject(new Error(`unknown function ${fn}`))
    const path = socketPath(this.options.socketDir, fn)
    const run = async () => {
      await slot.ready
      try {
        return await postCall(path, headers, body)
      } catch (error) {
        // Refused or missing socket: the request was never delivered, so it is safe to send it again
        // once the dead container has been replaced.
        const code = (error as NodeJS.ErrnoException).code
        const child = slot.child
        const alive = () => child && child.exitCode === null && child.signalCode === null
        if (code !== 'ECONNREFUSED' && code !== 'ENOENT') {
          // The container died under this call: the call fails (as on Fn), but the queue waits for the
          // exit so that the next call goes to the replacement rather than to the dying process.
          if (alive())
            await Promise.race([once(child as ChildProcess, 'exit'), new Promise((r) => setTimeout(r, 2000))])
          throw error
        }
        if (alive()) await once(child as ChildProcess, 'exit')
        await slot.ready
        return postCall(path, headers, body)
      }
    }
    const result = slot.queue.then(run, run)
    slot.queue = result.catch(() => undefined)
    return result
  }

  async stop(): Promise<void> {
    await Promise.all(
      [...this.slots.values()].map(
        (slot) =>
          new Promise<void>((resolve) => {
            slot.stopping = true
            const child = slot.child
            if (!child || child.exitCode !== null || child.signalCode !== null) return resolve()
            child.once('exit', () => resolve())
            child.kill('SIGTERM')
            setTimeout(() => child.kill('SIGKILL'), 3000).unref()
          }),
      ),
    )
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
    if (child.exitCode !== null)
      throw new Error(`function ${name} exited before listening (code ${child.exitCode})`)
    if (Date.now() - started > timeoutMs)
      throw new Error(`function ${name} did not listen on ${path} within ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

function postCall(path: string, headers: Record<string, string>, body: Buffer): Promise<FnReply> {
  return new Promise((resolve, reject) => {
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
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }),
        )
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}
