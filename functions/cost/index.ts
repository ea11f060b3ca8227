// Entry point of the cost function.
import { serveGroup } from '../core/serve.ts'
import { implementation } from './implementation.ts'

serveGroup(implementation)
