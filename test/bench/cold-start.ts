// Measurement 2: cold start against the floor — spawn → Fn socket → first answer, ours vs a no-op FDK function.
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, watch } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { build } from 'esbuild'
import { startOciEmulator } from '../../infra/local/oci-emulator/index.ts'
import { bundle, FUNCTION_ENTRY } from '../../scripts/build.ts'
import { importReport } from './import-report.ts'
import { fmtMs, type Report, table } from './report.ts'
import { median } from './stats.ts'

const ROOT = resolve(new URL('../..', import.meta.url).pathname)
/** Node 22 (the `node` devDependency) when present: the image's Node, and the first with a compile cache. */
export const NODE22 = existsSync(join(ROOT, 'node_modules/.bin/node'))
  ? join(ROOT, 'node_modules/.bin/node')
  : process.execPath

export interface Variant {
  label: string
  fn: string
  entry: string
  body: string
  /** What a correct first answer contains. */
  expect: string
  cache: boolean
}

interface Start {
  listenMs: number
  answerMs: number
  /** CPU the process used until it answered (all threads), from /proc; NaN where there is none. */
  cpuMs: number
}

const rpc = (method: string, params: unknown) => JSON.stringify({ jsonrpc: '2.0', id: 1, method, params })
const TOOLS_LIST = rpc('tools/list', {})
const GET_NAMESPACE = rpc('tools/call', { name: 'objectstorage_get_namespace', arguments: {} })

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
          'Fn-Http-H-Mcp-Protocol-Version': '2025-11-25',
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
    const timer = setTimeout(() => done(new Error(`no socket within 30 s: ${stderr()}`)), 30_000)
    child.on('exit', onExit)
    if (existsSync(path)) done()
  })
}

/** On-CPU time of every thread of `pid` (schedstat, nanoseconds): load on the machine does not inflate it. */
function cpuMsOf(pid: number | undefined): number {
  try {
    let ns = 0
    for (const task of readdirSync(`/proc/${pid}/task`))
      ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0])
    return ns / 1e6
  } catch {
    return Number.NaN
  }
}

/** Preloaded into the warm-up run: Node writes the compile cache at a clean exit, and SIGTERM alone is none. */
const EXIT_ON_TERM = join(ROOT, 'test/bench/exit-on-term.mjs')

