// The conformance fixture as a function process: served over the real Fn socket contract like every group.
import { serveApp } from '../../functions/core/serve.ts'
import { fixtureApp } from './fixture-app.ts'

serveApp(fixtureApp)
