// Generates the README's tool and configuration tables from the catalogs and the settings table.
// `tsx scripts/readme-tables.ts` rewrites README.md; `--check` exits 1 when it is out of date.
import { readFileSync, writeFileSync } from 'node:fs'
import { SETTINGS } from '../functions/core/config.ts'
import { GROUP_CATALOGS } from '../functions/router/groups.ts'

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

export function render(readme: string): string {
  const replace = (text: string, name: string, table: string) => {
    const re = new RegExp(`(<!-- ${name}:start -->)[\\s\\S]*?(<!-- ${name}:end -->)`)
    if (!re.test(text)) throw new Error(`README.md has no ${name} markers`)
    return text.replace(re, `$1\n${table}\n$2`)
  }
  return replace(replace(readme, 'tools', toolTable()), 'settings', settingsTable())
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
