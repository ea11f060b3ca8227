// Entry point of the events function: OCI Events (CloudEvents 0.1) → bound tool calls.
import fdk from '@fnproject/fdk'
import { handleEvent, loadBindings } from './handler.ts'

// Validate the bindings before serving: a bad configuration fails the container at start, with the reasons.
const bindings = (() => {
  try {
    return loadBindings(process.env)
  } catch (error) {
    console.error((error as Error).message)
    process.exit(2)
  }
})()

fdk.handle(
  async (body, ctx) => {
    ctx.responseContentType = 'application/json'
    try {
      return fdk.rawResult(JSON.stringify(await handleEvent(body, bindings, process.env, ctx.callID)))
    } catch (error) {
      console.error(`event ${ctx.callID} failed:`, (error as Error).message)
      return fdk.rawResult(JSON.stringify({ matched: 0, outcomes: [], error: (error as Error).message }))
    }
  },
  { inputMode: 'buffer' },
)
