// The router function's entry: the aggregated /mcp endpoint.
import { serveApp } from '../core/serve.ts'
import { routerApp } from './app.ts'
import { GROUP_CATALOGS } from './groups.ts'
import { invokerFromEnv } from './invoker.ts'

serveApp(routerApp(GROUP_CATALOGS, invokerFromEnv()))
