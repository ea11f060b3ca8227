// RFC 9457 problem details for REST callers: the HTTP status a code deserves, and the code itself.
import type { HttpReply } from '../../core/http.ts'
import type { CallToolResult } from '../../core/tool-runner.ts'

const STATUS: Record<string, number> = {
  ERR_INPUT_INVALID: 400,
  ERR_INPUT_CURSOR: 400,
  ERR_INPUT_TOO_LARGE: 413,
  ERR_AUTH_MISSING_TOKEN: 401,
  ERR_AUTH_INVALID_TOKEN: 401,
  ERR_AUTH_INSUFFICIENT_SCOPE: 403,
  ERR_ORIGIN_FORBIDDEN: 403,
  ERR_MUTATIONS_DISABLED: 403,
  ERR_CONFIRMATION_DECLINED: 409,
  ERR_TOOL_UNKNOWN: 404,
  ERR_OCI_NOT_FOUND: 404,
  ERR_OCI_NOT_AUTHENTICATED: 403,
  ERR_OCI_CONFLICT: 409,
  ERR_OCI_PRECONDITION: 412,
  ERR_OCI_THROTTLED: 429,
  ERR_OCI_INVALID_PARAMETER: 400,
  ERR_OCI_TIMEOUT: 504,
  ERR_DEADLINE_EXCEEDED: 504,
  ERR_OCI_UNREACHABLE: 502,
  ERR_OCI_CONNECTION_RESET: 502,
  ERR_OCI_SERVICE: 502,
  ERR_INVOKE_FAILED: 502,
  ERR_BACKEND_UNAVAILABLE: 502,
  ERR_BACKEND_QUARANTINED: 503,
  ERR_AUTH_EXCHANGE_FAILED: 401,
}

/** A tool that ran and failed without one of our codes (a backend tool's isError) is 422: understood, not done. */
export const statusOf = (code: string) => STATUS[code] ?? (code === 'ERR_TOOL_FAILED' ? 422 : 500)

const titleOf = (code: string) =>
  code
    .replace(/^ERR_/, '')
    .toLowerCase()
    .replace(/_/g, ' ')
    .replace(/^./, (c) => c.toUpperCase())

export function problem(
  status: number,
  code: string,
  detail: string,
  callId: string,
  headers: Record<string, string> = {},
  hint?: string,
): HttpReply {
  return {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
    body: JSON.stringify({
      type: `urn:oci-mcp-functions:error:${code}`,
      title: titleOf(code),
      status,
      detail,
      code,
      ...(hint ? { hint } : {}),
      instance: `urn:oci-mcp-functions:call:${callId}`,
    }),
  }
}

/**
 * An isError result as a problem. Our results begin `Error <code>: <message>` (tool-runner's errorResult, the
 * one place that writes them); anything else came from a backend tool.
 */
export function problemFromResult(result: CallToolResult, callId: string): HttpReply {
  const text = result.content
    .map((c) => (c as { text?: string }).text ?? '')
    .join('\n')
    .trim()
  const ours = /^Error (ERR_[A-Z_]+): ([^\n]*)(?:\nWhat to do: ([^\n]*))?/.exec(text)
  if (ours) return problem(statusOf(ours[1]), ours[1], ours[2], callId, {}, ours[3])
  return problem(422, 'ERR_TOOL_FAILED', text.slice(0, 2000) || 'The tool reported a failure', callId)
}
