// Writes the run as bench/report.json (data) and bench/report.md (what the README quotes), with the machine it ran on.
import { mkdirSync, writeFileSync } from 'node:fs'
import { availableParallelism, cpus, freemem, loadavg, totalmem } from 'node:os'
import { join } from 'node:path'
import type { Report } from './report.ts'

export interface Machine {
  cpus: number
  cpuModel: string
  memoryMiB: number
  freeMemoryMiB: number
  /** The runner's Node; cold starts name the Node they spawn. */
  node: string
  platform: string
  loadAverageAtStart: [number, number, number]
}

/** Taken before anything runs: the load average says how busy the machine was when the run began. */
export const machine = (): Machine => ({
  cpus: availableParallelism(),
  cpuModel: cpus()[0]?.model ?? 'unknown',
  memoryMiB: Math.round(totalmem() / 2 ** 20),
  freeMemoryMiB: Math.round(freemem() / 2 ** 20),
  node: process.version,
  platform: `${process.platform}-${process.arch}`,
  loadAverageAtStart: loadavg().map((l) => Math.round(l * 100) / 100) as [number, number, number],
})

const cell = (s: string) => s.replace(/\|/g, '\\|')
const mdTable = (headers: string[], rows: string[][]) =>
  [
    `| ${headers.map(cell).join(' | ')} |`,
    `| ${headers.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n')

export function writeReportFiles(
  dir: string,
  report: Report,
  run: {
    machine: Machine
    startedAt: string
    seconds: number
    sections: string[]
    strict: boolean
    notMeasured: string[]
  },
): { md: string; json: string } {
  mkdirSync(dir, { recursive: true })
  const targets = report.targets()
  const missed = targets.filter((t) => !t.met)
  const json = join(dir, 'report.json')
  writeFileSync(
    json,
    `${JSON.stringify({ ...run, sections: undefined, sectionsRun: run.sections, targets, results: report.sections }, null, 2)}\n`,
  )
  const m = run.machine
  const lines = [
    '# Benchmark report',
    '',
    `Written by \`npm run bench\` on ${run.startedAt} in ${run.seconds.toFixed(0)} s (sections: ${run.sections.join(', ')}).`,
    `Machine: ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryMiB} MiB memory (${m.freeMemoryMiB} free), ${m.platform}, ` +
      `runner ${m.node}, load average at start ${m.loadAverageAtStart.join(' / ')}.`,
    'Every figure is a ratio against a baseline measured in the same run; times are medians with min and max.',
    '',
    `## Targets: ${targets.length - missed.length}/${targets.length} met`,
    '',
    mdTable(
      ['figure', 'value', 'target', 'verdict'],
      targets.map((t) => [
        t.name,
        `${t.value.toFixed(2)}×`,
        `${t.target.op} ${t.target.limit}×`,
        t.met ? 'met' : 'MISSED',
      ]),
    ),
  ]
  if (missed.length) {
    lines.push('', '### Not met: the figure, the reason, what was tried')
    for (const t of missed)
      lines.push(
        '',
        `- **${t.name}: ${t.value.toFixed(2)}×** (target ${t.target.op} ${t.target.limit}×, ${t.how}). ${t.target.ifMissed ?? ''}`.trimEnd(),
      )
  }
  if (run.notMeasured.length) {
    lines.push('', '### Not measured by this bench yet', '')
    for (const n of run.notMeasured) lines.push(`- ${n}`)
  }
  for (const s of report.sections) {
    lines.push('', `## ${s.title}`, '', s.note)
    for (const t of s.tables) lines.push('', mdTable(t.headers, t.rows))
    if (s.ratios.length)
      lines.push(
        '',
        mdTable(
          ['ratio', 'value', 'target', 'measured as'],
          s.ratios.map((r) => [
            r.name,
            `${r.value.toFixed(2)}×`,
            r.target ? `${r.target.op} ${r.target.limit}× ${r.met ? 'met' : 'MISSED'}` : 'info',
            r.how,
          ]),
        ),
      )
  }
  const md = join(dir, 'report.md')
  writeFileSync(md, `${lines.join('\n')}\n`)
  return { md, json }
}
