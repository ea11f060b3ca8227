// Logging Search (SearchLogs, POST /20190909/search) over the generated log entries of seed-logs.ts, with the
// part of the Logging query language that filters and sorts:
//
//   search "<compartment>[/<log group OCID or name>[/<log OCID or name>]]" (, "<scope>")*
//     ( | where <condition> | <condition> | sort by <field> [asc|desc] (, <field> [asc|desc])* )*
//
//   condition := condition and|or condition | not condition | ( condition )
//              | field (= | != | < | <= | > | >=) literal | field [not] like '<pattern with % and _>'
//              | field [not] in (literal, …)
//
// Fields are those of logContent (type, source, subject, id, time, data.message, data.level, oracle.logid, …)
// plus datetime; literals are 'strings' (quote doubled to escape), numbers, true, false and null. `=` is exact;
// `like` ignores case. A compartment scope covers its own logs (not its subcompartments'), its _Audit included.
import { z } from 'zod'
import { invalidParameter, notAuthorizedOrNotFound } from '../errors.ts'
import { jsonBody, paginate, type RouteResult } from '../http.ts'
import type { Requirement } from '../policy.ts'
import type { RequestContext, Route } from '../router.ts'
import { AUDIT_GROUP, LOG_RETENTION_MS, type LogEntry, logGroupsOf } from '../seed-logs.ts'

export interface Scope {
  compartmentId: string
  logGroup?: string
  log?: string
}

type Literal = string | number | boolean | null

export type Condition =
  | { kind: 'and' | 'or'; left: Condition; right: Condition }
  | { kind: 'not'; operand: Condition }
  | { kind: 'compare'; field: string[]; op: '=' | '!=' | '<' | '<=' | '>' | '>='; value: Literal }
  | { kind: 'like'; field: string[]; pattern: string; negated: boolean }
  | { kind: 'in'; field: string[]; values: Literal[]; negated: boolean }

export interface LogQuery {
  scopes: Scope[]
  filters: Condition[]
  sort: Array<{ field: string[]; descending: boolean }>
}

export class LogQueryError extends Error {}

const UNSUPPORTED = [
  'select',
  'summarize',
  'count',
  'eval',
  'rename',
  'top',
  'bottom',
  'distinct',
  'head',
  'tail',
  'limit',
]

class Lexer {
  readonly text: string
  pos = 0

  constructor(text: string) {
    this.text = text
  }

  fail(expected: string): never {
    const found =
      this.pos >= this.text.length ? 'the end of the query' : `'${this.text.slice(this.pos, this.pos + 15)}'`
    throw new LogQueryError(`expected ${expected} at position ${this.pos}, found ${found}`)
  }

  skip() {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos++
  }

  atEnd() {
    this.skip()
    return this.pos >= this.text.length
  }

  peekChar(s: string) {
    this.skip()
    return this.text.startsWith(s, this.pos)
  }

  eatChar(s: string) {
    if (!this.peekChar(s)) return false
    this.pos += s.length
    return true
  }

  /** A case-insensitive keyword that is a whole word. */
  peekWord(word: string) {
    this.skip()
    const next = this.text.slice(this.pos, this.pos + word.length)
    const after = this.text[this.pos + word.length]
    return next.toLowerCase() === word && (after === undefined || !/[A-Za-z0-9_]/.test(after))
  }

  eatWord(word: string) {
    if (!this.peekWord(word)) return false
    this.pos += word.length
    return true
  }

  quoted(quote: '"' | "'"): string {
    this.skip()
    if (this.text[this.pos] !== quote)
      this.fail(quote === '"' ? 'a double-quoted string' : 'a single-quoted string')
    let out = ''
    for (let i = this.pos + 1; i < this.text.length; i++) {
      if (this.text[i] === quote) {
        if (this.text[i + 1] === quote) {
          out += quote
          i++
          continue
        }
        this.pos = i + 1
        return out
      }
      if (this.text[i] === '\\' && i + 1 < this.text.length) {
        out += this.text[++i]
        continue
      }
      out += this.text[i]
    }
    throw new LogQueryError(`the string starting at position ${this.pos} is not closed`)
  }

