// Entry point of the security function.
import { serveGroup } from '../core/serve.ts'
import { implementation } from './implementation.ts'

serveGroup(implementation)
