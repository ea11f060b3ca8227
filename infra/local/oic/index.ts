// A stand-in for Oracle Integration (OIC 3) monitoring REST: integrations with message counts, errored
// instances, resubmission. Every request needs a bearer token from the identity domain for this instance's
// audience (checked against the domain's JWKS), and the `integrationInstance` query parameter.
//
//   GET  /ic/api/integration/v1/monitoring/integrations/messages/summary
//   GET  /ic/api/integration/v1/monitoring/integrations            q={timewindow,status,name,style} orderBy limit offset
//   GET  /ic/api/integration/v1/monitoring/integrations/{CODE|VERSION}   q={timewindow}
//   GET  /ic/api/integration/v1/monitoring/errors                  q={timewindow,code,version,primaryValue,startdate,enddate,orderBy}
//   GET  /ic/api/integration/v1/monitoring/errors/{id}
//   POST /ic/api/integration/v1/monitoring/errors/{id}/resubmit    200 once; 412 when not recoverable or resubmitted
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { createRemoteJWKSet, jwtVerify } from 'jose'
import {
  buildOicData,
  type ErroredInstance,
  HOUR_MS,
  type IntegrationInfo,
  TIME_WINDOWS,
  type TimeWindow,
} from './data.ts'

export interface OicStandInOptions {
  /** Default 127.0.0.1. */
  host?: string
  /** Default 8083; 0 picks a free port. */
  port?: number
  /** Tokens must be signed by this JWKS, with this issuer and audience (the OIC instance's). */
  tokenIssuer: { jwksUrl: string; issuer?: string; audience: string }
  /** The `integrationInstance` value requests must carry; default `oic-local-instance`. */
  integrationInstance?: string
  /** Resubmissions are kept here (oic-state.json) when given; otherwise in memory. */
  dataDir?: string
  /** Clock, for tests. Instance times are relative to the clock's value at start. */
  now?: () => number
  log?: (line: string) => void
}

export interface OicStandIn {
  url: string
  integrationInstance: string
  close(): Promise<void>
}

const BASE = '/ic/api/integration/v1/monitoring'
const DEFAULT_ISSUER = 'https://identity.oraclecloud.com/'

interface Resubmission {
  at: number
  recoveryJobId: string
}

class HttpError extends Error {
  readonly status: number
  readonly title: string

  constructor(status: number, title: string, detail: string) {
    super(detail)
    this.status = status
    this.title = title
  }
}

const badRequest = (detail: string) => new HttpError(400, 'Bad Request', detail)
const notFound = (detail: string) => new HttpError(404, 'Not Found', detail)

/** OIC prints times as `2024-05-17T06:21:10.118+0000`. */
const oicTime = (t: number) => new Date(t).toISOString().replace('Z', '+0000')

/** OIC's `q` filter: `{timewindow:'1h', code:'ORDER_SYNC'}`; values single- or double-quoted, or bare. */
export function parseQ(raw: string | null): Record<string, string> {
  if (raw === null || raw.trim() === '') return {}
  const text = raw.trim()
  if (!text.startsWith('{') || !text.endsWith('}')) {
    throw badRequest(`The q parameter must look like {timewindow:'1h', code:'MY_INTEGRATION'}; got ${text}`)
  }
  const out: Record<string, string> = {}
  const body = text.slice(1, -1)
  const pair =
    /\s*([A-Za-z][A-Za-z0-9_-]*)\s*:\s*(?:'((?:[^']|'')*)'|"((?:[^"\\]|\\.)*)"|([^,'"\s}]+))\s*(,|$)/y
  while (pair.lastIndex < body.length) {
    const m = pair.exec(body)
    if (!m) throw badRequest(`The q parameter is malformed near position ${pair.lastIndex}: ${text}`)
    out[m[1]] = m[2] !== undefined ? m[2].replace(/''/g, "'") : (m[3] ?? m[4])
    if (m[5] === '') break
  }
  return out
}

