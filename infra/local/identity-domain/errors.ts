// OAuth error responses (RFC 6749 §5.2, RFC 7591 §3.2.2) as one error type with a fixed code.

export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'unsupported_response_type'
  | 'access_denied'
  | 'invalid_redirect_uri'
  | 'invalid_client_metadata'
  | 'server_error'

export class OAuthError extends Error {
  readonly code: OAuthErrorCode
  readonly status: number

  constructor(code: OAuthErrorCode, description: string, status?: number) {
    super(description)
    this.name = 'OAuthError'
    this.code = code
    // RFC 6749 §5.2: invalid_client is 401 (the WWW-Authenticate header is added where it is sent);
    // everything else a client can cause is 400.
    this.status = status ?? (code === 'invalid_client' ? 401 : code === 'server_error' ? 500 : 400)
  }

  toJSON(): { error: OAuthErrorCode; error_description: string } {
    return { error: this.code, error_description: this.message }
  }
}
