// npm run test:soak: concurrent principals read and write through the edge with the real MCP client while the
// emulator injects 429/503/slow faults; then every acknowledged write is read back, and function memory compared.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { testStack } from '../support/stack.ts'
import { digest, type LedgerVerdict, WriteLedger } from './ledger.ts'
import { seededRandom, soakOptions } from './options.ts'
import { judge, type Outcome, type ToolResultLike } from './outcome.ts'
import { compareRss, sampleFunctionRss } from './rss.ts'

const BUCKET = 'platform-config'
const NOT_FOUND = new Set(['ERR_OCI_NOT_FOUND'])

/** The part of the emulator's fault API the soak uses, if this checkout has it. */
interface FaultApi {
  add(rule: Record<string, unknown>): { remove(): void }
  clear?(): void
}

const FAULTS = [
  { operation: 'PutObject', times: 2, fault: { kind: 'status', status: 429, retryAfterSeconds: 0 } },
  { operation: 'GetObject', times: 2, fault: { kind: 'status', status: 503 } },
  { operation: 'ListObjects', times: 3, fault: { kind: 'slow', delayMs: 1500 } },
  { operation: 'GetObject', times: 2, fault: { kind: 'status', status: 429, retryAfterSeconds: 0 } },
  { operation: 'PutObject', times: 1, fault: { kind: 'status', status: 503 } },
]

async function main(): Promise<number> {
  const options = soakOptions(process.argv.slice(2))
  const random = seededRandom(options.seed)
  const runId = `soak-${options.seed}-${Date.now().toString(36)}`
  console.log(
    `soak: ${options.seconds}s, seed ${options.seed}, faults ${options.faults ? 'on' : 'off'}, run ${runId}`,
  )
  const env = await testStack()
  const counts = {
    calls: 0,
    ok: 0,
    expected: new Map<string, number>(),
    unexpected: new Map<string, number>(),
  }
  const tally = (o: Outcome) => {
    counts.calls += 1
    if (o.kind === 'ok') counts.ok += 1
    else {
      const m = o.kind === 'expected' ? counts.expected : counts.unexpected
      m.set(o.code, (m.get(o.code) ?? 0) + 1)
    }
  }
  const clients: Client[] = []
  try {
    const tokens = {
      alice: await env.userToken('alice@example.com'),
      client: await env.clientToken(),
      bob: await env.userToken('bob@example.com'),
    }
    const connect = async (token: string, path: string) => {
      const c = await env.connect(token, path)
      clients.push(c)
      return c
    }
    const call = async (c: Client, name: string, args: Record<string, unknown>) => {
      try {
        return (await c.callTool({ name, arguments: args })) as ToolResultLike & {
          structuredContent?: Record<string, unknown>
        }
      } catch (error) {
        return error as Error
      }
    }

    const ledger = new WriteLedger()
    const writers: { label: string; client: Client }[] = []
    for (const [who, token] of [
      ['alice', tokens.alice],
      ['client', tokens.client],
    ] as const)
      for (let w = 0; w < options.workersPerPrincipal; w++)
        // Half the workers go through the router, half straight to the group's route.
        writers.push({
          label: `${who}-${w}`,
          client: await connect(token, w % 2 ? '/mcp/objectstorage' : '/mcp'),
        })
    const reader = await connect(tokens.bob, '/mcp')

    // Warm every path once before the first memory sample, so start-up allocations are not counted as growth.
    for (const w of writers) tally(judge(await call(w.client, 'objectstorage_get_namespace', {})))
    const rssStart = sampleFunctionRss()
    const restartsStart = env.stack.functions.names.map((n) => env.stack.functions.restartsOf(n))

    const faults = options.faults
      ? ((env.stack.emulator as unknown as { faults?: FaultApi } | undefined)?.faults ?? undefined)
      : undefined
    if (options.faults && !faults) console.log('soak: this emulator has no fault API; running without faults')
    const deadline = Date.now() + options.seconds * 1000
    let injected = 0
    const injector = (async () => {
      // One rule every ~3 s of load, bounded by the run's length.
      while (faults && Date.now() < deadline) {
        faults.add(FAULTS[injected % FAULTS.length])
        injected += 1
        await new Promise((r) => setTimeout(r, 3000))
      }
    })()

    const writeWorker = async ({ label, client }: { label: string; client: Client }) => {
      const mine: string[] = []
      for (let n = 0; Date.now() < deadline; n++) {
        const roll = random()
        if (roll < 0.5 || mine.length === 0) {
          const name = `soak/${runId}/${label}/${n}.txt`
          const content = `${label} ${n} ${random().toString(36)}`.repeat(1 + Math.floor(random() * 20))
          const outcome = judge(
            await call(client, 'objectstorage_put_object', { bucket: BUCKET, name, content }),
          )
          tally(outcome)
          ledger.record(
            name,
            content,
            outcome.kind === 'ok' ? 'ok' : outcome.kind === 'expected' ? 'ambiguous' : 'failed',
          )
          if (outcome.kind === 'ok') mine.push(name)
        } else if (roll < 0.85) {
          const name = mine[Math.floor(random() * mine.length)]
          const result = await call(client, 'objectstorage_get_object', { bucket: BUCKET, name })
          let outcome = judge(result)
          const content = (result as { structuredContent?: { content?: string } }).structuredContent?.content
          if (outcome.kind === 'ok' && (content === undefined || digest(content) !== ledger.digestOf(name)))
            outcome = { kind: 'unexpected', code: 'READ_BACK_MISMATCH' }
          tally(outcome)
        } else {
          tally(
            judge(
              await call(client, 'objectstorage_list_objects', {
                bucket: BUCKET,
                prefix: `soak/${runId}/${label}/`,
                limit: 50,
              }),
            ),
          )
        }
      }
    }
    const readWorker = async () => {
      while (Date.now() < deadline) {
        tally(
          judge(await call(reader, 'objectstorage_list_objects', { bucket: 'finance-reports', limit: 20 })),
        )
        // bob may not see platform-config: OCI's 404 is the right answer, anything else is not.
        tally(
          judge(await call(reader, 'objectstorage_list_objects', { bucket: BUCKET, limit: 5 }), NOT_FOUND),
        )
      }
    }
    await Promise.all([...writers.map(writeWorker), readWorker(), injector])
    faults?.clear?.()

    const rssEnd = sampleFunctionRss()
    const restartsEnd = env.stack.functions.names.map((n) => env.stack.functions.restartsOf(n))
    const verdict = await readBack(writers[0].client, runId, call)
    const memory = compareRss(rssStart, rssEnd).filter((m) => ['router', 'objectstorage'].includes(m.fn))
    const restarted = env.stack.functions.names.filter((_, i) => restartsEnd[i] !== restartsStart[i])

    const fmt = (m: Map<string, number>) => [...m].map(([k, v]) => `${k}×${v}`).join(', ') || 'none'
    console.log(`calls ${counts.calls}, ok ${counts.ok}, faults injected ${injected}`)
    console.log(`expected errors: ${fmt(counts.expected)}`)
    console.log(`unexpected errors: ${fmt(counts.unexpected)}`)
    const v = ledger.verify(verdict.listed, verdict.contents)
    console.log(
      `writes acknowledged ${v.acknowledged}: lost ${v.lost.length}, duplicated ${v.duplicated.length}, corrupted ${v.corrupted.length}, stray ${v.stray.length}`,
    )
    for (const m of memory)
      console.log(`rss ${m.fn}: ${m.startMb} → ${m.endMb} MB${m.flat ? '' : ' (NOT FLAT)'}`)
    const violations = [
      ...[...counts.unexpected].map(([k, n]) => `${n} unexpected ${k}`),
      ...violationsOf(v),
      ...memory
        .filter((m) => !m.flat)
        .map(
          (m) =>
            `${m.fn} (pid ${m.pid}) memory ${m.startMb} → ${m.endMb} MB${m.gone ? ', process gone' : ''}`,
        ),
      ...restarted.map((fn) => `${fn} restarted`),
      ...(counts.ok === 0 ? ['no call succeeded'] : []),
    ]
    console.log(violations.length ? `VIOLATIONS:\n  ${violations.join('\n  ')}` : 'soak: no violations')
    return violations.length ? 1 : 0
  } finally {
    await Promise.all(clients.map((c) => c.close().catch(() => undefined)))
    await env.close()
  }
}

