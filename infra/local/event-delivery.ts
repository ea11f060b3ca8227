// Delivers an OCI Events envelope to the events function through the functions host, with the headers Fn sends
// for an event-triggered call (as `npm run emit-event` does over the socket); a binding that did not run is an error.
import { randomUUID } from 'node:crypto'
import type { FunctionsHost } from './functions-host.ts'

/** As long as OCI Events waits for a function; the bound tools run within it. */
const DELIVERY_DEADLINE_MS = 60_000

interface EventReply {
  error?: string
  outcomes?: { binding: string; outcome: string; message?: string }[]
}

export async function deliverToEventsFunction(
  functions: Pick<FunctionsHost, 'call'>,
  event: unknown,
  now = Date.now(),
): Promise<EventReply> {
  const body = Buffer.from(JSON.stringify(event))
  const reply = await functions.call(
    'events',
    {
      'Content-Type': 'application/cloudevents+json',
      'Fn-Call-Id': randomUUID(),
      'Fn-Deadline': new Date(now + DELIVERY_DEADLINE_MS).toISOString(),
      'Fn-Intent': 'cloudevent',
      'Fn-Invoke-Type': 'sync',
    },
    body,
  )
  if (reply.status !== 200) throw new Error(`the events function answered ${reply.status}`)
  let result: EventReply
  try {
    result = JSON.parse(reply.body.toString('utf8')) as EventReply
  } catch {
    throw new Error('the events function answered something that is not JSON')
  }
  if (result.error) throw new Error(`the events function refused the event: ${result.error}`)
  const failed = (result.outcomes ?? []).filter((o) => o.outcome !== 'ok')
  if (failed.length > 0) {
    throw new Error(
      `bindings failed: ${failed.map((o) => `${o.binding} ${o.outcome}${o.message ? ` (${o.message})` : ''}`).join('; ')}`,
    )
  }
  return result
}
