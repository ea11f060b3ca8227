// Turns OCI SDK failures into coded errors that tell a model what went wrong and what to try next.
import { McpFunctionsError } from './errors.ts'

interface OciErrorLike {
  statusCode: number
  serviceCode?: string
  message: string
  opcRequestId?: string
}

const isOciError = (e: unknown): e is OciErrorLike =>
  typeof e === 'object' &&
  e !== null &&
  typeof (e as OciErrorLike).statusCode === 'number' &&
  'serviceCode' in e

/** The text of anything thrown: the SDK rejects transport failures with a plain { code, message } object. */
function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message
  if (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { message?: unknown }).message === 'string'
  )
    return (error as { message: string }).message
  return String(error)
}

/** An error and its causes, outermost first (fetch wraps what went wrong in a TypeError 'fetch failed'). */
function causes(error: unknown): unknown[] {
  const chain: unknown[] = []
  for (
    let e = error;
    typeof e === 'object' && e !== null && chain.length < 5;
    e = (e as { cause?: unknown }).cause
  )
    chain.push(e)
  return chain
}

/** The first system or undici error code along an error's cause chain (fetch hides it in `cause`). */
function codeOf(error: unknown): string | undefined {
  const code = causes(error)
    .map((e) => (e as { code?: unknown }).code)
    .find((c) => typeof c === 'string')
  return code as string | undefined
}

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
])
const RESET = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED'])
const TIMED_OUT = new Set([
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
])

/**
 * A request that got no HTTP answer: unreachable, reset, or out of time, each worded for what it means to the
 * caller (a reset write may or may not have been applied). `'timeout'` is the call's own deadline cutting it off.
 */
export function transportFailure(
  what: string,
  error: unknown,
  details: Record<string, unknown> = {},
): McpFunctionsError {
  if (error instanceof McpFunctionsError) return error
  // An answer from OCI with a status, whatever path it took here, is OCI's error, not the transport's.
  if (isOciError(error)) return fromOciError(error, what)
  const code = error === 'timeout' ? 'deadline' : codeOf(error)
  if (error === 'timeout' || (code && TIMED_OUT.has(code))) {
    const budget =
      typeof details.budgetMs === 'number' ? ` within the ${(details.budgetMs / 1000).toFixed(1)} s left` : ''
    return new McpFunctionsError(
      'ERR_OCI_TIMEOUT',
      `${what} timed out: OCI did not answer${budget} before the call's deadline.`,
      {
        hint: 'Narrow the request (a compartment, a shorter time range, a smaller limit) or try again shortly. A write may or may not have been applied: read the resource before repeating it.',
        details,
        cause: error === 'timeout' ? undefined : error,
      },
    )
  }
  if (code && UNREACHABLE.has(code))
    return new McpFunctionsError(
      'ERR_OCI_UNREACHABLE',
      `${what} failed: OCI could not be reached (${code}).`,
      {
        hint: 'Check the region and the OCI endpoint (OCI_ENDPOINT, --oci-endpoint) and the network, then try again.',
        details,
        cause: error,
      },
    )
  if ((code && RESET.has(code)) || /other side closed|socket hang up|terminated/i.test(messageOf(error)))
    return new McpFunctionsError(
      'ERR_OCI_CONNECTION_RESET',
      `${what} failed: the connection to OCI closed before it answered (${code ?? 'reset'}).`,
      {
        hint: 'Try again shortly. A write may or may not have been applied: read the resource before repeating it.',
        details,
        cause: error,
      },
    )
  // undici refuses a header value with control characters before anything is sent.
  if (
    code === 'UND_ERR_INVALID_ARG' ||
    causes(error).some((e) => e instanceof Error && /invalid .*header/i.test(e.message))
  )
    return new McpFunctionsError(
      'ERR_INPUT_INVALID',
      `${what} failed: an argument cannot be sent as an HTTP header value.`,
      {
        hint: 'Remove control characters and non-ASCII text from header-like arguments (content type, metadata) and call again.',
        details,
      },
    )
  return new McpFunctionsError('ERR_OCI_SERVICE', `${what} failed: ${messageOf(error)}`, {
    hint: 'OCI had a problem answering; retry later.',
    details,
    cause: error,
  })
}

export function fromOciError(error: unknown, what: string): McpFunctionsError {
  if (error instanceof McpFunctionsError) return error
  if (!isOciError(error)) return transportFailure(what, error)
  const details = {
    status: error.statusCode,
    serviceCode: error.serviceCode,
    opcRequestId: error.opcRequestId,
  }
  const message = `${what} failed: ${error.serviceCode ?? 'Error'} (HTTP ${error.statusCode}): ${error.message}`
  const make = (code: McpFunctionsError['code'], hint: string) =>
    new McpFunctionsError(code, message, { hint, details })
  switch (error.statusCode) {
    case 400:
      return make(
        'ERR_OCI_INVALID_PARAMETER',
        'Correct the parameter OCI names in the message and call again.',
      )
    case 401:
      return make(
        'ERR_OCI_NOT_AUTHENTICATED',
        'OCI did not accept the credentials; the session may have expired — sign in again.',
      )
    case 404:
      return make(
        'ERR_OCI_NOT_FOUND',
        'OCI answers 404 both when a resource does not exist and when you may not see it. Check the name or OCID, the compartment and the region, and your IAM policies.',
      )
    case 409:
      return make(
        'ERR_OCI_CONFLICT',
        'The resource is in a state that conflicts with this request; read it again and retry.',
      )
    case 412:
      return make(
        'ERR_OCI_PRECONDITION',
        'The resource changed since its ETag was read; read it again and retry with the new ETag.',
      )
    case 429:
      return make(
        'ERR_OCI_THROTTLED',
        'OCI is throttling requests; wait a few seconds and retry, or narrow the request.',
      )
    default:
      return make(
        'ERR_OCI_SERVICE',
        'OCI had a problem answering; retry later. Quote the opc-request-id to Oracle support if it persists.',
      )
  }
}
