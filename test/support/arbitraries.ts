// fast-check generators for what a client can send: HTTP requests to the edge and JSON-RPC bodies to a function.
import fc from 'fast-check'

const METHODS = [
  'initialize',
  'ping',
  'tools/list',
  'tools/call',
  'resources/list',
  'resources/read',
  'resources/templates/list',
  'prompts/list',
  'prompts/get',
  'server/discover',
  'completion/complete',
  'logging/setLevel',
  'notifications/initialized',
  'notifications/cancelled',
]

/** Nested arrays and objects past the argument-depth bound (32), which a plain jsonValue never reaches. */
export const deepValue = fc.tuple(fc.integer({ min: 1, max: 200 }), fc.boolean()).map(([depth, asObject]) => {
  let v: unknown = 'leaf'
  for (let i = 0; i < depth; i++) v = asObject ? { k: v } : [v]
  return v
})

const ids = fc.oneof(
  fc.integer(),
  fc.string({ maxLength: 20 }),
  fc.constant(null),
  fc.double(),
  fc.jsonValue({ maxDepth: 1 }),
)

/** Tool arguments: the tools' own field names with arbitrary values, arbitrary JSON, or deep nesting. */
export function toolArguments(fieldNames: string[], knownValues: string[]) {
  const value = fc.oneof(
    fc.constantFrom(...knownValues),
    fc.jsonValue({ maxDepth: 3 }),
    fc.string({ maxLength: 64 }),
    fc.integer(),
  )
  return fc.oneof(
    { weight: 4, arbitrary: fc.dictionary(fc.constantFrom(...fieldNames), value, { maxKeys: 6 }) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 6 }) },
    { weight: 1, arbitrary: fc.dictionary(fc.constantFrom(...fieldNames), deepValue, { maxKeys: 2 }) },
  )
}

/** One JSON-RPC message, valid or not: known and unknown methods, any id, tools/call and resources/read params. */
export function jsonRpcMessage(
  toolNames: string[],
  fieldNames: string[],
  uris: string[],
  knownValues: string[],
) {
  const params = fc.oneof(
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
    {
      weight: 5,
      arbitrary: fc.record(
        {
          name: fc.oneof(fc.constantFrom(...toolNames), fc.string({ maxLength: 40 })),
          arguments: toolArguments(fieldNames, knownValues),
          _meta: fc.jsonValue({ maxDepth: 2 }),
        },
        { requiredKeys: [] },
      ),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        uri: fc.oneof(fc.constantFrom(...uris), fc.webUrl(), fc.string({ maxLength: 80 })),
      }),
    },
  )
  const arbitrary = fc.record(
    {
      jsonrpc: fc.oneof({ weight: 8, arbitrary: fc.constant('2.0') }, fc.jsonValue({ maxDepth: 0 })),
      id: ids,
      method: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...METHODS) }, fc.string({ maxLength: 30 })),
      params,
    },
    { requiredKeys: ['method'] },
  )
  // Mostly well-framed tools/call requests with odd arguments, so that the runs reach the tools, not just the parser.
  const toolCall = fc.record({
    jsonrpc: fc.constant('2.0'),
    id: fc.oneof(fc.integer(), fc.string({ maxLength: 20 })),
    method: fc.constant('tools/call'),
    params: fc.record({
      name: fc.constantFrom(...toolNames),
      arguments: toolArguments(fieldNames, knownValues),
    }),
  })
  const request = fc.record({
    jsonrpc: fc.constant('2.0'),
    id: fc.oneof(fc.integer(), fc.string({ maxLength: 20 })),
    method: fc.constantFrom(...METHODS),
    params,
  })
  return fc.oneof(
    { weight: 4, arbitrary: toolCall },
    { weight: 2, arbitrary: request },
    { weight: 2, arbitrary },
  ) as fc.Arbitrary<unknown>
}

/** A request body: mostly one message, sometimes a batch, arbitrary JSON, or bytes that are not JSON at all. */
export function jsonRpcBody(message: fc.Arbitrary<unknown>): fc.Arbitrary<Buffer> {
  return fc.oneof(
    { weight: 8, arbitrary: message.map((m) => Buffer.from(JSON.stringify(m))) },
    { weight: 1, arbitrary: fc.array(message, { maxLength: 12 }).map((m) => Buffer.from(JSON.stringify(m))) },
    { weight: 1, arbitrary: fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? '')) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 512 }).map((b) => Buffer.from(b)) },
  )
}

const TOKEN_CHARS = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".split('')
const token = (maxLength: number) =>
  fc.array(fc.constantFrom(...TOKEN_CHARS), { minLength: 1, maxLength }).map((a) => a.join(''))
/** Printable ASCII and tab: what Node lets a client put in a header value. */
const headerValue = fc
  .array(fc.integer({ min: 0x20, max: 0x7e }), { maxLength: 120 })
  .map((codes) => String.fromCharCode(...codes).trim())

/** Framing headers would make a different request, not a stranger one; the edge never sees them as data. */
const FRAMING = new Set([
  'content-length',
  'transfer-encoding',
  'host',
  'connection',
  'expect',
  'upgrade',
  'te',
])

export interface EdgeRequest {
  method: string
  path: string
  headers: Record<string, string>
  body: Buffer
  authorized: boolean
}

/**
 * Requests to the edge: any method, a known route or an odd path with a query, arbitrary extra headers, a
 * valid bearer token or a bad one or none, and a body that may be JSON-RPC or junk.
 */
export function edgeRequest(paths: string[], validToken: string, body: fc.Arbitrary<Buffer>) {
  return fc
    .record({
      method: fc.oneof(
        { weight: 6, arbitrary: fc.constant('POST') },
        {
          weight: 3,
          arbitrary: fc.constantFrom('GET', 'DELETE', 'PUT', 'PATCH', 'OPTIONS', 'HEAD', 'TRACE'),
        },
        { weight: 1, arbitrary: token(12).map((m) => m.toUpperCase()) },
      ),
      path: fc.oneof(
        { weight: 5, arbitrary: fc.constantFrom(...paths) },
        {
          weight: 2,
          arbitrary: fc
            .tuple(fc.constantFrom(...paths), fc.webQueryParameters())
            .map(([p, q]) => `${p}?${q}`),
        },
        { weight: 2, arbitrary: fc.webPath().map((p) => (p.startsWith('/') ? p : `/${p}`)) },
      ),
      auth: fc.oneof(
        { weight: 5, arbitrary: fc.constant(`Bearer ${validToken}`) },
        { weight: 1, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: headerValue },
        { weight: 1, arbitrary: headerValue.map((v) => `Bearer ${v}`) },
      ),
      contentType: fc.oneof(
        { weight: 6, arbitrary: fc.constant('application/json') },
        { weight: 1, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: headerValue },
      ),
      extra: fc.dictionary(
        token(30).filter((n) => !FRAMING.has(n.toLowerCase())),
        headerValue,
        { maxKeys: 6 },
      ),
      body,
    })
    .map(({ method, path, auth, contentType, extra, body }): EdgeRequest => {
      const headers: Record<string, string> = {}
      for (const [name, value] of Object.entries(extra)) {
        if (['authorization', 'content-type'].includes(name.toLowerCase())) continue
        headers[name] = value
      }
      if (auth !== undefined) headers.Authorization = auth
      if (contentType !== undefined) headers['Content-Type'] = contentType
      headers.Accept = 'application/json, text/event-stream'
      return { method, path, headers, body, authorized: auth === `Bearer ${validToken}` }
    })
}
