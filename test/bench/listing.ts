// Measurement 5: a 100,000-object bucket listed to the end through a bundled objectstorage function, page by page.
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { startOciEmulator } from '../../infra/local/oci-emulator/index.ts'
import { bundle, FUNCTION_ENTRY } from '../../scripts/build.ts'
import { NODE22 } from './cold-start.ts'
import { fmtMs, type Report, table } from './report.ts'
import { median } from './stats.ts'

const BUCKET = 'bench-listing'
const MIB = 2 ** 20

/**
 * Seeds `count` objects into a fresh emulator data directory by writing its state file before it starts: a
 * PUT per object would rewrite that file each time. Listing reads records only, so no object body is written.
 */
async function seed(dataDir: string, count: number): Promise<void> {
  const first = await startOciEmulator({ port: 0, dataDir })
  await first.close()
  const path = join(dataDir, 'state.json')
  const state = JSON.parse(readFileSync(path, 'utf8'))
  const [template] = state.buckets
  state.buckets.push({ ...template, name: BUCKET, id: template.id.replace(/[a-z]+x+$/, 'benchlistingxxxx') })
  const objects: Record<string, unknown> = {}
  const sample = Object.values(Object.values(state.objects)[0] as Record<string, unknown>)[0] as object
  for (let i = 0; i < count; i++)
    objects[`logs/2026/${String(i).padStart(6, '0')}.json`] = { ...sample, size: 1000 + (i % 997) }
  state.objects[BUCKET] = objects
  writeFileSync(path, JSON.stringify(state))
}

