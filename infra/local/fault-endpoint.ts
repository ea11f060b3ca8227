// The HTTP face of a fault plan, for tests that drive a stand-in in another process; off unless enabled.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { z } from 'zod'
import { type FaultInjector, FaultRuleSchema } from './faults.ts'

export const FAULT_ENDPOINT_PATH = '/_emulator/faults'

const PlanSchema = z.object({ faults: z.array(FaultRuleSchema).max(100) }).strict()

/** Plans are a few rules; a bound keeps a stray client from filling memory. */
const MAX_BODY_BYTES = 64 * 1024

/**
 * GET: `{ faults: FaultReport[] }` (with hit counts). PUT `{ faults: FaultRule[] }`: replaces the plan.
 * POST `FaultRule`: appends one rule, answers its report (201). DELETE: clears the plan (204).
 * Errors: `{ code, message }` — 400 InvalidParameter for a body the schema refuses, 405 otherwise.
 */
export async function handleFaultEndpoint(
  faults: FaultInjector,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  switch (req.method) {
    case 'GET':
      return reply(res, 200, { faults: faults.list() })
    case 'DELETE':
      req.resume()
      faults.clear()
      res.writeHead(204).end()
      return
    case 'PUT': {
      const plan = await parse(req, res, PlanSchema)
      if (!plan) return
      faults.set(plan.faults)
      return reply(res, 200, { faults: faults.list() })
    }
    case 'POST': {
      const rule = await parse(req, res, FaultRuleSchema)
      if (!rule) return
      const { id } = faults.add(rule)
      return reply(
        res,
        201,
        faults.list().find((r) => r.id === id),
      )
    }
    default:
      req.resume()
      res.setHeader('allow', 'GET, PUT, POST, DELETE')
      return reply(res, 405, { code: 'MethodNotAllowed', message: `${req.method} is not allowed` })
  }
}

async function parse<S extends z.ZodType>(
  req: IncomingMessage,
  res: ServerResponse,
  schema: S,
): Promise<z.infer<S> | undefined> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer)
  }
  if (size > MAX_BODY_BYTES) {
    reply(res, 413, { code: 'RequestEntityTooLarge', message: `The body exceeds ${MAX_BODY_BYTES} bytes.` })
    return undefined
  }
  let raw: unknown
  try {
    raw = JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch {
    reply(res, 400, { code: 'InvalidParameter', message: 'The body is not JSON.' })
    return undefined
  }
  const result = schema.safeParse(raw)
  if (!result.success) {
    const issue = result.error.issues[0]
    reply(res, 400, {
      code: 'InvalidParameter',
      message: `Invalid value for '${issue.path.join('.') || 'body'}': ${issue.message}`,
    })
    return undefined
  }
  return result.data
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}
