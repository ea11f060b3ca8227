// Entry of the oauth function: the authorization-server facade in front of the identity domain.
import { serveOverFn } from '../core/fn-adapter.ts'
import { handleOAuth } from './app.ts'
import { facadeConfig } from './config.ts'

serveOverFn(async (call) => {
  try {
    return await handleOAuth(await facadeConfig(), call)
  } catch (error) {
    // A configuration error names the variable, never a value.
    console.error(`oauth: invalid configuration: ${(error as Error).message}`)
    return { status: 500, headers: { 'Content-Type': 'application/json' }, body: '{"error":"server_error"}' }
  }
})
