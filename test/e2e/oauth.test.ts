// The authorization-server facade end to end through the edge: real MCP clients discover it from a 401,
// register (or present a Client ID Metadata Document), pass consent and the identity domain's sign-in in a
// scripted browser, and call tools as the user; codes and refresh tokens are single-use.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import {
  Client as Client2,
  StreamableHTTPClientTransport as Http2,
  type OAuthClientProvider as OAuthClientProvider2,
} from '@modelcontextprotocol/client'
import { auth, type OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import type { OAuthClientInformationMixed, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js'
import { bundle } from '../../scripts/build.ts'
import { signInWithBrowser } from '../support/browser.ts'
import { testStack } from '../support/stack.ts'

let env: Awaited<ReturnType<typeof testStack>>
const dist = mkdtempSync(join(tmpdir(), 'oci-mcp-oauth-dist-'))
before(async () => {
  // The functions run from the build output, as deployed (and they start faster than from sources).
  await bundle(dist)
  env = await testStack({ bundleDir: dist })
})
after(async () => {
  await env?.close()
  rmSync(dist, { recursive: true, force: true })
})

const ROOT = new URL('../..', import.meta.url).pathname
const REDIRECT = 'http://127.0.0.1:33418/callback'

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      server.close(() => resolve(port))
    })
  })
const alice = () => env.info.users.find((u) => u.userName === 'alice@example.com')!
const browser = (url: string | URL, extra: { decision?: 'allow' | 'deny'; redirect?: string } = {}) =>
  signInWithBrowser(String(url), {
    userName: alice().userName,
    password: alice().password,
    redirectPrefix: extra.redirect ?? REDIRECT,
    decision: extra.decision,
  })

const postForm = async (url: string, form: Record<string, string>) => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

/**
 * An OAuth client provider keeping everything in memory, in the shape both SDK generations take (the 2.x one also
 * keeps its discovery state, to bind the callback to the authorization server).
 */
function sdkProvider(clientName = 'SDK 1.x e2e') {
  const saved: {
    info?: OAuthClientInformationMixed
    tokens?: OAuthTokens
    verifier: string
    url?: URL
    discovery?: unknown
  } = { verifier: '' }
  const provider = {
    redirectUrl: REDIRECT,
    clientMetadata: {
      client_name: clientName,
      redirect_uris: [REDIRECT],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
      scope: 'oci-mcp.read',
    },
    clientInformation: () => saved.info,
    saveClientInformation: (i: OAuthClientInformationMixed) => {
      saved.info = i
    },
    tokens: () => saved.tokens,
    saveTokens: (t: OAuthTokens) => {
      saved.tokens = t
    },
    redirectToAuthorization: (url: URL) => {
      saved.url = url
    },
    saveCodeVerifier: (v: string) => {
      saved.verifier = v
    },
    codeVerifier: () => saved.verifier,
    saveDiscoveryState: (state: unknown) => {
      saved.discovery = state
    },
    discoveryState: () => saved.discovery as never,
  } satisfies OAuthClientProvider
  return { provider, saved }
}

