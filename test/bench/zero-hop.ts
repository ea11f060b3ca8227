// Router path vs zero-hop through the local edge: the same tools/call as a 2025 request (no Mcp-Name: edge → router
// → objectstorage) and as a 2026-07-28 request (Mcp-Name: edge → objectstorage), invocations and latency.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bundle } from '../../scripts/build.ts'
import { testStack } from '../support/stack.ts'
import { LATENCY_HEADERS, latencyRow, type Report, table } from './report.ts'
import { interleaved, timeConcurrent } from './stats.ts'

export interface ZeroHopOptions {
  sequential: number
  concurrent: number
  concurrency: number
}

const TOOL = 'objectstorage_get_namespace'
const MODERN = '2026-07-28'

const bodies = {
  router: JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    method: 'tools/call',
    params: { name: TOOL, arguments: {} },
  }),
  zeroHop: JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    method: 'tools/call',
    params: {
      name: TOOL,
      arguments: {},
      _meta: {
        'io.modelcontextprotocol/protocolVersion': MODERN,
        'io.modelcontextprotocol/clientCapabilities': {},
      },
    },
  }),
}

export async function benchZeroHop(report: Report, opts: ZeroHopOptions): Promise<void> {
  const dist = mkdtempSync(join(tmpdir(), 'bench-zero-hop-'))
  await bundle(dist)
  const t = await testStack({ bundleDir: dist })
  try {
    const token = await t.clientToken()
    const post = async (kind: 'router' | 'zeroHop') => {
      const res = await fetch(t.info.mcpUrl, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
          Accept: 'application/json, text/event-stream',
          ...(kind === 'zeroHop'
            ? { 'MCP-Protocol-Version': MODERN, 'Mcp-Method': 'tools/call', 'Mcp-Name': TOOL }
            : { 'MCP-Protocol-Version': '2025-11-25' }),
        },
        body: bodies[kind],
      })
      const text = await res.text()
      if (res.status !== 200 || !text.includes('"namespace"') || text.includes('"isError":true'))
        throw new Error(`${kind}: HTTP ${res.status} ${text.slice(0, 300)}`)
    }
    const host = t.stack.functions
    const invocationsPerCall = async (kind: 'router' | 'zeroHop', n: number) => {
      const before = host.names.reduce((sum, name) => sum + host.callsOf(name), 0)
      for (let i = 0; i < n; i++) await post(kind)
      return (host.names.reduce((sum, name) => sum + host.callsOf(name), 0) - before) / n
    }

    report.section(
      '6. Router path vs zero-hop (edge → router → objectstorage, or edge → objectstorage on Mcp-Name)',
      `testStack() with the bundles; tools/call ${TOOL} as a 2025-11-25 request (no Mcp-Name: the router ` +
        `forwards it) and as a 2026-07-28 request (Mcp-Name routes it at the edge, as API Gateway's dynamic ` +
        'routing does deployed). Invocations counted by the local functions host.',
    )
    const invocations = {
      router: await invocationsPerCall('router', 50),
      zeroHop: await invocationsPerCall('zeroHop', 50),
    }
    const seq = await interleaved(
      { router: () => post('router'), zeroHop: () => post('zeroHop') },
      { n: opts.sequential, warmup: 50, rounds: 4 },
    )
    const conc = {
      router: await timeConcurrent(() => post('router'), opts.concurrent, opts.concurrency),
      zeroHop: await timeConcurrent(() => post('zeroHop'), opts.concurrent, opts.concurrency),
    }
    table(LATENCY_HEADERS, [
      latencyRow('sequential · router path (2025)', seq.router),
      latencyRow('sequential · zero-hop (2026, Mcp-Name)', seq.zeroHop),
      latencyRow(`concurrency ${opts.concurrency} · router path`, conc.router),
      latencyRow(`concurrency ${opts.concurrency} · zero-hop`, conc.zeroHop),
    ])
    console.log(
      `  invocations per tools/call: router path ${invocations.router.toFixed(2)}, zero-hop ${invocations.zeroHop.toFixed(2)}`,
    )
    report.ratio(
      'invocations per tools/call, zero-hop vs router path',
      invocations.zeroHop / invocations.router,
      `${invocations.zeroHop.toFixed(2)} ÷ ${invocations.router.toFixed(2)} function invocations`,
      { op: '<=', limit: 0.5 },
    )
    report.ratio(
      'latency, zero-hop vs router path, sequential p50',
      seq.zeroHop.p50Ms / seq.router.p50Ms,
      'p50 ÷ p50',
      {
        op: '<=',
        limit: 1,
      },
    )
    report.ratio(
      `throughput at concurrency ${opts.concurrency}, zero-hop vs router path`,
      conc.zeroHop.opsPerSec / conc.router.opsPerSec,
      'ops/s ÷ ops/s',
      { op: '>=', limit: 1 },
    )
    report.flushRatios()
  } finally {
    await t.close()
    rmSync(dist, { recursive: true, force: true })
  }
}