  identifier(): string {
    this.skip()
    if (this.text[this.pos] === '"') return this.quoted('"')
    const m = /[A-Za-z_$][A-Za-z0-9_$-]*/y
    m.lastIndex = this.pos
    const r = m.exec(this.text)
    if (!r) this.fail('a field name such as data.message')
    this.pos += r[0].length
    return r[0]
  }

  field(): string[] {
    const parts = [this.identifier()]
    while (this.text[this.pos] === '.') {
      this.pos++
      parts.push(this.identifier())
    }
    // logContent.x and x name the same field.
    return parts[0] === 'logContent' && parts.length > 1 ? parts.slice(1) : parts
  }

  literal(): Literal {
    this.skip()
    const ch = this.text[this.pos]
    if (ch === "'") return this.quoted("'")
    if (ch === '"') return this.quoted('"')
    if (this.eatWord('true')) return true
    if (this.eatWord('false')) return false
    if (this.eatWord('null')) return null
    const m = /-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?/y
    m.lastIndex = this.pos
    const r = m.exec(this.text)
    if (!r) this.fail("a value: a 'string', a number, true, false or null")
    this.pos += r[0].length
    return Number(r[0])
  }
}

function parseScope(text: string): Scope {
  const parts = text.split('/').map((p) => p.trim())
  if (parts.length > 3 || parts.some((p) => p === '')) {
    throw new LogQueryError(`the log stream "${text}" is not "<compartment OCID>[/<log group>[/<log>]]"`)
  }
  if (!/^ocid1\.(compartment|tenancy)\./.test(parts[0])) {
    throw new LogQueryError(`the log stream "${text}" must start with a compartment or tenancy OCID`)
  }
  return { compartmentId: parts[0], logGroup: parts[1], log: parts[2] }
}

function condition(lx: Lexer): Condition {
  let left = conjunction(lx)
  while (lx.eatWord('or')) left = { kind: 'or', left, right: conjunction(lx) }
  return left
}

function conjunction(lx: Lexer): Condition {
  let left = negation(lx)
  while (lx.eatWord('and')) left = { kind: 'and', left, right: negation(lx) }
  return left
}

function negation(lx: Lexer): Condition {
  if (lx.eatWord('not')) return { kind: 'not', operand: negation(lx) }
  if (lx.eatChar('(')) {
    const inner = condition(lx)
    if (!lx.eatChar(')')) lx.fail("')'")
    return inner
  }
  const field = lx.field()
  const negated = lx.eatWord('not')
  if (lx.eatWord('like')) {
    const pattern = lx.literal()
    if (typeof pattern !== 'string')
      throw new LogQueryError("like takes a quoted pattern, e.g. like '%error%'")
    return { kind: 'like', field, pattern, negated }
  }
  if (lx.eatWord('in')) {
    if (!lx.eatChar('(')) lx.fail("'(' after in")
    const values = [lx.literal()]
    while (lx.eatChar(',')) values.push(lx.literal())
    if (!lx.eatChar(')')) lx.fail("')' after the values of in")
    return { kind: 'in', field, values, negated }
  }
  if (negated) lx.fail("'like' or 'in' after 'not'")
  lx.skip()
  const m = /!=|<=|>=|=|<|>/y
  m.lastIndex = lx.pos
  const op = m.exec(lx.text)
  if (!op) lx.fail("a comparison ('=', '!=', '<', '<=', '>', '>='), 'like' or 'in'")
  lx.pos += op[0].length
  return { kind: 'compare', field, op: op[0] as '=', value: lx.literal() }
}

