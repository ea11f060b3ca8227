// A real MCP server written by others behind the router: @modelcontextprotocol/server-everything over Streamable
// HTTP on a loopback port, as its own process that tests stop and start again.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { createServer } from 'node:net'
import { join } from 'node:path'

export interface LocalBackend {
  name: string
  url: string
  /** Stops the process (SIGKILL: a crash, not a goodbye). */
  kill(): Promise<void>
  /** Starts it again on the same port. */
  start(): Promise<void>
  close(): Promise<void>
}

const ENTRY = createRequire(import.meta.url).resolve('@modelcontextprotocol/server-everything/dist/index.js')
const PRELOAD = new URL('./loopback-only.mjs', import.meta.url).pathname

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, host, () => {
      const { port } = probe.address() as AddressInfo
      probe.close(() => resolve(port))
    })
  })
}

/** Resolves when the server says it listens; rejects if it exits first (a port in use, a broken install). */
function listening(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = ''
    const onData = (chunk: Buffer) => {
      seen = (seen + chunk.toString('utf8')).slice(-4096)
      if (/listening on port/i.test(seen)) {
        child.stderr?.off('data', onData)
        child.off('exit', onExit)
        child.stderr?.resume()
        resolve()
      }
    }
    const onExit = (code: number | null) =>
      reject(new Error(`server-everything exited (${code}) before listening: ${seen.trim().slice(-300)}`))
    child.stderr?.on('data', onData)
    child.once('exit', onExit)
  })
}

export async function startEverythingBackend(options: {
  host?: string
  port?: number
  log?: (line: string) => void
}): Promise<LocalBackend> {
  const host = '127.0.0.1'
  const port = options.port || (await freePort(host))
  let child: ChildProcess | undefined
  const backend: LocalBackend = {
    name: 'everything',
    url: `http://${host}:${port}/mcp`,
    async start() {
      if (child) return
      child = spawn(process.execPath, ['--import', PRELOAD, ENTRY, 'streamableHttp'], {
        env: { PATH: process.env.PATH ?? '', PORT: String(port) },
        stdio: ['ignore', 'ignore', 'pipe'],
      })
      const started = child
      started.once('exit', () => {
        if (child === started) child = undefined
      })
      await listening(started)
      options.log?.(`backend everything listening on ${backend.url}`)
    },
    async kill() {
      const running = child
      if (!running) return
      await new Promise<void>((resolve) => {
        running.once('exit', () => resolve())
        running.kill('SIGKILL')
      })
    },
    close: () => backend.kill(),
  }
  await backend.start()
  return backend
}

/** The drop-in declaration the router reads from MCP_BACKENDS_DIR. */
export function declareLocalBackend(dir: string, backend: LocalBackend): void {
  mkdirSync(dir, { recursive: true })
  writeFileSync(
    join(dir, `${backend.name}.json`),
    `${JSON.stringify(
      {
        name: backend.name,
        url: backend.url,
        transport: 'streamable-http',
        auth_method: { method: 'none' },
        namespace_tools: true,
        tags: ['local', 'demo'],
        description: 'The MCP project’s reference server (server-everything), run by npm start as a backend.',
      },
      null,
      2,
    )}\n`,
  )
}
