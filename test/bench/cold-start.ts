// Measurement 2: cold start of a function, bundle vs TypeScript sources: spawn → Fn socket → first initialize answered.
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, mkdtempSync, rmSync, watch } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { bundle, FUNCTION_ENTRY } from '../../scripts/build.ts'
import { fmtMs, type Report, table } from './report.ts'
import { median } from './stats.ts'

const ROOT = resolve(new URL('../..', import.meta.url).pathname)

interface Variant {
  label: string
  fn: string
  command: string[]
}

interface Start {
  listenMs: number
  answerMs: number
}

const INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'bench', version: '1' } },
})

/** POST /call as the Fn agent does for an HTTP-triggered call; resolves with the response body. */
function fnCall(socketPath: string, fn: string, body: string): Promise<string> {
  return new Promise((resolveCall, reject) => {
    const req = request(
      {
        socketPath,
        path: '/call',
        method: 'POST',
        headers: {
          'Fn-Call-Id': 'bench-cold',
          'Fn-Deadline': new Date(Date.now() + 30_000).toISOString(),
          'Fn-Intent': 'httprequest',
          'Fn-Invoke-Type': 'sync',
          'Fn-Http-Method': 'POST',
          'Fn-Http-Request-Url': fn === 'router' ? '/mcp' : `/mcp/${fn}`,
          'Fn-Http-H-Accept': 'application/json, text/event-stream',
          'Fn-Http-H-X-Mcp-Claim-Sub': 'bench@example.com',
          'Fn-Http-H-X-Mcp-Claim-Scope': 'oci-mcp.read',
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
        },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolveCall(Buffer.concat(chunks).toString('utf8')))
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

/** Resolves when `path` exists; fs.watch reports the FDK's symlink as it is made (no polling interval to skew it). */
function appears(path: string, child: ChildProcess, stderr: () => string): Promise<void> {
  return new Promise((resolveWait, reject) => {
    const dir = join(path, '..')
    const done = (error?: Error) => {
      watcher.close()
      clearTimeout(timer)
      child.off('exit', onExit)
      error ? reject(error) : resolveWait()
    }
    const onExit = (code: number | null) =>
      done(new Error(`exited with ${code} before listening: ${stderr()}`))
    const watcher = watch(dir, () => existsSync(path) && done())
    const timer = setTimeout(() => done(new Error(`no socket within 15 s: ${stderr()}`)), 15_000)
    child.on('exit', onExit)
    if (existsSync(path)) done()
  })
}

async function coldStart(v: Variant, env: NodeJS.ProcessEnv): Promise<Start> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-fn-'))
  const listener = join(dir, 'lsnr.sock')
  let err = ''
  const t0 = performance.now()
  const [cmd, ...args] = v.command
  const child = spawn(cmd, args, {
    cwd: ROOT,
    env: { ...env, MCP_FUNCTION: v.fn, FN_FORMAT: 'http-stream', FN_LISTENER: `unix:${listener}` },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  child.stderr?.on('data', (c: Buffer) => {
    err += c.toString()
  })
  try {
    await appears(listener, child, () => err)
    const listenMs = performance.now() - t0
    const reply = await fnCall(listener, v.fn, INITIALIZE)
    const answerMs = performance.now() - t0
    if (!reply.includes('"protocolVersion"')) throw new Error(`${v.label}: unexpected reply ${reply}`)
    return { listenMs, answerMs }
  } finally {
    if (child.exitCode === null) {
      const exited = once(child, 'exit')
      child.kill('SIGTERM')
      await exited
    }
    rmSync(dir, { recursive: true, force: true })
  }
}

export async function benchColdStart(report: Report, opts: { runs: number }): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'bench-bundle-'))
  try {
    const built = performance.now()
    await bundle(out)
    const buildMs = performance.now() - built
    report.section(
      '2. Cold start (spawn → Fn socket → first initialize answered)',
      `medians of ${opts.runs} runs each after one untimed run, variants interleaved; bundle built in ${fmtMs(buildMs)}. ` +
        'first request = socket → initialize answered. ' +
        'bundle = node <tmp>/func.js; source = node --import tsx functions/<fn>/index.ts (tsx cache warm).',
    )
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_NO_WARNINGS: '1',
      MCP_VERIFY_TOKEN: 'false',
      MCP_TRUST_CLAIM_HEADERS: 'true',
      MCP_FN_SOCKET_DIR: join(out, 'fn'),
    }
    const variants: Variant[] = ['router', 'objectstorage'].flatMap((fn) => [
      { label: `${fn} · bundle`, fn, command: [process.execPath, join(out, FUNCTION_ENTRY)] },
      {
        label: `${fn} · source (tsx)`,
        fn,
        command: [process.execPath, '--import', 'tsx', join(ROOT, 'functions', fn, 'index.ts')],
      },
    ])
    const results = new Map<string, Start[]>(variants.map((v) => [v.label, []]))
    for (const v of variants) await coldStart(v, env)
    for (let i = 0; i < opts.runs; i++) {
      const order = i % 2 === 0 ? variants : [...variants].reverse()
      for (const v of order) results.get(v.label)?.push(await coldStart(v, env))
    }
    const med = (label: string, key: keyof Start) => median((results.get(label) ?? []).map((s) => s[key]))
    table(
      ['', 'runs', 'socket', 'first request', 'initialize answered', 'min', 'max'],
      variants.map((v) => {
        const starts = results.get(v.label) ?? []
        const answers = starts.map((s) => s.answerMs)
        return [
          v.label,
          String(starts.length),
          fmtMs(med(v.label, 'listenMs')),
          fmtMs(median(starts.map((s) => s.answerMs - s.listenMs))),
          fmtMs(med(v.label, 'answerMs')),
          fmtMs(Math.min(...answers)),
          fmtMs(Math.max(...answers)),
        ]
      }),
    )
    for (const fn of ['router', 'objectstorage']) {
      report.ratio(
        `${fn}: bundle vs source`,
        med(`${fn} · bundle`, 'answerMs') / med(`${fn} · source (tsx)`, 'answerMs'),
        'median answered, bundle ÷ tsx',
        { op: '<=', limit: 0.5 },
      )
    }
    report.ratio(
      'bundle: router vs objectstorage',
      med('router · bundle', 'answerMs') / med('objectstorage · bundle', 'answerMs'),
      'median answered, router ÷ objectstorage',
      { op: '<=', limit: 1 },
    )
    report.flushRatios()
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
}
