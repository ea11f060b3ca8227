// How the soak judges one tool call: a success, a failure the injected faults explain, or a violation.

export interface ToolResultLike {
  isError?: boolean
  content?: { type: string; text?: string }[]
}

/** Failures a model is told to retry: throttling, an unavailable or slow service, a call out of time. */
export const EXPECTED_UNDER_FAULTS = new Set([
  'ERR_OCI_THROTTLED',
  'ERR_OCI_SERVICE',
  'ERR_OCI_TIMEOUT',
  'ERR_OCI_UNREACHABLE',
  'ERR_OCI_CONNECTION_RESET',
  'ERR_DEADLINE_EXCEEDED',
])

export type Outcome =
  | { kind: 'ok' }
  | { kind: 'expected'; code: string }
  | { kind: 'unexpected'; code: string }

/** The code a tool error result leads with (`Error ERR_…`), or 'ERR_UNCODED'. */
export function errorCodeOf(result: ToolResultLike): string {
  const text = result.content?.find((c) => c.type === 'text')?.text ?? ''
  return /^Error (ERR_[A-Z_]+)/.exec(text)?.[1] ?? 'ERR_UNCODED'
}

/**
 * `allowed` are codes this call may legitimately return without faults (e.g. ERR_OCI_NOT_FOUND for a read of a
 * name that was never acknowledged). A thrown error (HTTP failure, protocol error) is always unexpected.
 */
export function judge(result: ToolResultLike | Error, allowed: ReadonlySet<string> = new Set()): Outcome {
  if (result instanceof Error) return { kind: 'unexpected', code: `thrown:${result.name}` }
  if (!result.isError) return { kind: 'ok' }
  const code = errorCodeOf(result)
  if (EXPECTED_UNDER_FAULTS.has(code) || allowed.has(code)) return { kind: 'expected', code }
  return { kind: 'unexpected', code }
}