describe('OAuth facade, end to end', () => {
  it('publishes RFC 8414 metadata whose issuer is its own URL, and the resource metadata names it', async () => {
    const as = await (await fetch(`${env.info.edgeUrl}/.well-known/oauth-authorization-server`)).json()
    assert.equal(as.issuer, env.info.edgeUrl)
    assert.deepEqual(as.code_challenge_methods_supported, ['S256'])
    assert.equal(as.registration_endpoint, `${env.info.edgeUrl}/oauth/register`)
    assert.equal(as.client_id_metadata_document_supported, true)
    const prm = await (await fetch(`${env.info.edgeUrl}/.well-known/oauth-protected-resource/mcp`)).json()
    assert.deepEqual(prm.authorization_servers, [env.info.edgeUrl])
    const idcs = await (await fetch(`${env.info.identityDomainUrl}/.well-known/openid-configuration`)).json()
    assert.equal(idcs.issuer, 'https://identity.oraclecloud.com/')
    assert.equal(idcs.registration_endpoint, undefined)
  })

  it('signs the 1.x SDK client in from a 401: tools listed and called as alice, then refreshed', async () => {
    const { provider, saved } = sdkProvider()
    const url = new URL(env.info.mcpUrl)
    const first = new StreamableHTTPClientTransport(url, { authProvider: provider })
    await assert.rejects(new Client({ name: 'oauth', version: '1' }).connect(first), /Unauthorized/)
    assert.ok(saved.url, 'the client was sent to the authorization endpoint')
    assert.equal(saved.url.origin, env.info.edgeUrl)
    assert.ok(saved.info?.client_id.startsWith('mcp-dcr.'), 'registered with the facade')
    const back = await browser(saved.url)
    assert.equal(back.searchParams.get('iss'), env.info.edgeUrl)
    await first.finishAuth(back.searchParams.get('code')!)
    const client = new Client({ name: 'oauth', version: '1' })
    await client.connect(new StreamableHTTPClientTransport(url, { authProvider: provider }))
    try {
      const names = (await client.listTools()).tools.map((t) => t.name)
      assert.ok(names.includes('identity_whoami'))
      const who = (await client.callTool({ name: 'identity_whoami', arguments: {} })) as {
        structuredContent?: { caller?: { subject?: string } }
      }
      assert.equal(who.structuredContent?.caller?.subject, 'alice@example.com')
    } finally {
      await client.close()
    }
    // The token is the identity domain's own, for the MCP audience.
    const claims = JSON.parse(Buffer.from(saved.tokens!.access_token.split('.')[1], 'base64url').toString())
    assert.equal(claims.iss, 'https://identity.oraclecloud.com/')
    assert.ok([claims.aud].flat().includes(env.info.audience), 'the MCP audience')
    // Refresh (as after expiry): a new access token, and the old refresh token is spent.
    const oldRefresh = saved.tokens!.refresh_token!
    const oldAccess = saved.tokens!.access_token
    assert.equal(await auth(provider, { serverUrl: url }), 'AUTHORIZED')
    assert.notEqual(saved.tokens!.access_token, oldAccess)
    const again = await postForm(`${env.info.edgeUrl}/oauth/token`, {
      grant_type: 'refresh_token',
      client_id: saved.info!.client_id,
      refresh_token: oldRefresh,
    })
    assert.equal(again.body.error, 'invalid_grant')
    const after = await env.connect(saved.tokens!.access_token)
    await after.close()
  })

  it('signs the 2.x client in from a 401 and calls a tool as alice', async () => {
    const { provider: shared, saved } = sdkProvider('SDK 2.x e2e')
    const provider = shared as unknown as OAuthClientProvider2
    const url = new URL(env.info.mcpUrl)
    const options = { versionNegotiation: { mode: 'auto' as const } }
    const first = new Http2(url, { authProvider: provider })
    await assert.rejects(new Client2({ name: 'oauth-2', version: '2' }, options).connect(first))
    assert.ok(saved.url, 'the client was sent to the authorization endpoint')
    assert.equal(saved.url.origin, env.info.edgeUrl)
    const back = await browser(saved.url)
    // The callback's parameters as they are: the SDK checks `iss` (RFC 9207) before it redeems the code.
    await first.finishAuth(back.searchParams)
    const client = new Client2({ name: 'oauth-2', version: '2' }, options)
    await client.connect(new Http2(url, { authProvider: provider }))
    try {
      const who = (await client.callTool({ name: 'identity_whoami', arguments: {} })) as {
        structuredContent?: { caller?: { subject?: string } }
      }
      assert.equal(who.structuredContent?.caller?.subject, 'alice@example.com')
    } finally {
      await client.close()
    }
  })

  it('signs mcp-remote 0.15.1 in as Claude Desktop and Cursor run it: registration, browser, loopback callback', async () => {
    const config = mkdtempSync(join(tmpdir(), 'mcp-remote-oauth-'))
    const callbackPort = await freePort()
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [
        join(ROOT, 'node_modules', 'mcp-remote', 'dist', 'proxy.js'),
        env.info.mcpUrl,
        String(callbackPort),
        '--transport',
        'http-only',
        '--host',
        '127.0.0.1',
      ],
      env: {
        PATH: process.env.PATH ?? '',
        HOME: config,
        MCP_REMOTE_CONFIG_DIR: config,
        // No browser is opened: `true` stands in for it, and this test plays the browser from the printed URL.
        BROWSER: 'true',
        DISPLAY: '',
        NODE_NO_WARNINGS: '1',
      },
      stderr: 'pipe',
    })
    // mcp-remote prints the authorization URL for the user; the scripted browser takes it from there.
    const signedIn = new Promise<void>((resolve, reject) => {
      let text = ''
      let started = false
      transport.stderr?.on('data', (chunk: Buffer) => {
        text += chunk.toString()
        const m = /Please authorize this client by visiting:\s*(\S+)/.exec(text)
        if (!m || started) return
        started = true
        browser(m[1], { redirect: `http://127.0.0.1:${callbackPort}/` })
          .then((callback) => fetch(callback))
          .then(() => resolve(), reject)
      })
    })
    const client = new Client({ name: 'e2e-mcp-remote-oauth', version: '1.0.0' })
    try {
      await Promise.all([client.connect(transport), signedIn])
      const who = (await client.callTool({ name: 'identity_whoami', arguments: {} })) as {
        structuredContent?: { caller?: { subject?: string } }
      }
      assert.equal(who.structuredContent?.caller?.subject, 'alice@example.com')
      assert.ok((await client.listTools()).tools.length > 3)
    } finally {
      await client.close()
      rmSync(config, { recursive: true, force: true })
    }
  })

  it('refuses a replayed code, a wrong verifier and a foreign redirect URI', async () => {
    const { provider, saved } = sdkProvider()
    assert.equal(await auth(provider, { serverUrl: new URL(env.info.mcpUrl) }), 'REDIRECT')
    const code = (await browser(saved.url!)).searchParams.get('code')!
    const redeem = (verifier: string) =>
      postForm(`${env.info.edgeUrl}/oauth/token`, {
        grant_type: 'authorization_code',
        client_id: saved.info!.client_id,
        code,
        code_verifier: verifier,
        redirect_uri: REDIRECT,
      })
    assert.equal((await redeem('x'.repeat(43))).body.error, 'invalid_grant')
    const first = await redeem(saved.verifier)
    assert.equal(first.status, 200)
    assert.ok(first.body.access_token)
    const replay = await redeem(saved.verifier)
    assert.equal(replay.status, 400)
    assert.equal(replay.body.error, 'invalid_grant')

    const foreign = new URL(saved.url!)
    foreign.searchParams.set('redirect_uri', 'https://evil.example/callback')
    const res = await fetch(foreign, { redirect: 'manual' })
    assert.equal(res.status, 400)
    assert.equal(res.headers.get('location'), null)
    const registration = await fetch(`${env.info.edgeUrl}/oauth/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ redirect_uris: ['https://evil.example/callback'] }),
    })
    assert.equal(registration.status, 400)
    assert.equal((await registration.json()).error, 'invalid_redirect_uri')
  })

  it('sends a denied consent back as access_denied, without signing in', async () => {
    const { provider, saved } = sdkProvider()
    await auth(provider, { serverUrl: new URL(env.info.mcpUrl) })
    const back = await browser(saved.url!, { decision: 'deny' })
    assert.equal(back.searchParams.get('error'), 'access_denied')
    assert.equal(back.searchParams.get('code'), null)
  })

  it('refuses a consent form posted without the browser’s cookie (CSRF)', async () => {
    const { provider, saved } = sdkProvider()
    await auth(provider, { serverUrl: new URL(env.info.mcpUrl) })
    const page = await (await fetch(saved.url!)).text()
    const request = /name="request" value="([^"]+)"/.exec(page)?.[1]
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1]
    assert.ok(request && csrf)
    const res = await fetch(`${env.info.edgeUrl}/oauth/consent`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ request, csrf, decision: 'allow' }),
      redirect: 'manual',
    })
    assert.equal(res.status, 400)
    assert.equal(res.headers.get('location'), null)
  })

  it('accepts a Client ID Metadata Document client (a URL client_id) and names it on the consent page', async () => {
    let documentUrl = ''
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.end(
        JSON.stringify({
          client_id: documentUrl,
          client_name: 'CIMD e2e client',
          redirect_uris: [REDIRECT],
          token_endpoint_auth_method: 'none',
        }),
      )
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
    documentUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/client.json`
    try {
      const { createHash, randomBytes } = await import('node:crypto')
      const verifier = randomBytes(32).toString('base64url')
      const authorize = new URL(`${env.info.edgeUrl}/oauth/authorize`)
      authorize.search = new URLSearchParams({
        response_type: 'code',
        client_id: documentUrl,
        redirect_uri: REDIRECT,
        state: 'st-1',
        scope: 'oci-mcp.read',
        resource: env.info.mcpUrl,
        code_challenge: createHash('sha256').update(verifier).digest('base64url'),
        code_challenge_method: 'S256',
      }).toString()
      const consent = await (await fetch(authorize)).text()
      assert.match(consent, /CIMD e2e client/)
      const back = await browser(authorize)
      assert.equal(back.searchParams.get('state'), 'st-1')
      const tokens = await postForm(`${env.info.edgeUrl}/oauth/token`, {
        grant_type: 'authorization_code',
        client_id: documentUrl,
        code: back.searchParams.get('code')!,
        code_verifier: verifier,
        redirect_uri: REDIRECT,
        resource: env.info.mcpUrl,
      })
      assert.equal(tokens.status, 200)
      const client = await env.connect(String(tokens.body.access_token))
      assert.ok((await client.listTools()).tools.length > 0)
      await client.close()
    } finally {
      server.close()
    }
  })

  it('wrote no code, token, secret or verifier in any log', () => {
    const text = env.lines.join('\n')
    assert.ok(!/mcp-dcr\.|eyJ[A-Za-z0-9_-]{20,}|idcscs-/.test(text), 'no client id, JWT or client secret')
    assert.ok(!text.includes(env.info.clientSecret))
  })
})
