// One JSON line per tool call on stdout (OCI Functions ships stdout to OCI Logging); never a token or a secret.
import { createHash } from 'node:crypto'
import { assertArgumentBounds } from './argument-bounds.ts'

export interface AuditRecord {
  callId: string
  function: string
  tool: string
  trigger: 'mcp' | 'event'
  principal: { sub?: string; client_id?: string }
  args: unknown
  outcome: 'ok' | 'tool_error' | 'denied'
  errorCode?: string
  durationMs: number
  opcRequestIds: string[]
}

/**
 * Stable digest of the arguments: canonical JSON (sorted keys), SHA-256, so equal calls match without storing
 * values. Never throws: arguments past the bounds (refused before they run) digest as `unavailable`.
 */
export function argsDigest(args: unknown): string {
  try {
    assertArgumentBounds(args)
    return canonicalDigest(args)
  } catch {
    return 'unavailable'
  }
}

function canonicalDigest(args: unknown): string {
  const canonical = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canonical)
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v as object)
          .sort()
          .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
      )
    }
    return v
  }
  return `sha256:${createHash('sha256')
    .update(JSON.stringify(canonical(args ?? {})))
    .digest('hex')}`
}

export type AuditSink = (line: string) => void

let sink: AuditSink = (line) => process.stdout.write(`${line}\n`)

export function setAuditSink(next: AuditSink): void {
  sink = next
}

export function audit(record: AuditRecord): void {
  const { args, ...rest } = record
  sink(
    JSON.stringify({ type: 'audit', time: new Date().toISOString(), ...rest, argsDigest: argsDigest(args) }),
  )
}
