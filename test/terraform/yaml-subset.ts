// A strict reader for the YAML the Resource Manager schema uses: block mappings, block sequences (of scalars or
// mappings), plain/quoted scalars, comments. Anything else (flow collections, anchors, block scalars) throws,
// so the schema stays within what this test can read.

export type Yaml = string | number | boolean | null | Yaml[] | { [key: string]: Yaml }

interface Line {
  indent: number
  text: string
  number: number
}

export function parseYaml(source: string): Yaml {
  const lines: Line[] = []
  for (const [i, raw] of source.split('\n').entries()) {
    const text = stripComment(raw).trimEnd()
    if (text.trim() === '') continue
    if (raw.includes('\t')) throw new SyntaxError(`line ${i + 1}: tabs are not YAML indentation`)
    lines.push({ indent: text.length - text.trimStart().length, text: text.trim(), number: i + 1 })
  }
  const [value, next] = parseBlock(lines, 0, lines[0]?.indent ?? 0)
  if (next !== lines.length) throw new SyntaxError(`line ${lines[next].number}: unexpected indentation`)
  return value
}

function stripComment(line: string): string {
  let quote: string | undefined
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (quote) {
      if (c === '\\' && quote === '"') i += 1
      else if (c === quote) quote = undefined
    } else if (c === '"' || c === "'") quote = c
    else if (c === '#' && (i === 0 || line[i - 1] === ' ')) return line.slice(0, i)
  }
  return line
}

function parseBlock(lines: Line[], start: number, indent: number): [Yaml, number] {
  const first = lines[start]
  if (!first) return [null, start]
  return first.text.startsWith('- ') || first.text === '-'
    ? parseSequence(lines, start, indent)
    : parseMapping(lines, start, indent)
}

function parseSequence(lines: Line[], start: number, indent: number): [Yaml[], number] {
  const out: Yaml[] = []
  let i = start
  while (i < lines.length && lines[i].indent === indent && lines[i].text.startsWith('-')) {
    const rest = lines[i].text.slice(1).trimStart()
    if (rest === '') {
      const [value, next] = parseBlock(lines, i + 1, lines[i + 1]?.indent ?? indent + 2)
      out.push(value)
      i = next
    } else if (/^[^"'[{][^:]*:(\s|$)/.test(rest)) {
      // "- key: value" starts a mapping whose further keys are indented to the key's column.
      const column = indent + (lines[i].text.length - rest.length)
      const synthetic = [{ ...lines[i], indent: column, text: rest }, ...lines.slice(i + 1)]
      const [value, consumed] = parseMapping(synthetic, 0, column)
      out.push(value)
      i += consumed
    } else {
      out.push(scalar(rest, lines[i].number))
      i += 1
    }
  }
  return [out, i]
}

function parseMapping(lines: Line[], start: number, indent: number): [{ [key: string]: Yaml }, number] {
  const out: { [key: string]: Yaml } = {}
  let i = start
  while (i < lines.length && lines[i].indent === indent) {
    const line = lines[i]
    const m = /^([^"'\s][^:]*|"[^"]*"):(?:\s+(.*))?$/.exec(line.text)
    if (!m) throw new SyntaxError(`line ${line.number}: expected "key: value"`)
    const key = m[1].startsWith('"') ? m[1].slice(1, -1) : m[1]
    if (key in out) throw new SyntaxError(`line ${line.number}: duplicate key ${key}`)
    if (m[2] !== undefined && m[2] !== '') {
      out[key] = scalar(m[2], line.number)
      i += 1
      continue
    }
    const child = lines[i + 1]
    const nested =
      child && (child.indent > indent || (child.indent === indent && child.text.startsWith('- ')))
    if (!nested) {
      out[key] = null
      i += 1
      continue
    }
    const [value, next] = parseBlock(lines, i + 1, child.indent)
    out[key] = value
    i = next
  }
  if (i < lines.length && lines[i].indent > indent) {
    throw new SyntaxError(`line ${lines[i].number}: unexpected indentation`)
  }
  return [out, i]
}

function scalar(text: string, line: number): Yaml {
  if (/^[[{&*!|>]/.test(text))
    throw new SyntaxError(`line ${line}: only plain and quoted scalars are supported`)
  if (text.startsWith('"')) {
    if (!text.endsWith('"') || text.length < 2) throw new SyntaxError(`line ${line}: unterminated string`)
    return JSON.parse(text) as string
  }
  if (text.startsWith("'")) return text.slice(1, -1).replaceAll("''", "'")
  if (text === 'true' || text === 'false') return text === 'true'
  if (text === 'null' || text === '~') return null
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text)
  return text
}
