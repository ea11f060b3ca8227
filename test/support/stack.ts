// Starts the whole local stack on ephemeral ports for end-to-end tests, and mints tokens from its identity domain.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { type StackOptions, startStack } from '../../infra/local/stack.ts'

export async function testStack(options: StackOptions = {}) {
  const localDir = mkdtempSync(join(tmpdir(), 'oci-mcp-e2e-'))
  const lines: string[] = []
  const stack = await startStack({
    edgePort: 0,
    identityPort: 0,
    ociPort: 0,
    oicPort: 0,
    localDir,
    log: (l) => lines.push(l),
    ...options,
  })
  const basic = `Basic ${Buffer.from(`${stack.info.clientId}:${stack.info.clientSecret}`).toString('base64')}`

  async function token(form: Record<string, string>): Promise<string> {
    const res = await fetch(stack.info.tokenUrl, {
      method: 'POST',
      headers: { Authorization: basic, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
    })
    const body = (await res.json()) as { access_token?: string; error?: string }
    if (!body.access_token) throw new Error(`token request failed: ${res.status} ${body.error}`)
    return body.access_token
  }

  const clientToken = (scope = 'oci-mcp.read oci-mcp.write') =>
    token({ grant_type: 'client_credentials', scope })
  const userToken = (userName: string, scope?: string) => {
    const user = stack.info.users.find((u) => u.userName === userName)
    if (!user) throw new Error(`no user ${userName}`)
    return token({
      grant_type: 'password',
      username: user.userName,
      password: user.password,
      ...(scope ? { scope } : {}),
    })
  }

  async function connect(accessToken: string, path = '/mcp'): Promise<Client> {
    const client = new Client({ name: 'e2e', version: '1.0.0' })
    const transport = new StreamableHTTPClientTransport(new URL(`${stack.info.edgeUrl}${path}`), {
      requestInit: { headers: { Authorization: `Bearer ${accessToken}` } },
    })
    await client.connect(transport)
    return client
  }

  return {
    stack,
    info: stack.info,
    lines,
    clientToken,
    userToken,
    connect,
    close: async () => {
      await stack.close()
      rmSync(localDir, { recursive: true, force: true })
    },
  }
}
