// Entry point of the integration function.
import { serveGroup } from '../core/serve.ts'
import { implementation } from './implementation.ts'

serveGroup(implementation)
