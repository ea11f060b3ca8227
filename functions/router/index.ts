// The router function's entry: the aggregated /mcp endpoint, its backends, and the REST view of its tools.
import { serveOverFn } from '../core/fn-adapter.ts'
import { ownToolNames, routerApp } from './app.ts'
import { Gateway } from './backends/gateway.ts'
import { loadBackends } from './backends/load.ts'
import { GROUP_CATALOGS } from './groups.ts'
import { routerHttp } from './http.ts'
import { invokerFromEnv } from './invoker.ts'

const gateway = new Gateway({ load: loadBackends }, ownToolNames(GROUP_CATALOGS))
const app = routerApp(GROUP_CATALOGS, invokerFromEnv(), gateway)
serveOverFn(routerHttp({ app, gateway }))