function timeWindow(q: Record<string, string>, fallback: TimeWindow): TimeWindow {
  const tw = q.timewindow ?? fallback
  if (!(tw in TIME_WINDOWS)) {
    throw badRequest(`Invalid timewindow '${tw}'. Valid values: ${Object.keys(TIME_WINDOWS).join(', ')}.`)
  }
  return tw as TimeWindow
}

function customDate(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined
  // OIC examples use `2020-07-21 00:00:00` (UTC); ISO 8601 is accepted too.
  const t = Date.parse(
    /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/.test(value) ? `${value.replace(' ', 'T')}Z` : value,
  )
  if (Number.isNaN(t)) throw badRequest(`Invalid ${name} '${value}': use UTC such as 2026-01-31 00:00:00.`)
  return t
}

function intParam(url: URL, name: string, fallback: number, max: number): number {
  const raw = url.searchParams.get(name)
  if (raw === null || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 0 || n > max)
    throw badRequest(`The '${name}' parameter must be an integer from 0 to ${max}.`)
  return n
}

const unquote = (v: string | null) => (v === null ? null : v.replace(/^['"]|['"]$/g, ''))

export async function startOicStandIn(options: OicStandInOptions): Promise<OicStandIn> {
  if (!options?.tokenIssuer?.jwksUrl || !options.tokenIssuer.audience) {
    throw new TypeError('tokenIssuer.jwksUrl and tokenIssuer.audience are required')
  }
  const now = options.now ?? Date.now
  const log = options.log ?? (() => {})
  const anchor = now()
  const instanceName = options.integrationInstance ?? 'oic-local-instance'
  const issuer = options.tokenIssuer.issuer ?? DEFAULT_ISSUER
  const audience = options.tokenIssuer.audience
  const jwks = createRemoteJWKSet(new URL(options.tokenIssuer.jwksUrl))
  const data = buildOicData()
  const statePath = options.dataDir ? join(options.dataDir, 'oic-state.json') : undefined
  const resubmitted = new Map<string, Resubmission>()
  if (statePath) {
    mkdirSync(options.dataDir as string, { recursive: true })
    if (existsSync(statePath)) {
      const saved = JSON.parse(readFileSync(statePath, 'utf8')) as {
        resubmitted?: Record<string, Resubmission>
      }
      for (const [id, r] of Object.entries(saved.resubmitted ?? {})) resubmitted.set(id, r)
    }
  }
  const save = () => {
    if (!statePath) return
    const tmp = `${statePath}.tmp-${process.pid}`
    writeFileSync(tmp, JSON.stringify({ resubmitted: Object.fromEntries(resubmitted) }))
    renameSync(tmp, statePath)
  }
  let url = ''

  const at = (ageMs: number) => anchor - ageMs
  const inWindow = (t: number, range: { from: number; to: number }) => t >= range.from && t <= range.to

  function rangeOf(
    q: Record<string, string>,
    fallback: TimeWindow,
  ): { from: number; to: number; label: string } {
    const start = customDate(q.startdate, 'startdate')
    const end = customDate(q.enddate, 'enddate')
    if (start !== undefined || end !== undefined) {
      const to = end ?? now()
      const from = start ?? to - HOUR_MS
      if (from >= to) throw badRequest('startdate must be earlier than enddate.')
      return { from, to, label: 'CUSTOM' }
    }
    const tw = timeWindow(q, fallback)
    return { from: now() - TIME_WINDOWS[tw], to: now(), label: tw }
  }

  function counts(integration: IntegrationInfo, range: { from: number; to: number }) {
    const messages = (data.messages.get(integration.id) ?? []).filter((m) => inWindow(at(m.ageMs), range))
    const errored = messages.filter((m) => m.errored).length
    const received = messages.length
    const succeeded = received - errored
    return { received, processed: received, succeeded, errored, aborted: 0 }
  }

  const integrationLink = (base: string, id: string) => [
    { href: `${base}${BASE}/integrations/${encodeURIComponent(id)}`, rel: 'self' },
  ]

  function integrationJson(base: string, i: IntegrationInfo, range: { from: number; to: number }) {
    const c = counts(i, range)
    const lastUpdated = anchor - i.lastUpdatedAgoMs
    const nextRun = i.scheduled
      ? Math.ceil((now() - 2 * HOUR_MS) / (24 * HOUR_MS)) * 24 * HOUR_MS + 2 * HOUR_MS
      : null
    return {
      code: i.code,
      version: i.version,
      id: i.id,
      name: i.name,
      description: i.description,
      flowId: i.flowId,
      flowStatus: 'ACTIVATED',
      status: 'ACTIVATED',
      mepType: i.mepType,
      endPointURI: i.scheduled
        ? null
        : `${base}/ic/api/integration/v1/flows/rest/${i.code}/${i.version.replace(/^0?(\d+)\.0?(\d+).*$/, '$1.$2')}/`,
      proxyWSDL: null,
      optimizedVersion: null,
      lastUpdated: oicTime(lastUpdated),
      lastUpdatedBy: 'alice@example.com',
      lastUpdatedString: `${Math.round(i.lastUpdatedAgoMs / (24 * HOUR_MS))} days ago`,
      nextRunDateString: nextRun === null ? null : oicTime(nextRun),
      scheduleApplicable: i.scheduled,
      scheduleDefined: i.scheduled,
      scheduleStatus: i.scheduled ? 'STARTED' : null,
      noOfMsgsReceived: c.received,
      noOfMsgsProcessed: c.processed,
      noOfSuccess: c.succeeded,
      noOfErrors: c.errored,
      noOfAborted: c.aborted,
      successRate: c.processed > 0 ? Math.round((10000 * c.succeeded) / c.processed) / 100 : 0,
      links: integrationLink(base, i.id),
    }
  }

  function errorJson(base: string, e: ErroredInstance) {
    const created = at(e.ageMs)
    const r = resubmitted.get(e.id)
    return {
      connection: e.connection,
      creationDate: oicTime(created),
      errorDetails: e.errorDetails,
      errorMessage: e.errorMessage,
      faultId: e.faultId,
      id: e.id,
      integration: {
        code: e.integration.code,
        version: e.integration.version,
        id: e.integration.id,
        name: e.integration.name,
      },
      integrationDeleted: false,
      isDataAccurate: true,
      lastTrackedTime: oicTime(r ? r.at : created + 1314),
      links: [{ href: `${base}${BASE}/errors/${encodeURIComponent(e.id)}`, rel: 'self' }],
      primaryName: e.primaryName,
      primaryValue: e.primaryValue,
      recoverable: e.recoverable && !r,
      retryCount: r ? 1 : 0,
      runId: null,
      status: r ? 'RESUBMITTED' : 'FAILED',
    }
  }

  const lastTracked = (e: ErroredInstance) => resubmitted.get(e.id)?.at ?? at(e.ageMs) + 1314

  function route(
    method: string,
    url: URL,
    base: string,
    requestId: string,
  ): { status?: number; body: unknown } {
    const path = url.pathname.replace(/\/+$/, '')
    const q = parseQ(url.searchParams.get('q'))
    if (method === 'GET' && path === `${BASE}/integrations/messages/summary`) {
      const range = rangeOf(q, 'RETENTIONPERIOD')
      const total = { totalCount: 0, processedCount: 0, succeededCount: 0, erroredCount: 0, abortedCount: 0 }
      for (const i of data.integrations) {
        const c = counts(i, range)
        total.totalCount += c.received
        total.processedCount += c.processed
        total.succeededCount += c.succeeded
        total.erroredCount += c.errored
        total.abortedCount += c.aborted
      }
      return { body: { 'data-fetch-time': oicTime(now()), 'message-summary': total } }
    }
    if (method === 'GET' && path === `${BASE}/integrations`) {
      const range = rangeOf(q, '1h')
      const status = (q.status ?? 'ACTIVATED').toUpperCase()
      const valid = ['CONFIGURED', 'ACTIVATION_INPROGRESS', 'FAILEDACTIVATION', 'ACTIVATED', 'ALL']
      if (!valid.includes(status))
        throw badRequest(`Invalid status '${q.status}'. Valid values: ${valid.join(', ')}.`)
      const orderBy = unquote(url.searchParams.get('orderBy')) ?? 'name'
      if (orderBy !== 'name' && orderBy !== 'time') throw badRequest("orderBy must be 'name' or 'time'.")
      let list = data.integrations.filter(
        (i) =>
          (status === 'ALL' || status === 'ACTIVATED') &&
          (!q.name || i.name.toLowerCase().includes(q.name.toLowerCase())) &&
          (!q.style || i.style === q.style),
      )
      list =
        orderBy === 'name'
          ? list.sort((a, b) => a.name.localeCompare(b.name))
          : list.sort((a, b) => a.lastUpdatedAgoMs - b.lastUpdatedAgoMs)
      const offset = intParam(url, 'offset', 0, 1_000_000)
      const limit = intParam(url, 'limit', 100, 1000)
      return {
        body: {
          'data-fetch-time': oicTime(now()),
          items: list.slice(offset, offset + limit).map((i) => integrationJson(base, i, range)),
          'time-window': range.label,
          'total-results': list.length,
        },
      }
    }
    const integrationMatch = /^\/ic\/api\/integration\/v1\/monitoring\/integrations\/([^/]+)$/.exec(path)
    if (method === 'GET' && integrationMatch) {
      const id = decodeURIComponent(integrationMatch[1])
      if (!/^[A-Z0-9_]+\|\d{2}\.\d{2}\.\d{4}$/.test(id)) {
        throw badRequest(
          `Invalid integration identifier '${id}': use CODE|VERSION, e.g. ORDER_SYNC|01.00.0000.`,
        )
      }
      const integration = data.integrations.find((i) => i.id === id)
      if (!integration) throw notFound(`Integration ${id} was not found.`)
      return { body: integrationJson(base, integration, rangeOf(q, '1h')) }
    }
    if (method === 'GET' && path === `${BASE}/errors`) {
      const range = rangeOf(q, '1h')
      const orderBy = (
        q.orderBy ??
        unquote(url.searchParams.get('orderBy')) ??
        'lastupdateddate'
      ).toLowerCase()
      if (orderBy !== 'lastupdateddate' && orderBy !== 'creationdate') {
        throw badRequest("orderBy must be 'lastupdateddate' or 'creationdate'.")
      }
      const matching = data.errors
        .filter(
          (e) =>
            inWindow(at(e.ageMs), range) &&
            (!q.code || e.integration.code === q.code) &&
            (!q.version || e.integration.version === q.version) &&
            (!q.primaryValue || e.primaryValue === q.primaryValue),
        )
        .sort((a, b) => (orderBy === 'creationdate' ? a.ageMs - b.ageMs : lastTracked(b) - lastTracked(a)))
      const offset = intParam(url, 'offset', 0, 1_000_000)
      const limit = intParam(url, 'limit', 50, 1000)
      return {
        body: {
          'data-fetch-time': oicTime(now()),
          instanceReportingLevel: 'Production',
          isPurged: false,
          items: matching.slice(offset, offset + limit).map((e) => errorJson(base, e)),
          opcRequestId: requestId,
          'time-window': range.label,
          'total-records-count': matching.length,
          'total-results': matching.length,
        },
      }
    }
    const errorMatch = /^\/ic\/api\/integration\/v1\/monitoring\/errors\/([^/]+)(\/resubmit)?$/.exec(path)
    if (errorMatch && errorMatch[1] !== 'resubmit') {
      const id = decodeURIComponent(errorMatch[1])
      const error = data.errors.find((e) => e.id === id)
      if (method === 'GET' && !errorMatch[2]) {
        if (!error) throw notFound(`Errored instance ${id} was not found.`)
        return { body: errorJson(base, error) }
      }
      if (method === 'POST' && errorMatch[2]) {
        if (!error) throw notFound(`Errored instance ${id} was not found.`)
        const previous = resubmitted.get(id)
        if (previous) {
          throw new HttpError(
            412,
            'Precondition Failed',
            `Instance ${id} has already been resubmitted (recovery job ${previous.recoveryJobId}); it cannot be resubmitted again unless it fails again.`,
          )
        }
        if (!error.recoverable) {
          throw new HttpError(
            412,
            'Precondition Failed',
            `Instance ${id} is not recoverable: ${error.integration.id} is a scheduled integration; rerun the schedule instead.`,
          )
        }
        const recoveryJobId = String(100_000 + resubmitted.size + 1)
        resubmitted.set(id, { at: now(), recoveryJobId })
        save()
        log(`oic resubmitted ${id} (recovery job ${recoveryJobId})`)
        return {
          body: {
            message: `Resubmit request for instance ${id} was accepted.`,
            'recovery-job-id': recoveryJobId,
            'redirect-url': `${base}${BASE}/errors/${encodeURIComponent(id)}`,
            'resubmit-successful': true,
            'resubmitted-failed-instances': [],
          },
        }
      }
    }
    const known = [`${BASE}/integrations`, `${BASE}/errors`].some((p) => path.startsWith(p))
    throw known
      ? new HttpError(405, 'Method Not Allowed', `${method} is not allowed on ${path}.`)
      : notFound(`No resource at ${path}.`)
  }

  async function authenticate(req: IncomingMessage): Promise<void> {
    const header = req.headers.authorization ?? ''
    const m = /^Bearer\s+([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(header)
    if (!m) throw new HttpError(401, 'Unauthorized', 'A bearer access token is required.')
    try {
      await jwtVerify(m[1], jwks, { issuer, audience, algorithms: ['RS256'] })
    } catch (error) {
      log(`oic token refused: ${(error as { code?: string }).code ?? (error as Error).message}`)
      throw new HttpError(
        401,
        'Unauthorized',
        'The access token is not valid for this Oracle Integration instance.',
      )
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomBytes(16).toString('hex').toUpperCase()
    const method = req.method ?? 'GET'
    let status = 200
    const reqUrl = new URL(req.url ?? '/', 'http://localhost')
    const base = req.headers.host ? `http://${req.headers.host}` : url
    try {
      // The body (resubmit takes an optional one) is not needed.
      req.resume()
      await authenticate(req)
      const instance = reqUrl.searchParams.get('integrationInstance')
      if (!instance)
        throw badRequest('The integrationInstance query parameter is required: the service instance name.')
      if (instance !== instanceName) throw notFound(`Service instance '${instance}' was not found.`)
      const result = route(method, reqUrl, base, requestId)
      status = result.status ?? 200
      reply(res, status, result.body, requestId)
    } catch (error) {
      const e =
        error instanceof HttpError
          ? error
          : new HttpError(500, 'Internal Server Error', 'The server had a problem.')
      if (!(error instanceof HttpError))
        log(`oic internal error: ${(error as Error)?.stack ?? String(error)}`)
      status = e.status
      const headers: Record<string, string> =
        e.status === 401 ? { 'www-authenticate': 'Bearer error="invalid_token"' } : {}
      reply(
        res,
        e.status,
        {
          type: `https://developer.mozilla.org/docs/Web/HTTP/Status/${e.status}`,
          title: e.title,
          detail: e.message,
          'o:errorCode': String(e.status),
        },
        requestId,
        headers,
      )
    } finally {
      log(`${method} ${reqUrl.pathname} ${status}`)
    }
  }

  const server = createServer((req, res) => void handle(req, res))
  // Idle keep-alive connections are the client's to close: see infra/local/edge.ts.
  server.keepAliveTimeout = 0
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 8083, options.host ?? '127.0.0.1', () => resolve())
  })
  const address = server.address() as AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  url = `http://${host}:${address.port}`
  log(`OIC stand-in listening on ${url} (instance ${instanceName}, audience ${audience})`)
  return {
    url,
    integrationInstance: instanceName,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()))
        server.closeAllConnections()
      }),
  }
}

function reply(
  res: ServerResponse,
  status: number,
  body: unknown,
  requestId: string,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'opc-request-id': requestId,
    ...headers,
  })
  res.end(text)
}
