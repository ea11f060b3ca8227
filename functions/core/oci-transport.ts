// The HTTP client every OCI SDK client here sends through: one attempt at a time, cut off at the call's deadline.
import { AsyncLocalStorage } from 'node:async_hooks'
import { type AuthenticationDetailsProvider, DefaultRequestSigner, FetchHttpClient } from 'oci-common'

/** What one attempt of an OCI request left behind, for ociCall to decide whether and when to retry. */
export interface Attempt {
  readonly signal: AbortSignal
  /** The SDK's operation name (e.g. "GetObject"), its HTTP method, and whether it carried an opc-retry-token. */
  operation?: string
  method?: string
  retryToken?: boolean
  status?: number
  /** The response's `retry-after`, in milliseconds. */
  retryAfterMs?: number
  opcRequestId?: string
  /** What fetch threw, with its cause; the SDK passes on only a plain { code, message } copy. */
  transportError?: unknown
}

const attempts = new AsyncLocalStorage<Attempt>()

/** Runs one attempt of an SDK call with its own abort signal; what the transport saw is written into `attempt`. */
export const withAttempt = <T>(attempt: Attempt, fn: () => Promise<T>): Promise<T> =>
  attempts.run(attempt, fn)

/** `retry-after` as seconds or an HTTP date, in milliseconds; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined
  const trimmed = value.trim()
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000)
  const at = Date.parse(trimmed)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now)
}

/*
 * The SDK reads its client's httpOptions on every send and hands them to fetch, so a getter gives each
 * attempt its own signal although clients are shared by concurrent calls (stdio serves many at once).
 */
const httpOptions = {
  get signal() {
    return attempts.getStore()?.signal
  },
}

interface SendableRequest {
  method: string
  headers: Headers
}

/**
 * An HTTP client for `new XClient({ authenticationDetailsProvider, httpClient })`. No circuit breaker: the SDK's
 * default one is per client and would fail every caller of a shared client after one caller's faults.
 */
export function deadlineHttpClient(provider: AuthenticationDetailsProvider) {
  const inner = new FetchHttpClient(new DefaultRequestSigner(provider), null, httpOptions)
  return {
    async send(req: SendableRequest, ...rest: unknown[]): Promise<Response> {
      const attempt = attempts.getStore()
      if (attempt) {
        attempt.operation = typeof rest[2] === 'string' ? rest[2] : undefined
        attempt.method = req.method
        attempt.retryToken = req.headers.has('opc-retry-token')
      }
      try {
        const response = await (inner.send as (r: SendableRequest, ...a: unknown[]) => Promise<Response>)(
          req,
          ...rest,
        )
        if (attempt) {
          attempt.status = response.status
          attempt.retryAfterMs = retryAfterMs(response.headers.get('retry-after'))
          attempt.opcRequestId = response.headers.get('opc-request-id') ?? undefined
        }
        return response
      } catch (error) {
        if (attempt) attempt.transportError = error
        throw error
      }
    },
  }
}
