// Logging Search, without I/O: the query a call runs, one search result as time/level/message, and markdown
// that shows log text as text (log content is written by applications and is never markup or instructions).
import { McpFunctionsError } from '../core/errors.ts'
import { isoTime } from '../core/values.ts'

export interface LogEntry {
  id?: string
  time?: string
  level?: string
  message: string
  source?: string
  type?: string
  log_id?: string
  fields: Record<string, unknown>
}

export interface LogScope {
  compartmentId: string
  logGroupId?: string
  logId?: string
}

const invalid = (message: string, hint: string) =>
  new McpFunctionsError('ERR_INPUT_INVALID', message, { hint })

/** `search "<compartment>[/<log group>[/<log>]]" | <filter> | sort by datetime desc`. */
export function buildLogQuery(scope: LogScope, filter?: string): string {
  if (scope.logId && !scope.logGroupId) {
    throw invalid('log_id needs log_group_id', 'Pass the log group the log belongs to as log_group_id.')
  }
  const target = [scope.compartmentId, scope.logGroupId, scope.logId].filter(Boolean).join('/')
  const stages = [`search "${target}"`]
  const extra = filter?.trim().replace(/^\|\s*/, '')
  if (extra) {
    if (/^search\b/i.test(extra)) {
      throw invalid(
        'filter must not start a new search',
        'Give a full query as query, or only stages such as where … as filter.',
      )
    }
    stages.push(extra)
  }
  if (!/\bsort\s+by\b/i.test(extra ?? '')) stages.push('sort by datetime desc')
  return stages.join(' | ')
}

/** A full query given by the caller: it must be a search. */
export function checkLogQuery(query: string): string {
  const text = query.trim()
  if (!/^search\s+"/i.test(text)) {
    throw invalid(
      'A Logging query starts with search "<scope>"',
      'e.g. search "<compartment OCID>/<log group OCID>" | where data.level = \'ERROR\' | sort by datetime desc — or use compartment_id/log_group_id/filter instead of query.',
    )
  }
  return text
}

const record = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined

const pick = (obj: Record<string, unknown> | undefined, keys: string[]): string | undefined => {
  for (const key of keys) {
    const v = obj?.[key]
    if (typeof v === 'string' && v !== '') return v
    if (typeof v === 'number') return String(v)
  }
  return undefined
}

/** An audit event (`eventName`, `identity`, `response`) as `UpdatePolicy contractors-policy by alice (status 200)`. */
function auditLine(fields: Record<string, unknown>): string | undefined {
  const event = pick(fields, ['eventName'])
  if (!event) return undefined
  const resource = pick(fields, ['resourceName'])
  const who = pick(record(fields.identity), ['principalName'])
  const status = pick(record(fields.response), ['status'])
  return [event, resource, who && `by ${who}`, status && `(status ${status})`].filter(Boolean).join(' ')
}

const LEVEL_IN_TEXT = /\b(FATAL|CRITICAL|SEVERE|ERROR|WARN(?:ING)?|NOTICE|INFO|DEBUG|TRACE)\b/i

/** One search result (`{data: {datetime, logContent: {data, oracle, source, time, type}}}`) as an entry. */
export function toLogEntry(result: { data?: unknown }): LogEntry {
  const data = record(result.data) ?? {}
  const content = record(data.logContent)
  const fields = record(content?.data) ?? (content ? {} : data)
  const datetime = data.datetime
  const time =
    typeof datetime === 'number'
      ? isoTime(new Date(datetime))
      : isoTime(pick(content, ['time']) ?? pick(data, ['time']))
  const message =
    pick(fields, ['message', 'msg', 'log', 'text']) ?? auditLine(fields) ?? JSON.stringify(fields)
  const level =
    pick(fields, ['level', 'severity', 'logLevel', 'loglevel', 'lvl']) ??
    pick(data, ['level']) ??
    LEVEL_IN_TEXT.exec(message.slice(0, 60))?.[1]
  return {
    id: pick(content, ['id']),
    time,
    level: level?.toUpperCase(),
    message,
    source: pick(content, ['source']),
    type: pick(content, ['type']),
    log_id: pick(record(content?.oracle), ['logid']),
    fields,
  }
}

/**
 * Log text for a markdown line: control characters dropped, line breaks shown as ⏎, cut at `max`, and every
 * character markdown or HTML could act on backslash-escaped.
 */
export function escapeMarkdown(text: string, max = 500): string {
  let t = text
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/\s*(?:\r\n|\r|\n|\u2028|\u2029)\s*/g, ' ⏎ ')
  if (t.length > max) t = `${t.slice(0, max)}…`
  return t.replace(/[\\`*_[\]<>|~#&!]/g, '\\$&')
}

/** A fenced block that no backtick run inside the text can close early. */
export function codeBlock(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length))
  const fence = '`'.repeat(Math.max(3, longest + 1))
  return `${fence}\n${text}\n${fence}`
}

export function renderLogLines(entries: LogEntry[]): string {
  if (entries.length === 0) return '_No log entries matched in this range._'
  return entries
    .map(
      (e) =>
        `- \`${e.time ?? 'no time'}\` **${escapeMarkdown(e.level ?? '-', 16)}** ${escapeMarkdown(e.message)}`,
    )
    .join('\n')
}
