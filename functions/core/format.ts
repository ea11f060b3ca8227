// Markdown rendering helpers for tool results; JSON output needs none.

const escapeCell = (value: unknown): string => {
  if (value === undefined || value === null || value === '') return '—'
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value)
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
}

export function mdTable<T extends Record<string, unknown>>(
  rows: T[],
  columns: [keyof T & string, string][],
): string {
  if (rows.length === 0) return '_none_'
  const head = `| ${columns.map(([, label]) => label).join(' | ')} |`
  const rule = `|${columns.map(() => '---').join('|')}|`
  const body = rows.map((row) => `| ${columns.map(([key]) => escapeCell(row[key])).join(' | ')} |`)
  return [head, rule, ...body].join('\n')
}

export function mdFields(fields: [string, unknown][]): string {
  return fields
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `- **${k}:** ${escapeCell(v)}`)
    .join('\n')
}

export function humanBytes(n: number | undefined): string {
  if (n === undefined) return '—'
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB']
  let value = n
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit += 1
  }
  return unit === 0 ? `${n} B` : `${value.toFixed(1)} ${units[unit]}`
}

export function pageFooter(
  page: { next_cursor?: string; truncated_by_budget: boolean },
  count: number,
): string {
  if (!page.next_cursor) return `\n\n${count} shown; end of list.`
  const why = page.truncated_by_budget ? ' (cut to stay within the response-size budget)' : ''
  return `\n\n${count} shown${why}; more available — call again with cursor \`${page.next_cursor}\`.`
}
