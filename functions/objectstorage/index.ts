// Entry point of the objectstorage function.
import { serveGroup } from '../core/serve.ts'
import { implementation } from './implementation.ts'

serveGroup(implementation)
