// Dynamic registration, the sign-in page, authorization code + PKCE, refresh rotation, and the
// MCP SDK's own client auth flow against the domain.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { auth, type OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js'
import type { OAuthClientInformationMixed, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js'
import { createRemoteJWKSet, jwtVerify } from 'jose'
import { AUDIENCE, decodePayload, pkcePair, postForm, startTestDomain, type TestDomain } from './testing.ts'

const REDIRECT = 'http://127.0.0.1:33418/callback'

describe('authorization code flow', () => {
  let t: TestDomain
  let authorizeUrl: string
  before(async () => {
    // Registration is a stand-in option: these tests drive the domain's own flow with registered clients.
    t = await startTestDomain({ dynamicRegistration: true })
    authorizeUrl = `${t.domain.url}/oauth2/v1/authorize`
  })
  after(() => t.dispose())

  const password = (userName: string) => t.domain.users.find((u) => u.userName === userName)!.password

  async function register(
    body: Record<string, unknown> = { redirect_uris: [REDIRECT], client_name: 'Test client' },
  ) {
    const res = await fetch(`${t.domain.url}/oauth2/v1/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    })
    return { status: res.status, body: await res.json() }
  }

  function authorizeParams(clientId: string, challenge: string, extra: Record<string, string> = {}) {
    return {
      response_type: 'code',
      client_id: clientId,
      redirect_uri: REDIRECT,
      scope: 'oci-mcp.read oci-mcp.write',
      state: 'xyz',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      ...extra,
    }
  }

  /** Signs in through the form and returns the redirect's query. */
  async function signIn(params: Record<string, string>, userName = 'alice@example.com') {
    const res = await fetch(authorizeUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...params, username: userName, password: password(userName) }),
      redirect: 'manual',
    })
    assert.equal(res.status, 302)
    return new URL(res.headers.get('location')!)
  }

  const redeem = (clientId: string, code: string, verifier: string, redirectUri = REDIRECT) =>
    postForm(t.domain.tokenUrl, {
      grant_type: 'authorization_code',
      client_id: clientId,
      code,
      code_verifier: verifier,
      redirect_uri: redirectUri,
    })

  it('runs the full flow: register, sign-in page, login, code exchange with the verifier', async () => {
    const registered = await register()
    assert.equal(registered.status, 201)
    assert.equal(registered.body.token_endpoint_auth_method, 'none')
    assert.equal(registered.body.client_secret, undefined)
    assert.match(registered.body.client_id, /^[0-9a-f]{32}$/)
    const clientId = registered.body.client_id as string
    const { verifier, challenge } = pkcePair()
    const params = authorizeParams(clientId, challenge)

    const page = await fetch(`${authorizeUrl}?${new URLSearchParams(params)}`)
    assert.equal(page.status, 200)
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/)
    const html = await page.text()
    assert.match(html, /<form method="post" action="\/oauth2\/v1\/authorize">/)
    assert.match(html, new RegExp(`name="code_challenge" value="${challenge}"`))

    const wrong = await fetch(authorizeUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...params, username: 'alice@example.com', password: 'wrong' }),
      redirect: 'manual',
    })
    assert.equal(wrong.status, 200)
    assert.equal(wrong.headers.get('location'), null)
    assert.match(await wrong.text(), /role="alert">The user name or password is incorrect/)

    const location = await signIn(params)
    assert.equal(`${location.origin}${location.pathname}`, REDIRECT)
    assert.equal(location.searchParams.get('state'), 'xyz')
    const code = location.searchParams.get('code')!
    assert.ok(code, 'the redirect carries a code')

    const tokens = await redeem(clientId, code, verifier)
    assert.equal(tokens.status, 200)
    assert.equal(typeof tokens.body.refresh_token, 'string')
    const jwks = createRemoteJWKSet(new URL(t.domain.jwksUrl))
    const { payload } = await jwtVerify(tokens.body.access_token as string, jwks, {
      issuer: t.domain.issuer,
      audience: AUDIENCE,
    })
    assert.equal(payload.sub, 'alice@example.com')
    assert.equal(payload.client_id, clientId)
    assert.equal(payload.client_name, 'Test client')
    assert.equal(payload.gtp, 'azc')
    assert.equal(payload.scope, 'oci-mcp.read oci-mcp.write')

    const reused = await redeem(clientId, code, verifier)
    assert.equal(reused.status, 400)
    assert.equal(reused.body.error, 'invalid_grant')
  })

  it('refuses a wrong verifier, and the code is spent after one attempt', async () => {
    const { body } = await register()
    const { verifier, challenge } = pkcePair()
    const code = (await signIn(authorizeParams(body.client_id, challenge))).searchParams.get('code')!
    const wrong = await redeem(body.client_id, code, pkcePair().verifier)
    assert.equal(wrong.status, 400)
    assert.equal(wrong.body.error, 'invalid_grant')
    assert.equal((await redeem(body.client_id, code, verifier)).body.error, 'invalid_grant')
  })

  it('binds the code to its client and redirect URI', async () => {
    const a = (await register()).body.client_id as string
    const b = (await register()).body.client_id as string
    const { verifier, challenge } = pkcePair()
    const code1 = (await signIn(authorizeParams(a, challenge))).searchParams.get('code')!
    assert.equal((await redeem(b, code1, verifier)).body.error, 'invalid_grant')
    const code2 = (await signIn(authorizeParams(a, challenge))).searchParams.get('code')!
    assert.equal(
      (await redeem(a, code2, verifier, 'http://127.0.0.1:33418/other')).body.error,
      'invalid_grant',
    )
  })

  it('never redirects to an unregistered URI, and shows an error page instead', async () => {
    const clientId = (await register()).body.client_id as string
    const { challenge } = pkcePair()
    for (const redirect of [
      'https://evil.example/cb',
      'http://127.0.0.1:33418/elsewhere',
      'http://localhost:33418/callback',
    ]) {
      const res = await fetch(
        `${authorizeUrl}?${new URLSearchParams(authorizeParams(clientId, challenge, { redirect_uri: redirect }))}`,
        {
          redirect: 'manual',
        },
      )
      assert.equal(res.status, 400, redirect)
      assert.equal(res.headers.get('location'), null)
    }
    const unknown = await fetch(
      `${authorizeUrl}?${new URLSearchParams(authorizeParams('0'.repeat(32), challenge))}`,
    )
    assert.equal(unknown.status, 400)
    // A posted login with a swapped redirect URI is refused the same way.
    const posted = await fetch(authorizeUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        ...authorizeParams(clientId, challenge, { redirect_uri: 'https://evil.example/cb' }),
        username: 'alice@example.com',
        password: password('alice@example.com'),
      }),
      redirect: 'manual',
    })
    assert.equal(posted.status, 400)
    assert.equal(posted.headers.get('location'), null)
  })

  it('accepts a registered loopback redirect URI at any port (RFC 8252)', async () => {
    const clientId = (await register()).body.client_id as string
    const { verifier, challenge } = pkcePair()
    const other = 'http://127.0.0.1:51234/callback'
    const location = await signIn(authorizeParams(clientId, challenge, { redirect_uri: other }))
    assert.equal(location.port, '51234')
    const res = await redeem(clientId, location.searchParams.get('code')!, verifier, other)
    assert.equal(res.status, 200)
  })

  it('redirects request errors once the redirect URI is trusted', async () => {
    const clientId = (await register()).body.client_id as string
    const { challenge } = pkcePair()
    const noPkce = await fetch(
      `${authorizeUrl}?${new URLSearchParams(authorizeParams(clientId, challenge, { code_challenge_method: 'plain' }))}`,
      { redirect: 'manual' },
    )
    assert.equal(noPkce.status, 302)
    const location = new URL(noPkce.headers.get('location')!)
    assert.equal(location.searchParams.get('error'), 'invalid_request')
    assert.equal(location.searchParams.get('state'), 'xyz')
    const token = await fetch(
      `${authorizeUrl}?${new URLSearchParams(authorizeParams(clientId, challenge, { response_type: 'token' }))}`,
      { redirect: 'manual' },
    )
    assert.equal(
      new URL(token.headers.get('location')!).searchParams.get('error'),
      'unsupported_response_type',
    )
  })

  it('escapes request values in the page', async () => {
    const clientId = (await register({ redirect_uris: [REDIRECT], client_name: '<b>Evil</b>' })).body
      .client_id as string
    const { challenge } = pkcePair()
    const html = await (
      await fetch(
        `${authorizeUrl}?${new URLSearchParams(authorizeParams(clientId, challenge, { state: '"><script>alert(1)</script>' }))}`,
      )
    ).text()
    assert.ok(!html.includes('<script>'), 'state is escaped')
    assert.ok(!html.includes('<b>Evil</b>'), 'client_name is escaped')
    assert.match(html, /&quot;&gt;&lt;script&gt;/)
  })

  it("narrows the granted scopes to the signed-in user's", async () => {
    const clientId = (await register()).body.client_id as string
    const { verifier, challenge } = pkcePair()
    const location = await signIn(authorizeParams(clientId, challenge), 'bob@example.com')
    const res = await redeem(clientId, location.searchParams.get('code')!, verifier)
    assert.equal(res.body.scope, 'oci-mcp.read')
    assert.equal(decodePayload(res.body.access_token as string).sub, 'bob@example.com')
  })

  it('rotates refresh tokens and revokes the family when an old one is replayed', async () => {
    const clientId = (await register()).body.client_id as string
    const { verifier, challenge } = pkcePair()
    const code = (await signIn(authorizeParams(clientId, challenge))).searchParams.get('code')!
    const first = (await redeem(clientId, code, verifier)).body.refresh_token as string
    const refresh = (token: string, extra: Record<string, string> = {}) =>
      postForm(t.domain.tokenUrl, {
        grant_type: 'refresh_token',
        client_id: clientId,
        refresh_token: token,
        ...extra,
      })
    const narrowed = await refresh(first, { scope: 'oci-mcp.read' })
    assert.equal(narrowed.status, 200)
    assert.equal(narrowed.body.scope, 'oci-mcp.read')
    assert.equal(decodePayload(narrowed.body.access_token as string).gtp, 'rt')
    const second = narrowed.body.refresh_token as string
    assert.notEqual(second, first)
    const replay = await refresh(first)
    assert.equal(replay.body.error, 'invalid_grant')
    assert.equal((await refresh(second)).body.error, 'invalid_grant', 'the replay revoked the whole family')
  })

  it('revokes the refresh tokens of a code that is replayed', async () => {
    const clientId = (await register()).body.client_id as string
    const { verifier, challenge } = pkcePair()
    const code = (await signIn(authorizeParams(clientId, challenge))).searchParams.get('code')!
    const refreshToken = (await redeem(clientId, code, verifier)).body.refresh_token as string
    await redeem(clientId, code, verifier)
    const res = await postForm(t.domain.tokenUrl, {
      grant_type: 'refresh_token',
      client_id: clientId,
      refresh_token: refreshToken,
    })
    assert.equal(res.body.error, 'invalid_grant')
  })

  it('refuses registrations with unsafe redirect URIs or confidential grants', async () => {
    assert.equal(
      (await register({ redirect_uris: ['http://evil.example/cb'] })).body.error,
      'invalid_redirect_uri',
    )
    assert.equal(
      (await register({ redirect_uris: ['javascript:alert(1)'] })).body.error,
      'invalid_redirect_uri',
    )
    assert.equal((await register({})).body.error, 'invalid_redirect_uri')
    const cc = await register({ redirect_uris: [REDIRECT], grant_types: ['client_credentials'] })
    assert.equal(cc.status, 400)
    assert.equal(cc.body.error, 'invalid_client_metadata')
    const custom = await register({ redirect_uris: ['cursor://anysphere.cursor-retrieval/oauth/callback'] })
    assert.equal(custom.status, 201)
  })

  it("signs in with the MCP SDK's client auth flow (discovery, registration, PKCE, refresh)", async () => {
    let clientInformation: OAuthClientInformationMixed | undefined
    let tokens: OAuthTokens | undefined
    let codeVerifier = ''
    let authorizationUrl: URL | undefined
    const provider: OAuthClientProvider = {
      get redirectUrl() {
        return REDIRECT
      },
      get clientMetadata() {
        return {
          client_name: 'MCP SDK test',
          redirect_uris: [REDIRECT],
          grant_types: ['authorization_code', 'refresh_token'],
          response_types: ['code'],
          token_endpoint_auth_method: 'none',
          scope: 'oci-mcp.read',
        }
      },
      clientInformation: () => clientInformation,
      saveClientInformation: (info) => {
        clientInformation = info
      },
      tokens: () => tokens,
      saveTokens: (saved) => {
        tokens = saved
      },
      redirectToAuthorization: (url) => {
        authorizationUrl = url
      },
      saveCodeVerifier: (verifier) => {
        codeVerifier = verifier
      },
      codeVerifier: () => codeVerifier,
    }
    // No protected resource here: the SDK falls back to the server URL as authorization server.
    assert.equal(await auth(provider, { serverUrl: t.domain.url }), 'REDIRECT')
    assert.ok(clientInformation?.client_id, 'the SDK registered a client')
    assert.ok(authorizationUrl, 'the SDK asked to open the authorization URL')
    assert.equal(authorizationUrl.searchParams.get('code_challenge_method'), 'S256')
    const params = Object.fromEntries(authorizationUrl.searchParams)
    const location = await signIn(params)
    assert.equal(
      await auth(provider, {
        serverUrl: t.domain.url,
        authorizationCode: location.searchParams.get('code')!,
      }),
      'AUTHORIZED',
    )
    assert.ok(tokens?.access_token, 'the SDK saved tokens')
    assert.equal(decodePayload(tokens.access_token).sub, 'alice@example.com')
    const firstAccessToken = tokens.access_token
    // With a refresh token stored, the next auth() refreshes instead of redirecting.
    assert.equal(await auth(provider, { serverUrl: t.domain.url }), 'AUTHORIZED')
    assert.notEqual(tokens.access_token, firstAccessToken)
  })
})
