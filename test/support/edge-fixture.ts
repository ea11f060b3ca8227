// The local edge in front of the sample group's real function process, with a throwaway token issuer.
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type EdgeOptions, startEdge } from '../../infra/local/edge.ts'
import { FunctionsHost } from '../../infra/local/functions-host.ts'
import { loadRoutes } from '../../infra/routes.ts'
import { testIssuer } from './jwks.ts'

const SAMPLE_FUNCTION = new URL('./sample-function.ts', import.meta.url).pathname

/** The sample function behind `/mcp/sample`; `functionEnv` is its configuration, as a deployment would set it. */
export async function edgeFixture(
  options: { functionEnv?: NodeJS.ProcessEnv; edge?: Partial<EdgeOptions> } = {},
) {
  const issuer = await testIssuer()
  // The function names the edge's URL (its own origin, its challenges), so the port is chosen first.
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'edge-fixture-'))
  const functions = new FunctionsHost({
    socketDir: dir,
    functions: [
      {
        name: 'sample',
        command: [process.execPath, '--import', 'tsx', SAMPLE_FUNCTION],
        env: {
          PATH: process.env.PATH,
          NODE_NO_WARNINGS: '1',
          MCP_ENABLE_MUTATIONS: 'true',
          ...issuer.env,
          MCP_RESOURCE_METADATA_URL: `http://127.0.0.1:${port}/.well-known/oauth-protected-resource`,
          ...options.functionEnv,
        },
      },
    ],
  })
  const shipped = loadRoutes()
  const routes = {
    ...shipped,
    authorizationServer: undefined,
    routes: [
      { path: '/mcp/sample', function: 'sample', group: 'sample', methods: ['POST', 'GET', 'DELETE'] },
    ],
  }
  try {
    await functions.start()
    const edge = await startEdge({
      port,
      routes,
      functions,
      identityDomainUrl: new URL('/', issuer.jwksUrl).href,
      audience: 'oci-mcp-functions',
      ...options.edge,
    })
    return {
      edge,
      functions,
      issuer,
      url: `${edge.url}/mcp/sample`,
      close: async () => {
        await edge.close()
        await functions.stop()
        await issuer.close()
        rmSync(dir, { recursive: true, force: true })
      },
    }
  } catch (error) {
    await functions.stop()
    await issuer.close()
    rmSync(dir, { recursive: true, force: true })
    throw error
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
}

export const rpcBody = (method: string, params?: unknown, id = 1) =>
  JSON.stringify({ jsonrpc: '2.0', id, method, params })
