// The router function's entry: the aggregated /mcp endpoint, its backends, and the REST view of its tools.
import { serveOverFn } from '../core/fn-adapter.ts'
import { ownToolNames, routerApp } from './app.ts'
import { Gateway } from './backends/gateway.ts'
import { loadBackends } from './backends/load.ts'
import { GROUP_CATALOGS } from './groups.ts'
import { routerHttp } from './http.ts'
import { invokerFromEnv } from './invoker.ts'
import { restEndpoints } from './rest/endpoints.ts'

const env = process.env
const gateway = new Gateway({ load: loadBackends }, ownToolNames(GROUP_CATALOGS))
const app = routerApp(GROUP_CATALOGS, invokerFromEnv(env), gateway)
const groupOf = new Map(GROUP_CATALOGS.flatMap((c) => c.tools.map((t) => [t.name, c.group] as const)))
serveOverFn(routerHttp({ app, gateway, env, extra: restEndpoints({ app, gateway, groupOf, env }) }))
