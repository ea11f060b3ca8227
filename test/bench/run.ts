// `npm run bench`: performance figures as ratios against baselines measured in the same run; --strict fails on a miss.
import { availableParallelism } from 'node:os'
import { parseArgs } from 'node:util'
import { benchAdapter } from './adapter.ts'
import { benchColdStart } from './cold-start.ts'
import { benchEdge } from './edge.ts'
import { Report } from './report.ts'

const SECTIONS = ['adapter', 'cold', 'edge'] as const

const { values } = parseArgs({
  options: {
    strict: { type: 'boolean', default: false },
    only: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
})

if (values.help) {
  console.log(`npm run bench [-- --strict] [-- --only ${SECTIONS.join(',')}]

  Prints each figure beside a baseline measured in the same run, and the ratio's target.
  A missed target is reported (MISS) and the exit status stays 0, unless --strict.`)
  process.exit(0)
}

const only = new Set(values.only ? values.only.split(',') : SECTIONS)
for (const s of only)
  if (!SECTIONS.includes(s as never)) throw new Error(`--only: unknown section ${s} (${SECTIONS.join(', ')})`)

const report = new Report()
const started = performance.now()
console.log(
  `oci-mcp-functions bench · node ${process.version} · ${availableParallelism()} CPUs · ${new Date().toISOString()}`,
)
if (only.has('adapter')) await benchAdapter(report, { n: 2000, warmup: 300, rounds: 4 })
if (only.has('cold')) await benchColdStart(report, { runs: 5 })
if (only.has('edge'))
  await benchEdge(report, { sequential: 200, concurrent: 200, concurrency: 8, freshTokens: 5, followUps: 10 })
const missed = report.summary()
console.log(`  total ${((performance.now() - started) / 1000).toFixed(1)} s`)
process.exitCode = values.strict && missed > 0 ? 1 : 0
