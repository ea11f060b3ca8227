// How the router reaches a group function: its local Fn socket, or the OCI Functions invoke API when deployed.
import { Agent, request } from 'node:http'
import { join } from 'node:path'
import { cjsExports } from '../core/cjs.ts'
import { setting } from '../core/config.ts'
import { McpFunctionsError } from '../core/errors.ts'
import type { HttpReply } from '../core/http.ts'
import { type InvokeEnvelope, parseReplyEnvelope } from '../core/invoke-envelope.ts'

export type Invoker = (fn: string, envelope: InvokeEnvelope, deadline?: Date) => Promise<HttpReply>

const invokeFailed = (fn: string, why: string, cause?: unknown) =>
  new McpFunctionsError('ERR_INVOKE_FAILED', `The ${fn} function could not be invoked: ${why}`, {
    hint: 'This is usually transient (a cold start or a restart); retry the call.',
    cause,
  })

/**
 * POST over a unix socket, as Fn does for a direct (non-HTTP) invoke: to the host's invoke endpoint
 * (`POST /invoke/<fn>`, which picks a container and enforces the deadline) when one is given, else straight to
 * the function's own `<fn>/lsnr.sock` (tests that run functions without a host).
 */
export function socketInvoker(socketDir: string, invokeSocket?: string): Invoker {
  // One kept-alive connection per concurrent call to the host, rather than a new one per call.
  const agent = invokeSocket ? new Agent({ keepAlive: true }) : undefined
  return (fn, envelope, deadline) =>
    new Promise((resolve, reject) => {
      const body = JSON.stringify(envelope)
      const target = invokeSocket
        ? { socketPath: invokeSocket, path: `/invoke/${fn}`, agent }
        : { socketPath: join(socketDir, fn, 'lsnr.sock'), path: '/call' }
      const req = request(
        {
          ...target,
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'Content-Length': Buffer.byteLength(body),
            'Fn-Call-Id': envelope.callId ?? '',
            'Fn-Deadline': (deadline ?? new Date(Date.now() + 30_000)).toISOString(),
            'Fn-Invoke-Type': 'sync',
          },
        },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8')
            if (res.statusCode === 504)
              return reject(invokeFailed(fn, 'it ran past the call’s deadline (Fn 504)'))
            if (res.statusCode !== 200) return reject(invokeFailed(fn, `Fn status ${res.statusCode}`))
            try {
              resolve(parseReplyEnvelope(text))
            } catch (error) {
              reject(invokeFailed(fn, 'the reply was not understood', error))
            }
          })
        },
      )
      req.on('error', (error) =>
        reject(invokeFailed(fn, (error as NodeJS.ErrnoException).code ?? 'socket error', error)),
      )
      req.end(body)
    })
}

/** The Functions invoke API, signed with the router's own identity (resource principal when deployed). */
export function ociInvoker(env: NodeJS.ProcessEnv): Invoker {
  const endpoint = setting('MCP_INVOKE_ENDPOINT', env)
  const ids = new Map(
    (setting('MCP_GROUP_FUNCTION_IDS', env) ?? '')
      .split(',')
      .filter(Boolean)
      .map((pair) => pair.split('=').map((s) => s.trim()) as [string, string]),
  )
  let client: Promise<import('oci-functions').FunctionsInvokeClient> | undefined
  return async (fn, envelope) => {
    const functionId = ids.get(fn)
    if (!endpoint || !functionId)
      throw invokeFailed(fn, 'MCP_INVOKE_ENDPOINT or its MCP_GROUP_FUNCTION_IDS entry is missing')
    // Loaded on first use so that a router that never invokes this way carries no OCI SDK code at start.
    client ??= (async () => {
      const [functions, { signerFor }] = await Promise.all([
        import('oci-functions'),
        import('../core/signer.ts'),
      ])
      const { FunctionsInvokeClient } = cjsExports(functions)
      const signer = await signerFor({ claims: { sub: 'router' }, scopes: new Set() }, env)
      const c = new FunctionsInvokeClient({ authenticationDetailsProvider: signer.provider })
      c.endpoint = endpoint
      return c
    })()
    try {
      const response = await (await client).invokeFunction({
        functionId,
        invokeFunctionBody: JSON.stringify(envelope),
        fnInvokeType: 'sync' as never,
      })
      const text = await new Response(response.value as unknown as BodyInit).text()
      return parseReplyEnvelope(text)
    } catch (error) {
      throw invokeFailed(fn, error instanceof Error ? error.message : 'invoke error', error)
    }
  }
}

export function invokerFromEnv(env: NodeJS.ProcessEnv = process.env): Invoker {
  if (setting('MCP_INVOKER', env) === 'oci') return ociInvoker(env)
  const dir = setting('MCP_FN_SOCKET_DIR', env)
  if (!dir)
    throw new McpFunctionsError('ERR_CONFIG_INVALID', 'MCP_FN_SOCKET_DIR is needed by the socket invoker')
  return socketInvoker(dir, setting('MCP_FN_INVOKE_SOCKET', env))
}
