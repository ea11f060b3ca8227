// OCI service errors exactly as the wire carries them ({code, message} + status); bodies from ../../../shared fixtures.

export class OciServiceError extends Error {
  readonly status: number
  readonly code: string
  /** Extra response headers, e.g. Content-Range on a 416. */
  readonly headers: Record<string, string>

  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message)
    this.name = 'OciServiceError'
    this.status = status
    this.code = code
    this.headers = headers
  }

  toJSON() {
    return { code: this.code, message: this.message }
  }
}

const NOT_AUTHENTICATED = 'The required information to complete authentication was not provided.'

export const notAuthenticated = () => new OciServiceError(401, 'NotAuthenticated', NOT_AUTHENTICATED)

export const parDoesNotExist = () => new OciServiceError(401, 'NotAuthenticated', 'PAR does not exist')

export const notAuthorizedOrNotFound = () =>
  new OciServiceError(404, 'NotAuthorizedOrNotFound', 'Authorization failed or requested resource not found.')

export const notFound = () => new OciServiceError(404, 'NotFound', 'Not Found')

export const methodNotAllowed = () => new OciServiceError(405, 'MethodNotAllowed', 'Method Not Allowed')

export const namespaceNotFound = () =>
  new OciServiceError(
    404,
    'NamespaceNotFound',
    'You do not have authorization to perform this request, or the requested resource could not be found.',
  )

export const bucketNotFound = (namespace: string, bucket: string) =>
  new OciServiceError(
    404,
    'BucketNotFound',
    `Either the bucket named '${bucket}' does not exist in the namespace '${namespace}' or you are not authorized to access it`,
  )

export const bucketAlreadyExists = (namespace: string, bucket: string) =>
  new OciServiceError(
    409,
    'BucketAlreadyExists',
    `Either the bucket '${bucket}' in namespace '${namespace}' already exists or you are not authorized to create it`,
  )

/** GET/HEAD wording differs from DELETE wording on the real service; both are in the fixtures. */
export const objectNotFoundOnRead = (bucket: string, object: string) =>
  new OciServiceError(404, 'ObjectNotFound', `The object '${object}' was not found in the bucket '${bucket}'`)

export const objectNotFoundOnDelete = (namespace: string, bucket: string, object: string) =>
  new OciServiceError(
    404,
    'ObjectNotFound',
    `The object '${object}' does not exist in bucket '${bucket}' with namespace '${namespace}'`,
  )

export const ifMatchFailed = () =>
  new OciServiceError(412, 'IfMatchFailed', 'The If-Match header did not match the current entity tag')

export const ifNoneMatchFailed = () =>
  new OciServiceError(
    412,
    'IfNoneMatchFailed',
    "The If-None-Match header is '*' but there is an existing entity",
  )

export const invalidParameter = (message: string) => new OciServiceError(400, 'InvalidParameter', message)

export const missingParameter = (name: string) =>
  new OciServiceError(400, 'MissingParameter', `Missing required parameter '${name}'.`)

export const cannotParseRequest = (message = 'The request body could not be parsed.') =>
  new OciServiceError(400, 'CannotParseRequest', message)

export const requestEntityTooLarge = (limit: number) =>
  new OciServiceError(413, 'RequestEntityTooLarge', `The request body exceeds the limit of ${limit} bytes.`)

export const internalServerError = () =>
  new OciServiceError(500, 'InternalServerError', 'Internal Server Error')

/** The answer to an injected `status` fault, as the service itself would give it (see ../faults.ts). */
export function injectedError(status: 429 | 500 | 503, retryAfterSeconds?: number): OciServiceError {
  const headers: Record<string, string> =
    retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) }
  if (status === 429)
    return new OciServiceError(429, 'TooManyRequests', 'Too many requests for the user', headers)
  if (status === 503) return new OciServiceError(503, 'ServiceUnavailable', 'Service Unavailable', headers)
  return new OciServiceError(500, 'InternalServerError', 'Internal Server Error', headers)
}

/** A policy statement outside the subset the emulator understands; raised at load so mistakes are loud. */
export class PolicySyntaxError extends Error {
  readonly code = 'ERR_POLICY_SYNTAX'

  constructor(statement: string, reason: string) {
    super(`${reason}: ${statement}`)
    this.name = 'PolicySyntaxError'
  }
}

export type AuthFailureReason =
  | 'missing_authorization'
  | 'malformed_authorization'
  | 'unsupported_algorithm'
  | 'missing_signed_header'
  | 'invalid_date'
  | 'clock_skew'
  | 'body_digest_mismatch'
  | 'unknown_key'
  | 'invalid_session_token'
  | 'unknown_principal'
  | 'bad_signature'
  | 'par_not_found'

/** Why a request was refused with 401; the reason goes to metrics and logs, never to the caller. */
export class AuthFailure extends Error {
  readonly reason: AuthFailureReason

  constructor(reason: AuthFailureReason, detail?: string) {
    super(detail ? `${reason}: ${detail}` : reason)
    this.name = 'AuthFailure'
    this.reason = reason
  }
}
