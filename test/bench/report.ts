// Prints the benchmark: aligned tables of figures, and ratios checked against their targets (PASS/MISS).
import type { Summary } from './stats.ts'

export interface Target {
  op: '>=' | '<='
  limit: number
  /** Written into the report when the target is missed: why, and what was tried. */
  ifMissed?: string
}

interface RatioRow {
  name: string
  value: number
  target?: Target
  how: string
}

export const fmtMs = (ms: number): string =>
  !Number.isFinite(ms) ? '—' : ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(ms < 10 ? 2 : 1)} ms`

export const fmtOps = (ops: number): string => (ops >= 100 ? ops.toFixed(0) : ops.toFixed(1))

const fmtRatio = (r: number) => `${r.toFixed(2)}×`

const passes = (value: number, t: Target) => (t.op === '>=' ? value >= t.limit : value <= t.limit)

/** The report being written: tables print and are kept for bench/report.md and bench/report.json. */
let current: Report | undefined

export function table(headers: string[], rows: string[][]): void {
  current?.keepTable(headers, rows)
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)))
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd()
  console.log(`  ${line(headers)}`)
  console.log(`  ${widths.map((w) => '─'.repeat(w)).join('  ')}`)
  for (const r of rows) console.log(`  ${line(r)}`)
}

/** A row of a latency table: label, ops/s, mean, p50, p95, p99. */
export const latencyRow = (label: string, s: Summary): string[] => [
  label,
  String(s.n),
  fmtOps(s.opsPerSec),
  fmtMs(s.meanMs),
  fmtMs(s.p50Ms),
  fmtMs(s.p95Ms),
  fmtMs(s.p99Ms),
]
export const LATENCY_HEADERS = ['', 'n', 'ops/s', 'mean', 'p50', 'p95', 'p99']

export interface SectionRecord {
  title: string
  note: string
  tables: { headers: string[]; rows: string[][] }[]
  ratios: { name: string; value: number; how: string; target?: Target; met?: boolean }[]
}

export class Report {
  private pending: RatioRow[] = []
  private readonly all: RatioRow[] = []
  readonly sections: SectionRecord[] = []

  constructor() {
    current = this
  }

  section(title: string, note: string): void {
    this.sections.push({ title, note, tables: [], ratios: [] })
    console.log(`\n━━ ${title} ━━`)
    console.log(`  ${note}\n`)
  }

  keepTable(headers: string[], rows: string[][]): void {
    this.sections.at(-1)?.tables.push({ headers, rows })
  }

  /** Every targeted ratio with its verdict, for the report files. */
  targets(): { name: string; value: number; target: Target; met: boolean; how: string }[] {
    return this.all.flatMap((r) =>
      r.target
        ? [{ name: r.name, value: r.value, target: r.target, met: passes(r.value, r.target), how: r.how }]
        : [],
    )
  }

  /** Records a ratio (printed with the section's ratios); `how` says what is divided by what. */
  ratio(name: string, value: number, how: string, target?: Target): void {
    const row = { name, value, how, target }
    this.pending.push(row)
    this.all.push(row)
    this.sections.at(-1)?.ratios.push({ ...row, ...(target ? { met: passes(value, target) } : {}) })
  }

  /** Prints the ratios recorded since the last call. */
  flushRatios(): void {
    if (this.pending.length === 0) return
    console.log('')
    // The report files write the section's ratios themselves, with the verdicts.
    current = undefined
    table(
      ['ratio', 'value', 'target', '', 'measured as'],
      this.pending.map((r) => [
        r.name,
        fmtRatio(r.value),
        r.target ? `${r.target.op} ${r.target.limit.toFixed(2)}×` : '(info)',
        r.target ? (passes(r.value, r.target) ? 'PASS' : 'MISS') : '',
        r.how,
      ]),
    )
    this.pending = []
    current = this
  }

  /** Prints the verdict of every target; returns how many were missed. */
  summary(): number {
    const targeted = this.all.filter((r) => r.target)
    const missed = targeted.filter((r) => !passes(r.value, r.target as Target))
    console.log('\n━━ Targets ━━')
    for (const r of targeted) {
      const t = r.target as Target
      console.log(
        `  ${passes(r.value, t) ? 'PASS' : 'MISS'}  ${r.name}: ${fmtRatio(r.value)} (target ${t.op} ${t.limit}×)`,
      )
    }
    console.log(`\n  ${targeted.length - missed.length}/${targeted.length} targets met`)
    return missed.length
  }
}