async function coldStart(
  v: Variant,
  env: NodeJS.ProcessEnv,
  cacheDir: string,
  warmUp = false,
  preload: string[] = [],
): Promise<Start> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-fn-'))
  const listener = join(dir, 'lsnr.sock')
  let err = ''
  const t0 = performance.now()
  const child = spawn(NODE22, [...(warmUp ? ['--import', EXIT_ON_TERM] : []), ...preload, v.entry], {
    cwd: ROOT,
    env: {
      ...env,
      ...(v.cache ? { NODE_COMPILE_CACHE: cacheDir } : {}),
      MCP_FUNCTION: v.fn,
      FN_FORMAT: 'http-stream',
      FN_LISTENER: `unix:${listener}`,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  child.stderr?.on('data', (c: Buffer) => {
    err += c.toString()
  })
  try {
    await appears(listener, child, () => err)
    const listenMs = performance.now() - t0
    const reply = await fnCall(listener, v.fn, v.body)
    const answerMs = performance.now() - t0
    const cpuMs = cpuMsOf(child.pid)
    if (!reply.includes(v.expect) || reply.includes('"isError":true'))
      throw new Error(`${v.label}: unexpected reply ${reply.slice(0, 300)}`)
    return { listenMs, answerMs, cpuMs }
  } finally {
    if (child.exitCode === null) {
      const exited = once(child, 'exit')
      child.kill('SIGTERM')
      await exited
    }
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The floor's bundle: the FDK and a handler answering {}, built with the same esbuild settings as ours. */
async function buildFloor(out: string): Promise<string> {
  await build({
    absWorkingDir: ROOT,
    entryPoints: { noop: 'test/bench/noop-function.ts' },
    outdir: out,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minify: true,
    logLevel: 'warning',
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  })
  return join(out, 'noop.js')
}

export async function benchColdStart(report: Report, opts: { runs: number }): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'bench-bundle-'))
  const emulator = await startOciEmulator({ port: 0, dataDir: join(out, 'emulator') })
  try {
    const built = performance.now()
    const meta = await bundle(join(out, 'dist'))
    const floorEntry = await buildFloor(join(out, 'floor'))
    const buildMs = performance.now() - built
    const nodeVersion = (await new Promise<string>((r) => {
      const c = spawn(NODE22, ['--version'])
      let s = ''
      c.stdout.on('data', (d: Buffer) => {
        s += d
      })
      c.on('close', () => r(s.trim()))
    })) as string
    report.section(
      '2. Cold start against the floor (spawn → Fn socket → first answer)',
      `node ${nodeVersion}; medians of ${opts.runs} runs after one untimed run (which also fills the compile cache), ` +
        `variants interleaved; bundles built in ${fmtMs(buildMs)}. floor = a no-op @fnproject/fdk handler answering {} ` +
        '(bundled alike); router = first tools/list; objectstorage = first tools/call objectstorage_get_namespace ' +
        'against the OCI emulator (config-file signer: key read, request signed, one HTTP round trip). ' +
        'cache = NODE_COMPILE_CACHE (as the image sets it). cpu = on-CPU time of the process until it answered.',
    )
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_NO_WARNINGS: '1',
      MCP_VERIFY_TOKEN: 'false',
      MCP_TRUST_CLAIM_HEADERS: 'true',
      MCP_FN_SOCKET_DIR: join(out, 'fn'),
      OCI_AUTH: 'config_file',
      OCI_CONFIG_FILE: emulator.operatorConfigFile,
      OCI_CONFIG_PROFILE: 'DEFAULT',
      OCI_ENDPOINT: emulator.url,
    }
    const entry = join(out, 'dist', FUNCTION_ENTRY)
    const kinds = [
      { name: 'floor', fn: 'noop', entry: floorEntry, body: TOOLS_LIST, expect: '{}' },
      {
        name: 'router · tools/list',
        fn: 'router',
        entry,
        body: TOOLS_LIST,
        expect: '"objectstorage_get_namespace"',
      },
      {
        name: 'objectstorage · tools/call',
        fn: 'objectstorage',
        entry,
        body: GET_NAMESPACE,
        expect: '"namespace"',
      },
    ]
    const variants: Variant[] = kinds.flatMap((k) =>
      [false, true].map((cache) => ({ ...k, label: `${k.name}${cache ? ' · cache' : ''}`, cache })),
    )
    const cacheDir = join(out, 'compile-cache')
    const results = new Map<string, Start[]>(variants.map((v) => [v.label, []]))
    for (const v of variants) await coldStart(v, env, cacheDir, true)
    for (let i = 0; i < opts.runs; i++) {
      const order = i % 2 === 0 ? variants : [...variants].reverse()
      for (const v of order) results.get(v.label)?.push(await coldStart(v, env, cacheDir))
    }
    const med = (label: string, key: keyof Start) => median((results.get(label) ?? []).map((s) => s[key]))
    table(
      ['', 'runs', 'socket', 'answered', 'min', 'max', 'cpu', 'cpu min', 'cpu max'],
      variants.map((v) => {
        const starts = results.get(v.label) ?? []
        const answers = starts.map((s) => s.answerMs)
        const cpus = starts.map((s) => s.cpuMs)
        return [
          v.label,
          String(starts.length),
          fmtMs(med(v.label, 'listenMs')),
          fmtMs(med(v.label, 'answerMs')),
          fmtMs(Math.min(...answers)),
          fmtMs(Math.max(...answers)),
          fmtMs(med(v.label, 'cpuMs')),
          fmtMs(Math.min(...cpus)),
          fmtMs(Math.max(...cpus)),
        ]
      }),
    )
    const vs = (label: string, floor: string, key: keyof Start = 'answerMs') =>
      med(label, key) / med(floor, key)
    report.ratio(
      'router first tools/list vs floor',
      vs('router · tools/list · cache', 'floor · cache'),
      'median answered, router ÷ floor (both cached)',
      {
        op: '<=',
        limit: 1.3,
        ifMissed:
          'Done: tool descriptors and their JSON Schemas computed at build time (no zod → JSON Schema at start), ' +
          'the group catalogs lazy in the router bundle (no group zod schema built for tools/list), Node 22 compile ' +
          'cache. Tried without gain: one bundle per function (fewer chunks), built-ins as require(). What remains, ' +
          'by CPU profile: zod itself (discovery.ts and core/catalog.ts build schemas at load), undici (loaded by the ' +
          'first `Headers` in core/fn-adapter.ts and core/http.ts), ESM linking of ~27 chunks, Node built-ins ' +
          '(crypto, http) the floor does not load. Next: lazy discovery schemas, no `Headers` on the Fn path, or a ' +
          'V8 startup snapshot (node --build-snapshot) of the router.',
      },
    )
    report.ratio(
      'group first tools/call vs floor',
      vs('objectstorage · tools/call · cache', 'floor · cache'),
      'median answered, objectstorage ÷ floor (both cached)',
      {
        op: '<=',
        limit: 2,
        ifMissed:
          'A group loads its whole implementation at start: the import report shows oci-common, ' +
          'oci-objectstorage and oci-identity (with tr46, sshpk, jsbn) before the first answer, then builds the ' +
          'signer (key read, RSA) and makes one signed HTTP round trip to the emulator. Build-time descriptors and the ' +
          'compile cache are in (see the compile-cache ratio). Next: index.ts importing implementation.ts on ' +
          'the first tools/call (tools/list from descriptors), handlers importing only their own SDK client, and ' +
          'oci-identity out of the objectstorage path.',
      },
    )
    report.ratio(
      'router vs floor, on-CPU',
      vs('router · tools/list · cache', 'floor · cache', 'cpuMs'),
      'median cpu, router ÷ floor (both cached)',
    )
    report.ratio(
      'group vs floor, on-CPU',
      vs('objectstorage · tools/call · cache', 'floor · cache', 'cpuMs'),
      'median cpu, objectstorage ÷ floor (both cached)',
    )
    report.ratio(
      'router vs floor, no compile cache',
      vs('router · tools/list', 'floor'),
      'median answered, neither cached',
    )
    report.ratio(
      'group vs floor, no compile cache',
      vs('objectstorage · tools/call', 'floor'),
      'median answered, neither cached',
    )
    report.ratio(
      'compile cache: router',
      vs('router · tools/list · cache', 'router · tools/list'),
      'median answered, cached ÷ uncached',
    )
    report.ratio(
      'compile cache: group',
      vs('objectstorage · tools/call · cache', 'objectstorage · tools/call'),
      'median answered, cached ÷ uncached',
    )
    report.flushRatios()
    // Untimed: which modules each first request loads (a load hook logs them), by package.
    await importReport(
      meta,
      join(out, 'dist'),
      (v, log) =>
        coldStart({ ...v, cache: false }, { ...env, BENCH_IMPORT_LOG: log }, cacheDir, false, [
          '--import',
          join(ROOT, 'test/bench/import-hook.mjs'),
        ]),
      variants.filter((v) => v.fn !== 'noop' && !v.cache),
    )
  } finally {
    await emulator.close()
    rmSync(out, { recursive: true, force: true })
  }
}