function violationsOf(v: LedgerVerdict): string[] {
  return [
    ...v.lost.map((n) => `lost ${n}`),
    ...v.duplicated.map((n) => `duplicated ${n}`),
    ...v.corrupted.map((n) => `corrupted ${n}`),
    ...v.stray.map((n) => `stray ${n}`),
  ]
}

/** Lists everything under the run's prefix (every page) and reads each object, with faults cleared. */
async function readBack(
  client: Client,
  runId: string,
  call: (c: Client, name: string, args: Record<string, unknown>) => Promise<unknown>,
) {
  const listed: string[] = []
  let cursor: string | undefined
  for (let page = 0; page < 1000; page++) {
    const r = (await call(client, 'objectstorage_list_objects', {
      bucket: BUCKET,
      prefix: `soak/${runId}/`,
      limit: 1000,
      ...(cursor ? { cursor } : {}),
    })) as { isError?: boolean; structuredContent?: { objects?: { name: string }[]; next_cursor?: string } }
    if (r instanceof Error || r.isError) throw new Error('soak: the final listing failed')
    listed.push(...(r.structuredContent?.objects ?? []).map((o) => o.name))
    cursor = r.structuredContent?.next_cursor
    if (!cursor) break
  }
  const contents = new Map<string, string | undefined>()
  for (const name of new Set(listed)) {
    const r = (await call(client, 'objectstorage_get_object', { bucket: BUCKET, name })) as {
      structuredContent?: { content?: string }
    }
    contents.set(name, r?.structuredContent?.content)
  }
  return { listed, contents }
}

process.exitCode = await main().catch((error) => {
  console.error(`soak: ${(error as Error).message}`)
  return 2
})