export function parseLogQuery(text: string): LogQuery {
  const lx = new Lexer(text)
  if (!lx.eatWord('search'))
    lx.fail('the query to begin with search "<compartment OCID>[/<log group>[/<log>]]"')
  const scopes: Scope[] = []
  do scopes.push(parseScope(lx.quoted('"')))
  while (lx.eatChar(','))
  const filters: Condition[] = []
  const sort: LogQuery['sort'] = []
  while (lx.eatChar('|')) {
    if (lx.eatWord('sort')) {
      if (!lx.eatWord('by')) lx.fail("'by' after sort")
      do {
        const field = lx.field()
        const descending = lx.eatWord('desc')
        if (!descending) lx.eatWord('asc')
        sort.push({ field, descending })
      } while (lx.eatChar(','))
      continue
    }
    const unsupported = UNSUPPORTED.find((w) => lx.peekWord(w))
    if (unsupported) {
      throw new LogQueryError(
        `the '${unsupported}' command is not supported by this emulator; it supports search, where and sort by`,
      )
    }
    lx.eatWord('where')
    filters.push(condition(lx))
  }
  if (!lx.atEnd()) lx.fail("'|' before the next command, or the end of the query")
  return { scopes, filters, sort }
}

// ── Evaluation ──

function fieldValue(e: LogEntry, field: string[]): unknown {
  if (field.length === 1 && field[0] === 'datetime') return e.datetime
  let v: unknown = e.logContent
  for (const part of field) {
    if (v === null || typeof v !== 'object') return undefined
    v = (v as Record<string, unknown>)[part]
  }
  return v
}

function compare(actual: unknown, op: string, expected: Literal): boolean {
  if (actual === undefined) return false
  if (expected === null) return op === '=' ? actual === null : op === '!=' ? actual !== null : false
  let a: unknown = actual
  let b: unknown = expected
  if (
    typeof expected === 'number' &&
    typeof actual === 'string' &&
    actual.trim() !== '' &&
    !Number.isNaN(Number(actual))
  ) {
    a = Number(actual)
  } else if (typeof expected === 'string' && typeof actual !== 'string') {
    a = String(actual)
  } else if (typeof expected === 'boolean') {
    b = expected
  }
  switch (op) {
    case '=':
      return a === b
    case '!=':
      return a !== b
    case '<':
      return (a as number) < (b as number)
    case '<=':
      return (a as number) <= (b as number)
    case '>':
      return (a as number) > (b as number)
    case '>=':
      return (a as number) >= (b as number)
  }
  return false
}

const likeRegex = (pattern: string) =>
  new RegExp(
    `^${pattern
      .split('')
      .map((c) => (c === '%' ? '.*' : c === '_' ? '.' : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('')}$`,
    'is',
  )

export function matches(c: Condition, e: LogEntry): boolean {
  switch (c.kind) {
    case 'and':
      return matches(c.left, e) && matches(c.right, e)
    case 'or':
      return matches(c.left, e) || matches(c.right, e)
    case 'not':
      return !matches(c.operand, e)
    case 'compare':
      return compare(fieldValue(e, c.field), c.op, c.value)
    case 'like': {
      const v = fieldValue(e, c.field)
      if (v === undefined || v === null) return false
      return likeRegex(c.pattern).test(typeof v === 'string' ? v : JSON.stringify(v)) !== c.negated
    }
    case 'in': {
      const v = fieldValue(e, c.field)
      if (v === undefined) return false
      return c.values.some((x) => compare(v, '=', x)) !== c.negated
    }
  }
}

function fieldsOf(entries: LogEntry[]): Array<{ fieldName: string; fieldType: string }> {
  const fields = new Map<string, string>()
  const walk = (prefix: string, v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      for (const [k, child] of Object.entries(v)) walk(prefix ? `${prefix}.${k}` : k, child)
      return
    }
    if (v === null || v === undefined) return
    const type = Array.isArray(v)
      ? 'ARRAY'
      : typeof v === 'number'
        ? 'NUMBER'
        : typeof v === 'boolean'
          ? 'BOOLEAN'
          : 'STRING'
    if (!fields.has(prefix)) fields.set(prefix, type)
  }
  for (const e of entries) walk('', { datetime: e.datetime, logContent: e.logContent })
  return [...fields].map(([fieldName, fieldType]) => ({ fieldName, fieldType }))
}

// ── The operation ──

const dateString = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not an RFC 3339 date-time')

const SearchLogsDetails = z.object({
  timeStart: dateString,
  timeEnd: dateString,
  searchQuery: z.string().min(1).max(20_000),
  isReturnFieldInfo: z.boolean().optional(),
})

