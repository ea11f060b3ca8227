// Every error the project raises on purpose, each with a fixed code; tests assert codes, never text.

export type ErrorCode =
  | 'ERR_INPUT_INVALID'
  | 'ERR_INPUT_CURSOR'
  | 'ERR_INPUT_TOO_LARGE'
  | 'ERR_AUTH_MISSING_TOKEN'
  | 'ERR_AUTH_INVALID_TOKEN'
  | 'ERR_AUTH_INSUFFICIENT_SCOPE'
  | 'ERR_AUTH_EXCHANGE_FAILED'
  | 'ERR_AUTH_SIGNER_UNAVAILABLE'
  | 'ERR_ORIGIN_FORBIDDEN'
  | 'ERR_MUTATIONS_DISABLED'
  | 'ERR_TOOL_UNKNOWN'
  | 'ERR_CONFIRMATION_DECLINED'
  | 'ERR_CONFIRMATION_INVALID'
  | 'ERR_RESOURCE_UNKNOWN'
  | 'ERR_PROMPT_UNKNOWN'
  | 'ERR_OCI_NOT_FOUND'
  | 'ERR_OCI_NOT_AUTHENTICATED'
  | 'ERR_OCI_CONFLICT'
  | 'ERR_OCI_PRECONDITION'
  | 'ERR_OCI_THROTTLED'
  | 'ERR_OCI_INVALID_PARAMETER'
  | 'ERR_OCI_SERVICE'
  | 'ERR_OCI_UNREACHABLE'
  | 'ERR_OCI_CONNECTION_RESET'
  | 'ERR_OCI_TIMEOUT'
  | 'ERR_OIC_INVALID_PARAMETER'
  | 'ERR_OIC_NOT_AUTHENTICATED'
  | 'ERR_OIC_NOT_FOUND'
  | 'ERR_OIC_CONFLICT'
  | 'ERR_OIC_PRECONDITION'
  | 'ERR_OIC_THROTTLED'
  | 'ERR_OIC_SERVICE'
  | 'ERR_OIC_UNREACHABLE'
  | 'ERR_DEADLINE_EXCEEDED'
  | 'ERR_INVOKE_FAILED'
  | 'ERR_BACKEND_UNAVAILABLE'
  | 'ERR_BACKEND_QUARANTINED'
  | 'ERR_CONFIG_INVALID'

export class McpFunctionsError extends Error {
  readonly code: ErrorCode
  /** What a model (or a person) can do next; shown in tool results. */
  readonly hint?: string
  /** Extra, non-secret facts for the result (status, opc-request-id, …). */
  readonly details?: Record<string, unknown>

  constructor(
    code: ErrorCode,
    message: string,
    options: { hint?: string; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause })
    this.name = 'McpFunctionsError'
    this.code = code
    this.hint = options.hint
    this.details = options.details
  }
}

export const isMcpFunctionsError = (e: unknown): e is McpFunctionsError => e instanceof McpFunctionsError

/** Authorization failures the HTTP layer turns into 401/403 rather than tool results. */
export class AuthError extends McpFunctionsError {
  constructor(
    code: 'ERR_AUTH_MISSING_TOKEN' | 'ERR_AUTH_INVALID_TOKEN' | 'ERR_AUTH_INSUFFICIENT_SCOPE',
    message: string,
    readonly requiredScope?: string,
  ) {
    super(code, message)
    this.name = 'AuthError'
  }
}
