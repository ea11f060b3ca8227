// `npm run bench`: performance figures as ratios against baselines measured in the same run; --strict fails on a miss.
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { benchAdapter } from './adapter.ts'
import { benchColdStart } from './cold-start.ts'
import { benchEdge } from './edge.ts'
import { benchHeld } from './held.ts'
import { benchListing } from './listing.ts'
import { Report } from './report.ts'
import { machine, writeReportFiles } from './report-files.ts'
import { benchZeroHop } from './zero-hop.ts'

/**
 * Sections in the order they run. A new section (e.g. "router path vs zero-hop") is one entry here and one
 * `if (only.has(...))` line below; it writes through the same Report, so it lands in bench/report.* by itself.
 */
const SECTIONS = ['adapter', 'cold', 'edge', 'held', 'listing', 'zerohop'] as const

const { values } = parseArgs({
  options: {
    strict: { type: 'boolean', default: false },
    only: { type: 'string' },
    out: { type: 'string', default: join(new URL('../..', import.meta.url).pathname, 'bench') },
    help: { type: 'boolean', default: false },
  },
})

if (values.help) {
  console.log(`npm run bench [-- --strict] [-- --only ${SECTIONS.join(',')}] [-- --out <dir>]

  Prints each figure beside a baseline measured in the same run, and the ratio's target, and writes
  <out>/report.md and <out>/report.json (default bench/). A missed target is reported (MISS) and the
  exit status stays 0, unless --strict.`)
  process.exit(0)
}

const only = new Set(values.only ? values.only.split(',') : SECTIONS)
for (const s of only)
  if (!SECTIONS.includes(s as never)) throw new Error(`--only: unknown section ${s} (${SECTIONS.join(', ')})`)

const host = machine()
const startedAt = new Date().toISOString()
const report = new Report()
const started = performance.now()
console.log(
  `oci-mcp-functions bench · node ${process.version} · ${host.cpus} CPUs · load ${host.loadAverageAtStart.join(' ')} · ${startedAt}`,
)
if (only.has('adapter')) await benchAdapter(report, { n: 2000, warmup: 300, rounds: 4 })
if (only.has('cold')) await benchColdStart(report, { runs: 7 })
if (only.has('edge'))
  await benchEdge(report, { sequential: 200, concurrent: 200, concurrency: 8, freshTokens: 5, followUps: 10 })
if (only.has('held'))
  await benchHeld(report, {
    seconds: 4,
    connections: 4,
    containers: [1, 2],
    concurrentCalls: 100,
    sequentialCalls: 100,
  })
if (only.has('listing')) await benchListing(report, { objects: 100_000, pageLimit: 1000, maxPages: 200 })
if (only.has('zerohop')) await benchZeroHop(report, { sequential: 200, concurrent: 200, concurrency: 8 })
const missed = report.summary()
const seconds = (performance.now() - started) / 1000
const files = writeReportFiles(values.out as string, report, {
  machine: host,
  startedAt,
  seconds,
  sections: [...only],
  strict: Boolean(values.strict),
  notMeasured: [],
})
console.log(`  total ${seconds.toFixed(1)} s · ${files.md} · ${files.json}`)
process.exitCode = values.strict && missed > 0 ? 1 : 0
