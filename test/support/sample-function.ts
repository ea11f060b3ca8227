// A function process for contract tests: the sample group served through the real FDK.
import { serveGroup } from '../../functions/core/serve.ts'
import { sampleImplementation } from './sample-group.ts'

serveGroup(sampleImplementation)
