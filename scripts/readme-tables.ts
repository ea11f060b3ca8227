// Generates the README's tool and configuration tables from the catalogs and the settings table.
// `tsx scripts/readme-tables.ts` rewrites README.md; `--check` exits 1 when it is out of date.
import { readFileSync, writeFileSync } from 'node:fs'
import { SETTINGS } from '../functions/core/config.ts'
import { GROUP_CATALOGS } from '../functions/router/groups.ts'
import { RUNS } from '../test/conformance/expectations.ts'

const README = new URL('../README.md', import.meta.url)
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ')

export function toolTable(): string {
  const rows = GROUP_CATALOGS.flatMap((c) =>
    c.tools.map((t) => {
      const kind =
        t.access === 'write' ? (t.annotations.destructiveHint ? 'write, destructive' : 'write') : 'read'
      const first = t.description.split(/(?<=\.)\s/)[0]
      return `| \`${t.name}\` | ${c.group} | ${kind} | ${cell(first)} |`
    }),
  )
  return ['| Tool | Group | Access | What it does |', '|---|---|---|---|', ...rows].join('\n')
}

export function settingsTable(): string {
  const rows = SETTINGS.map(
    (s) => `| \`${s.name}\` | ${'default' in s ? `\`${s.default}\`` : '—'} | ${cell(s.description)} |`,
  )
  return ['| Variable | Default | Meaning |', '|---|---|---|', ...rows].join('\n')
}

/** One row per conformance scenario, one column per run (suite version, revision, target), as the test enforces. */
export function conformanceTable(): string {
  const names = [...new Set(RUNS.flatMap((r) => Object.keys(r.scenarios)))]
  const head = RUNS.map((r) => `${r.suiteVersion} ${r.revision} ${r.target}`)
  const rows = names.map((name) => {
    const reasons = new Set<string>()
    const cells = RUNS.map((r) => {
      const o = r.scenarios[name]
      if (!o) return '—'
      if (o.result === 'pass') return 'pass'
      reasons.add(o.reason)
      return o.result
    })
    return `| \`${name}\` | ${cells.join(' | ')} | ${cell([...reasons].join('; '))} |`
  })
  return [
    `| Scenario | ${head.join(' | ')} | Why not a pass |`,
    `|---|${RUNS.map(() => '---|').join('')}---|`,
    ...rows,
  ].join('\n')
}

export function render(readme: string): string {
  const replace = (text: string, name: string, table: string) => {
    const re = new RegExp(`(<!-- ${name}:start -->)[\\s\\S]*?(<!-- ${name}:end -->)`)
    if (!re.test(text)) throw new Error(`README.md has no ${name} markers`)
    return text.replace(re, `$1\n${table}\n$2`)
  }
  return replace(
    replace(replace(readme, 'tools', toolTable()), 'settings', settingsTable()),
    'conformance',
    conformanceTable(),
  )
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const current = readFileSync(README, 'utf8')
  const next = render(current)
  if (process.argv.includes('--check')) {
    if (next !== current) {
      console.error('README.md tables are out of date: run npm run readme')
      process.exit(1)
    }
  } else writeFileSync(README, next)
}
