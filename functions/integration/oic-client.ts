// A small fetch client for the Oracle Integration monitoring REST API, with the group's own token and coded errors.
import { McpFunctionsError } from '../core/errors.ts'
import type { ToolContext } from '../core/tool-runner.ts'
import { dropOicToken, type OicConfig, oicAccessToken, oicConfigFromEnv } from './oic-token.ts'

export const API_BASE = '/ic/api/integration/v1'
const DEFAULT_TIMEOUT_MS = 25_000

export interface OicRequest {
  method: 'GET' | 'POST'
  /** Below /ic/api/integration/v1, e.g. /monitoring/errors; path segments already encoded. */
  path: string
  query?: Record<string, string | number | undefined>
}

export interface OicResponse<T> {
  status: number
  body: T | undefined
}

function urlFor(config: OicConfig, req: OicRequest): string {
  const params = new URLSearchParams()
  if (config.integrationInstance) params.set('integrationInstance', config.integrationInstance)
  for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) params.set(k, String(v))
  const qs = params.toString()
  return `${config.instanceUrl}${API_BASE}${req.path}${qs ? `?${qs}` : ''}`
}

function timeoutMs(ctx: ToolContext): number {
  if (!ctx.deadline) return DEFAULT_TIMEOUT_MS
  return Math.max(1000, Math.min(DEFAULT_TIMEOUT_MS, ctx.deadline.getTime() - Date.now() - 500))
}

/** OIC errors carry `title` and `detail` (RFC 7807), or `message`; keep one short line of them. */
function problemText(body: unknown): string {
  if (!body || typeof body !== 'object') return ''
  const b = body as Record<string, unknown>
  const parts = [b.title, b.detail ?? b.message ?? b.errorMessage].filter(
    (v): v is string => typeof v === 'string' && v !== '',
  )
  return parts.length ? `: ${parts.join(' — ').replace(/\s+/g, ' ').slice(0, 400)}` : ''
}

function fromStatus(status: number, what: string, body: unknown, requestId?: string): McpFunctionsError {
  const message = `${what} failed: Oracle Integration answered HTTP ${status}${problemText(body)}`
  const details = { status, ...(requestId ? { opcRequestId: requestId } : {}) }
  const make = (code: McpFunctionsError['code'], hint: string) =>
    new McpFunctionsError(code, message, { hint, details })
  if (status === 400)
    return make('ERR_OIC_INVALID_PARAMETER', 'Correct the argument the message names and call again.')
  if (status === 401 || status === 403) {
    return make(
      'ERR_OIC_NOT_AUTHENTICATED',
      'The integration group’s own OIC client was refused; its application needs the ServiceMonitor (or ServiceAdministrator) role on the instance — tell the operators.',
    )
  }
  if (status === 404) {
    return make(
      'ERR_OIC_NOT_FOUND',
      'Nothing with that identifier in this Oracle Integration instance; list first and use an id from the listing.',
    )
  }
  if (status === 409)
    return make(
      'ERR_OIC_CONFLICT',
      'The instance is in a state that conflicts with this request; list it again.',
    )
  if (status === 412) {
    return make(
      'ERR_OIC_PRECONDITION',
      'The instance cannot be resubmitted (not recoverable, or already resubmitted); check it in the OIC console.',
    )
  }
  if (status === 429)
    return make('ERR_OIC_THROTTLED', 'Oracle Integration is throttling requests; wait a little and retry.')
  return make('ERR_OIC_SERVICE', 'Oracle Integration had a problem answering; retry later.')
}

async function send(
  config: OicConfig,
  req: OicRequest,
  ctx: ToolContext,
  what: string,
): Promise<{ response: Response; token: string }> {
  const token = await oicAccessToken(config)
  try {
    const response = await fetch(urlFor(config, req), {
      method: req.method,
      headers: {
        Authorization: `Bearer ${token}`,
        Accept: 'application/json',
        ...(req.method === 'POST' ? { 'Content-Type': 'application/json' } : {}),
      },
      body: req.method === 'POST' ? '{}' : undefined,
      signal: AbortSignal.timeout(timeoutMs(ctx)),
    })
    return { response, token }
  } catch (error) {
    throw new McpFunctionsError(
      'ERR_OIC_UNREACHABLE',
      `${what} failed: Oracle Integration could not be reached`,
      {
        hint: 'Check that the instance is running; try again shortly.',
        cause: error,
      },
    )
  }
}

/** One OIC request; a 401 drops the cached token and tries once more with a fresh one. */
export async function oicRequest<T>(
  ctx: ToolContext,
  what: string,
  req: OicRequest,
): Promise<OicResponse<T>> {
  const config = await oicConfigFromEnv(ctx.env)
  let sent = await send(config, req, ctx, what)
  if (sent.response.status === 401) {
    await sent.response.body?.cancel()
    dropOicToken(config, sent.token)
    sent = await send(config, req, ctx, what)
  }
  const { response } = sent
  const requestId = response.headers.get('opc-request-id') ?? undefined
  if (requestId) ctx.opcRequestIds.push(requestId)
  const text = await response.text()
  let body: unknown
  try {
    body = text ? JSON.parse(text) : undefined
  } catch {
    body = undefined
  }
  if (!response.ok) throw fromStatus(response.status, what, body, requestId)
  return { status: response.status, body: body as T | undefined }
}
