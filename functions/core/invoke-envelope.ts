// The body of a direct function invoke (router → group): the MCP HTTP request and reply, wrapped in JSON,
// because the Functions invoke API carries a body only.
import type { HttpReply } from './http.ts'

export interface InvokeEnvelope {
  ociMcpInvoke: 1
  method: string
  url: string
  headers: Record<string, string>
  body: string
  callId?: string
}

export const isInvokeEnvelope = (v: unknown): v is InvokeEnvelope =>
  typeof v === 'object' &&
  v !== null &&
  (v as InvokeEnvelope).ociMcpInvoke === 1 &&
  typeof (v as InvokeEnvelope).method === 'string' &&
  typeof (v as InvokeEnvelope).url === 'string' &&
  typeof (v as InvokeEnvelope).body === 'string' &&
  typeof (v as InvokeEnvelope).headers === 'object' &&
  (v as InvokeEnvelope).headers !== null

export const replyEnvelope = (reply: HttpReply): string => JSON.stringify(reply)

export function parseReplyEnvelope(text: string): HttpReply {
  const v = JSON.parse(text) as HttpReply
  if (typeof v?.status !== 'number' || typeof v.body !== 'string' || typeof v.headers !== 'object') {
    throw new Error('not an oci-mcp reply envelope')
  }
  return v
}
