// Measurement 3: tools/call through the local edge, via the router (/mcp) vs straight to the group (/mcp/objectstorage).
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { testStack } from '../support/stack.ts'
import { fmtMs, LATENCY_HEADERS, latencyRow, type Report, table } from './report.ts'
import { interleaved, median, summarize, timeConcurrent, timeSequential } from './stats.ts'

export interface EdgeOptions {
  sequential: number
  concurrent: number
  concurrency: number
  /** Fresh user tokens for the token-exchange measurement, and calls after each first one. */
  freshTokens: number
  followUps: number
}

const CALL = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'tools/call',
  params: { name: 'objectstorage_get_namespace', arguments: {} },
})

/** What the load generator alone costs: the same fetch POST to a server that answers at once. */
async function clientFloor(n: number) {
  const server = createServer((req, res) => {
    req.resume()
    req.on('end', () => res.end('{}'))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`
  const post = async () => (await fetch(url, { method: 'POST', body: CALL })).text()
  try {
    await timeSequential(post, 50)
    const run = await timeSequential(post, n)
    return summarize(run.times, run.elapsedMs)
  } finally {
    server.close()
  }
}

export async function benchEdge(report: Report, opts: EdgeOptions): Promise<void> {
  const started = performance.now()
  const t = await testStack()
  try {
    const stackMs = performance.now() - started
    const post = async (path: string, token: string) => {
      const res = await fetch(`${t.info.edgeUrl}${path}`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
          Accept: 'application/json, text/event-stream',
          'Mcp-Protocol-Version': '2025-11-25',
        },
        body: CALL,
      })
      const text = await res.text()
      if (res.status !== 200 || !text.includes('"namespace"') || text.includes('"isError":true'))
        throw new Error(`${path}: HTTP ${res.status} ${text.slice(0, 300)}`)
    }
    const token = await t.clientToken()
    const via = {
      router: () => post('/mcp', token),
      direct: () => post('/mcp/objectstorage', token),
    }
    report.section(
      '3. Through the local edge (edge → [router →] objectstorage → OCI emulator)',
      `testStack() on ephemeral ports (started in ${fmtMs(stackMs)}); tools/call objectstorage_get_namespace, ` +
        `client-credentials token; functions from sources via tsx, one request at a time per function (as on Fn). ` +
        `Load generator, edge, identity domain and emulator share this process; all processes share the CPUs.`,
    )
    const floor = await clientFloor(opts.sequential)
    const seq = await interleaved(via, { n: opts.sequential, warmup: 50, rounds: 4 })
    const conc = {
      router: await timeConcurrent(via.router, opts.concurrent, opts.concurrency),
      direct: await timeConcurrent(via.direct, opts.concurrent, opts.concurrency),
    }

    // Token exchange: each fresh user token costs one exchange (RSA key + identity-domain call) on its first call.
    const firsts: number[] = []
    const follows: number[] = []
    for (let i = 0; i < opts.freshTokens; i++) {
      const user = await t.userToken('alice@example.com')
      const first = performance.now()
      await post('/mcp/objectstorage', user)
      firsts.push(performance.now() - first)
      follows.push(
        median((await timeSequential(() => post('/mcp/objectstorage', user), opts.followUps)).times),
      )
    }

    table(LATENCY_HEADERS, [
      latencyRow('load-generator floor (fetch → no-op server)', floor),
      latencyRow('sequential · via router  /mcp', seq.router),
      latencyRow('sequential · direct      /mcp/objectstorage', seq.direct),
      latencyRow(`concurrency ${opts.concurrency} · via router`, conc.router),
      latencyRow(`concurrency ${opts.concurrency} · direct`, conc.direct),
    ])
    console.log('')
    table(
      [
        'token exchange (user token, /mcp/objectstorage)',
        'tokens',
        'first call (median)',
        'following (median)',
      ],
      [
        [
          'fresh alice@example.com token',
          String(firsts.length),
          fmtMs(median(firsts)),
          fmtMs(median(follows)),
        ],
      ],
    )
    report.ratio('router hop, sequential p50', seq.router.p50Ms / seq.direct.p50Ms, 'p50 /mcp ÷ p50 direct', {
      op: '<=',
      limit: 2,
    })
    report.ratio(
      'router hop, sequential p50 net of client',
      (seq.router.p50Ms - floor.p50Ms) / (seq.direct.p50Ms - floor.p50Ms),
      '(p50 − floor p50) /mcp ÷ direct',
    )
    report.ratio(
      `router hop, concurrency ${opts.concurrency} p50`,
      conc.router.p50Ms / conc.direct.p50Ms,
      'p50 /mcp ÷ p50 direct',
    )
    report.ratio(
      `throughput at concurrency ${opts.concurrency}`,
      conc.router.opsPerSec / conc.direct.opsPerSec,
      'ops/s /mcp ÷ ops/s direct',
    )
    report.ratio(
      'token exchange: first call vs cached',
      median(firsts) / median(follows),
      'median first ÷ median following',
    )
    report.flushRatios()
  } finally {
    await t.close()
  }
}
