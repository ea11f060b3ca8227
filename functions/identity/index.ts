// Entry point of the identity function.
import { serveGroup } from '../core/serve.ts'
import { implementation } from './implementation.ts'

serveGroup(implementation)
