// Binds an HTTP-shaped handler to the Fn contract: gateway-triggered calls and direct invokes from the router.
import fdk, { type Context } from '@fnproject/fdk'
import { withoutConflictingClaims } from './claims.ts'
import type { HttpCall, HttpReply } from './http.ts'
import { type InvokeEnvelope, isInvokeEnvelope, replyEnvelope } from './invoke-envelope.ts'

export type HttpHandler = (call: HttpCall) => Promise<HttpReply>

function fromGateway(body: Buffer, ctx: Context): HttpCall {
  const headers = new Headers()
  for (const [name, values] of Object.entries(withoutConflictingClaims(ctx.httpGateway.headers)))
    for (const v of values) headers.append(name, v)
  // The platform passes Content-Type unprefixed.
  const contentType = ctx.getHeader('Content-Type')
  if (contentType) headers.set('content-type', contentType)
  return {
    method: ctx.httpGateway.method ?? 'POST',
    url: ctx.httpGateway.requestURL ?? '/',
    headers,
    body,
    callId: ctx.callID,
    deadline: ctx.deadline ?? undefined,
  }
}

function fromEnvelope(envelope: InvokeEnvelope, ctx: Context): HttpCall {
  return {
    method: envelope.method,
    url: envelope.url,
    headers: new Headers(envelope.headers),
    body: new TextEncoder().encode(envelope.body),
    callId: envelope.callId ?? ctx.callID,
    deadline: ctx.deadline ?? undefined,
  }
}

/** Adapts one Fn call: a gateway-triggered HTTP request, or a direct invoke carrying an envelope. */
async function handleFnCall(
  handler: HttpHandler,
  body: Buffer,
  ctx: Context,
): Promise<ReturnType<typeof fdk.rawResult>> {
  if (ctx.getHeader('Fn-Intent') === 'httprequest') {
    const reply = await handler(fromGateway(body, ctx))
    ctx.httpGateway.statusCode = reply.status
    for (const [name, value] of Object.entries(reply.headers)) ctx.httpGateway.setResponseHeader(name, value)
    // An empty body must still be a result: the FDK crashes on undefined.
    return fdk.rawResult(reply.body)
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(body.toString('utf8'))
  } catch {
    parsed = undefined
  }
  ctx.responseContentType = 'application/json'
  if (!isInvokeEnvelope(parsed)) {
    const reply = {
      status: 400,
      headers: {},
      body: JSON.stringify({ error: 'expected an oci-mcp invoke envelope' }),
    }
    return fdk.rawResult(replyEnvelope(reply))
  }
  return fdk.rawResult(replyEnvelope(await handler(fromEnvelope(parsed, ctx))))
}

export function serveOverFn(handler: HttpHandler): void {
  fdk.handle((body, ctx) => handleFnCall(handler, body, ctx), { inputMode: 'buffer' })
}