function fnCall(socketPath: string, body: string): Promise<string> {
  return new Promise((resolveCall, reject) => {
    const req = request(
      {
        socketPath,
        path: '/call',
        method: 'POST',
        headers: {
          'Fn-Call-Id': 'bench-listing',
          'Fn-Deadline': new Date(Date.now() + 30_000).toISOString(),
          'Fn-Intent': 'httprequest',
          'Fn-Http-Method': 'POST',
          'Fn-Http-Request-Url': '/mcp/objectstorage',
          'Fn-Http-H-Mcp-Protocol-Version': '2025-11-25',
          'Fn-Http-H-X-Mcp-Claim-Sub': 'bench@example.com',
          'Fn-Http-H-X-Mcp-Claim-Scope': 'oci-mcp.read',
          'Content-Type': 'application/json',
        },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolveCall(Buffer.concat(chunks).toString('utf8')))
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

const rssMiB = (pid: number | undefined) =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? Number.NaN) / 1024

export async function benchListing(
  report: Report,
  opts: { objects: number; pageLimit: number; maxPages: number },
) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-listing-'))
  let child: ChildProcess | undefined
  try {
    await seed(join(dir, 'emulator'), opts.objects)
    const emulator = await startOciEmulator({ port: 0, dataDir: join(dir, 'emulator') })
    try {
      await bundle(join(dir, 'dist'))
      const socket = join(dir, 'lsnr.sock')
      child = spawn(NODE22, [join(dir, 'dist', FUNCTION_ENTRY)], {
        env: {
          PATH: process.env.PATH,
          NODE_NO_WARNINGS: '1',
          MCP_FUNCTION: 'objectstorage',
          FN_FORMAT: 'http-stream',
          FN_LISTENER: `unix:${socket}`,
          MCP_VERIFY_TOKEN: 'false',
          MCP_TRUST_CLAIM_HEADERS: 'true',
          OCI_AUTH: 'config_file',
          OCI_CONFIG_FILE: emulator.operatorConfigFile,
          OCI_CONFIG_PROFILE: 'DEFAULT',
          OCI_ENDPOINT: emulator.url,
        },
        stdio: 'ignore',
      })
      const deadline = Date.now() + 30_000
      while (!existsSync(socket) && Date.now() < deadline) await sleep(20)
      type Page = { ms: number; bytes: number; items: number; rss: number }
      const listAll = async (): Promise<Page[]> => {
        const pages: Page[] = []
        let cursor: string | undefined
        let seen = 0
        do {
          const body = JSON.stringify({
            jsonrpc: '2.0',
            id: 1,
            method: 'tools/call',
            params: {
              name: 'objectstorage_list_objects',
              arguments: {
                bucket: BUCKET,
                limit: opts.pageLimit,
                response_format: 'json',
                ...(cursor ? { cursor } : {}),
              },
            },
          })
          const t0 = performance.now()
          const reply = await fnCall(socket, body)
          const ms = performance.now() - t0
          const result = JSON.parse(reply).result as {
            structuredContent?: { objects: unknown[]; next_cursor?: string }
            isError?: boolean
          }
          if (!result?.structuredContent || result.isError) throw new Error(`listing: ${reply.slice(0, 300)}`)
          const { objects, next_cursor } = result.structuredContent
          seen += objects.length
          pages.push({ ms, bytes: Buffer.byteLength(reply), items: objects.length, rss: rssMiB(child?.pid) })
          cursor = next_cursor
        } while (cursor && pages.length < opts.maxPages)
        if (seen !== opts.objects) throw new Error(`listing ended after ${seen} of ${opts.objects} objects`)
        return pages
      }
      const pages = await listAll()
      // A second pass: a leak keeps growing, a heap that has found its size does not.
      const again = await listAll()
      const seen = opts.objects

      const tenth = Math.max(1, Math.floor(pages.length / 10))
      const early = pages.slice(1, 1 + tenth) // page 1 on: page 0 pays the cold path
      const late = pages.slice(-tenth)
      const total = pages.reduce((s, p) => s + p.ms, 0)
      const biggest = Math.max(...pages.map((p) => p.bytes))
      report.section(
        '5. A 100,000-object listing paged to the end',
        `${opts.objects} objects seeded into one bucket of the emulator; objectstorage_list_objects (limit ` +
          `${opts.pageLimit}, json) called with next_cursor until the end, over the Fn socket of a bundled objectstorage ` +
          'function (config-file signer). Early = the first tenth of the pages after the first; late = the last tenth. ' +
          'RSS is VmRSS of the function after each page; the bucket is listed twice (first → end of first → end of second).',
      )
      table(
        ['', 'pages', 'objects', 'total', 'page median', 'page min', 'page max', 'largest response', 'RSS'],
        [
          [
            'all pages',
            String(pages.length),
            String(seen),
            fmtMs(total),
            fmtMs(median(pages.map((p) => p.ms))),
            fmtMs(Math.min(...pages.map((p) => p.ms))),
            fmtMs(Math.max(...pages.map((p) => p.ms))),
            `${(biggest / 1024).toFixed(0)} KiB`,
            `${pages[0].rss.toFixed(0)} → ${pages.at(-1)?.rss.toFixed(0)} → ${again.at(-1)?.rss.toFixed(0)} MiB`,
          ],
          ...[
            ['early pages', early],
            ['late pages', late],
          ].map(([label, ps]) => {
            const list = ps as typeof pages
            return [
              label as string,
              String(list.length),
              String(list.reduce((s, p) => s + p.items, 0)),
              fmtMs(list.reduce((s, p) => s + p.ms, 0)),
              fmtMs(median(list.map((p) => p.ms))),
              fmtMs(Math.min(...list.map((p) => p.ms))),
              fmtMs(Math.max(...list.map((p) => p.ms))),
              `${(Math.max(...list.map((p) => p.bytes)) / 1024).toFixed(0)} KiB`,
              `${median(list.map((p) => p.rss)).toFixed(0)} MiB`,
            ]
          }),
        ],
      )
      report.ratio(
        'listing: late page vs early page',
        median(late.map((p) => p.ms)) / median(early.map((p) => p.ms)),
        'median page time, last tenth ÷ first tenth (linear: constant per page)',
        {
          op: '<=',
          limit: 1.5,
        },
      )
      const lateAgain = again.slice(-tenth)
      report.ratio(
        'listing: memory, second pass vs first',
        median(lateAgain.map((p) => p.rss)) / median(late.map((p) => p.rss)),
        'median RSS over the last tenth of the pages, second full listing ÷ first (flat: no growth per page)',
        {
          op: '<=',
          limit: 1.1,
          ifMissed:
            'RSS is the process’s, so V8 sizing its heap to the garbage of 386 KiB replies shows as growth too; ' +
            'a leak would grow by the same amount on every pass.',
        },
      )
      report.ratio(
        'listing: memory, late vs early pages',
        median(late.map((p) => p.rss)) / median(early.map((p) => p.rss)),
        'median RSS, last tenth ÷ first tenth of the first pass (the heap settling after start)',
      )
      report.ratio('listing: largest response vs 1 MB', biggest / MIB, 'largest tools/call body ÷ 1 MiB', {
        op: '<=',
        limit: 1,
      })
      report.flushRatios()
    } finally {
      if (child && child.exitCode === null) {
        const exited = once(child, 'exit')
        child.kill('SIGTERM')
        await exited
      }
      await emulator.close()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
