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

export function fromOciError(error: unknown, what: string): McpFunctionsError {
  if (error instanceof McpFunctionsError) return error
  if (!isOciError(error)) {
    const message = error instanceof Error ? error.message : String(error)
    const code = /ECONNREFUSED|ENOTFOUND|ETIMEDOUT|fetch failed|socket/i.test(message)
      ? 'ERR_OCI_UNREACHABLE'
      : 'ERR_OCI_SERVICE'
    return new McpFunctionsError(code, `${what} failed: ${message}`, {
      hint:
        code === 'ERR_OCI_UNREACHABLE'
          ? 'OCI could not be reached; check the region and try again shortly.'
          : undefined,
      cause: error,
    })
  }
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
