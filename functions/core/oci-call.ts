// One OCI request within the call's deadline: reads retried with backoff while time is left, writes only when idempotent.
import { callDeadline, deadlinePassed, reserveMs } from './deadline.ts'
import { McpFunctionsError } from './errors.ts'
import { fromOciError, transportFailure } from './oci-errors.ts'
import { type Attempt, withAttempt } from './oci-transport.ts'
import type { ToolContext } from './tool-runner.ts'

/** Operations that change nothing, whatever their HTTP method (SummarizeMetricsData and SearchLogs are POSTs). */
const READ_OPERATION = /^(Get|List|Head|Summarize|Search|RequestSummarized)/
const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504])
const MAX_ATTEMPTS = 5
const BACKOFF_BASE_MS = 200
const BACKOFF_CAP_MS = 4000
/** An attempt started with less time than this left would only add an OCI request that cannot finish. */
const MIN_ATTEMPT_MS = 250

const isSafeToRepeat = (a: Attempt) =>
  a.retryToken === true || a.method === 'GET' || a.method === 'HEAD' || READ_OPERATION.test(a.operation ?? '')

/**
 * Nothing was applied, so even a write may be sent again: the connection was refused or the name did not
 * resolve, or OCI throttled the request (a 429 is refused before it is processed).
 */
const neverApplied = (e: McpFunctionsError, a: Attempt) =>
  e.code === 'ERR_OCI_UNREACHABLE' || a.status === 429

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Runs one OCI request: records its opc-request-id and turns failures into coded, actionable errors. */
export async function ociCall<T extends object>(
  ctx: ToolContext,
  what: string,
  fn: () => Promise<T>,
): Promise<T> {
  const deadline = callDeadline(ctx)
  const endBy = deadline - reserveMs(deadline - Date.now())
  for (let attemptNo = 1; ; attemptNo++) {
    const left = endBy - Date.now()
    if (left <= 0) throw deadlinePassed(ctx, what)
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), left)
    const attempt: Attempt = { signal: controller.signal }
    let failure: McpFunctionsError
    try {
      const response = await withAttempt(attempt, fn)
      const id = (response as { opcRequestId?: unknown }).opcRequestId
      if (typeof id === 'string') ctx.opcRequestIds.push(id)
      return response
    } catch (error) {
      failure = controller.signal.aborted
        ? transportFailure(what, 'timeout', { budgetMs: Math.round(left), attempts: attemptNo })
        : (transportFailureOf(attempt, error, what, attemptNo) ?? fromOciError(error, what))
    } finally {
      clearTimeout(timer)
    }
    const id = failure.details?.opcRequestId ?? attempt.opcRequestId
    if (typeof id === 'string') ctx.opcRequestIds.push(id)
    const retryable =
      (RETRYABLE_STATUS.has(attempt.status ?? 0) && isSafeToRepeat(attempt)) ||
      (failure.code === 'ERR_OCI_CONNECTION_RESET' && isSafeToRepeat(attempt)) ||
      neverApplied(failure, attempt)
    if (!retryable || attemptNo >= MAX_ATTEMPTS) throw withAttempts(failure, attemptNo)
    const backoff = Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attemptNo)
    const delay = attempt.retryAfterMs ?? backoff
    if (Date.now() + delay + MIN_ATTEMPT_MS > endBy) throw withAttempts(failure, attemptNo, delay)
    await sleep(delay)
  }
}

function transportFailureOf(attempt: Attempt, error: unknown, what: string, attempts: number) {
  if (attempt.status !== undefined) return undefined
  return transportFailure(what, attempt.transportError ?? error, { attempts })
}

/** The failure as the caller sees it: how often it was tried, and why it was not tried again. */
function withAttempts(failure: McpFunctionsError, attempts: number, wouldWaitMs?: number): McpFunctionsError {
  if (attempts === 1 && wouldWaitMs === undefined) return failure
  const tail =
    wouldWaitMs === undefined
      ? ` (tried ${attempts} times)`
      : ` (tried ${attempts} time${attempts === 1 ? '' : 's'}; waiting ${Math.ceil(wouldWaitMs / 1000)} s more would pass the call's deadline)`
  return new McpFunctionsError(failure.code, `${failure.message}${tail}`, {
    hint: failure.hint,
    details: { ...failure.details, attempts },
    cause: failure.cause,
  })
}