const parsedQueries = new WeakMap<Buffer, LogQuery>()

function queryOf(ctx: RequestContext): LogQuery {
  const cached = parsedQueries.get(ctx.body)
  if (cached) return cached
  const { searchQuery } = jsonBody(ctx.body, SearchLogsDetails)
  try {
    const q = parseLogQuery(searchQuery)
    parsedQueries.set(ctx.body, q)
    return q
  } catch (error) {
    if (error instanceof LogQueryError) throw invalidParameter(`Invalid search query: ${error.message}.`)
    throw error
  }
}

/** LOG_CONTENT_READ (`read log-content`) in every compartment the query searches. */
function authorizeSearch(ctx: RequestContext): Requirement[] {
  return queryOf(ctx).scopes.map((s) => ({
    verb: 'read',
    resourceType: 'log-content',
    compartmentId: s.compartmentId,
    variables:
      s.logGroup && s.logGroup !== AUDIT_GROUP && s.logGroup.startsWith('ocid1.')
        ? { 'target.loggroup.id': s.logGroup }
        : undefined,
  }))
}

function searchLogs(ctx: RequestContext): RouteResult {
  const d = jsonBody(ctx.body, SearchLogsDetails)
  const q = queryOf(ctx)
  const start = Date.parse(d.timeStart)
  const end = Date.parse(d.timeEnd)
  if (start >= end) throw invalidParameter('timeStart must be earlier than timeEnd.')
  const limitRaw = ctx.query.get('limit')
  const limit = limitRaw === '-1' ? 10_000 : ctx.query.int('limit', { min: 1, max: 1000, fallback: 100 })
  const now = Date.now()
  const from = Math.max(start, now - LOG_RETENTION_MS)
  const to = Math.min(end, now)
  const store = ctx.core.store
  const seen = new Set<string>()
  const entries: LogEntry[] = []
  for (const scope of q.scopes) {
    if (!store.compartmentExists(scope.compartmentId)) throw notAuthorizedOrNotFound()
    let groups = logGroupsOf(store, scope.compartmentId, now)
    if (scope.logGroup) {
      groups = groups.filter((g) => g.id === scope.logGroup || g.displayName === scope.logGroup)
      if (groups.length === 0) throw notAuthorizedOrNotFound()
    }
    let logs = groups.flatMap((g) => g.logs)
    if (scope.log) {
      logs = logs.filter((l) => l.id === scope.log || l.displayName === scope.log)
      if (logs.length === 0) throw notAuthorizedOrNotFound()
    }
    for (const log of logs) {
      const key = `${log.compartmentId}/${log.id}`
      if (seen.has(key) || from >= to) continue
      seen.add(key)
      for (const e of log.entries(from, to)) if (q.filters.every((f) => matches(f, e))) entries.push(e)
    }
  }
  const sort = q.sort.length > 0 ? q.sort : [{ field: ['datetime'], descending: false }]
  entries.sort((a, b) => {
    for (const s of sort) {
      const x = fieldValue(a, s.field) as string | number
      const y = fieldValue(b, s.field) as string | number
      const c = x === y ? 0 : x === undefined ? 1 : y === undefined ? -1 : x < y ? -1 : 1
      if (c !== 0) return s.descending ? -c : c
    }
    return a.logContent.id < b.logContent.id ? -1 : 1
  })
  const page = paginate(entries, limit, ctx.query.get('page'))
  const fields = fieldsOf(page.items)
  return {
    json: {
      results: page.items.map((e) => ({ data: e })),
      ...(d.isReturnFieldInfo ? { fields } : {}),
      summary: { resultCount: page.items.length, fieldCount: fields.length },
    },
    headers: { 'opc-next-page': page.nextPage },
  }
}

export const loggingSearchRoutes: Route[] = [
  {
    method: 'POST',
    pattern: '/20190909/search',
    operation: 'SearchLogs',
    service: 'loggingsearch',
    authorize: authorizeSearch,
    handle: searchLogs,
  },
]
