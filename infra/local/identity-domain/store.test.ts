// Persistence: secrets are random, written 0600, and survive a restart; a bad state file is kept.
import assert from 'node:assert/strict'
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { createRemoteJWKSet, jwtVerify } from 'jose'
import { startIdentityDomain } from './index.ts'
import { STATE_FILE } from './store.ts'
import { AUDIENCE, pkcePair, postForm, startTestDomain } from './testing.ts'

describe('persistence', () => {
  it('generates random secrets and writes them with mode 0600', async () => {
    const [a, b] = [await startTestDomain(), await startTestDomain()]
    try {
      assert.notEqual(a.domain.devClient.clientSecret, b.domain.devClient.clientSecret)
      assert.notEqual(a.domain.devClient.clientId, b.domain.devClient.clientId)
      assert.match(a.domain.devClient.clientId, /^[0-9a-f]{32}$/)
      for (const [i, user] of a.domain.users.entries()) {
        assert.ok(user.password.length >= 20, 'passwords are long')
        assert.notEqual(user.password, b.domain.users[i].password)
      }
      const file = join(a.dataDir, STATE_FILE)
      assert.equal((await stat(file)).mode & 0o777, 0o600)
      assert.deepEqual(await readdir(a.dataDir), [STATE_FILE], 'no temporary files are left behind')
    } finally {
      await a.dispose()
      await b.dispose()
    }
  })

  it('keeps keys, the dev client, passwords, registered clients and refresh tokens across a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'idcs-restart-'))
    try {
      const first = await startIdentityDomain({
        port: 0,
        dataDir,
        audience: AUDIENCE,
        dynamicRegistration: true,
      })
      const jwksBefore = await (await fetch(first.jwksUrl)).json()
      const stsJwksBefore = await (await fetch(first.securityTokenJwksUrl)).json()
      const redirect = 'http://127.0.0.1:40000/cb'
      const reg = await fetch(`${first.url}/oauth2/v1/register`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ redirect_uris: [redirect] }),
      })
      const clientId = (await reg.json()).client_id as string
      const { verifier, challenge } = pkcePair()
      const alice = first.users.find((u) => u.userName === 'alice@example.com')!
      const login = await fetch(`${first.url}/oauth2/v1/authorize`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          response_type: 'code',
          client_id: clientId,
          redirect_uri: redirect,
          code_challenge: challenge,
          code_challenge_method: 'S256',
          username: alice.userName,
          password: alice.password,
        }),
        redirect: 'manual',
      })
      const code = new URL(login.headers.get('location')!).searchParams.get('code')!
      const tokens = await postForm(first.tokenUrl, {
        grant_type: 'authorization_code',
        client_id: clientId,
        code,
        code_verifier: verifier,
        redirect_uri: redirect,
      })
      const accessToken = tokens.body.access_token as string
      await first.close()

      const second = await startIdentityDomain({ port: 0, dataDir, audience: AUDIENCE })
      try {
        assert.deepEqual(second.devClient, first.devClient)
        assert.deepEqual(second.users, first.users)
        assert.deepEqual(await (await fetch(second.jwksUrl)).json(), jwksBefore)
        assert.deepEqual(await (await fetch(second.securityTokenJwksUrl)).json(), stsJwksBefore)
        const { payload } = await jwtVerify(accessToken, createRemoteJWKSet(new URL(second.jwksUrl)), {
          issuer: second.issuer,
          audience: AUDIENCE,
        })
        assert.equal(payload.sub, 'alice@example.com')
        const refreshed = await postForm(second.tokenUrl, {
          grant_type: 'refresh_token',
          client_id: clientId,
          refresh_token: tokens.body.refresh_token as string,
        })
        assert.equal(refreshed.status, 200, 'the registered client and its refresh token survived')
        const state = await readFile(join(dataDir, STATE_FILE), 'utf8')
        assert.ok(!state.includes(tokens.body.refresh_token as string), 'refresh tokens are stored hashed')
      } finally {
        await second.close()
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true })
    }
  })

  it('refuses to start over an unreadable state file and leaves it untouched', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'idcs-corrupt-'))
    try {
      const file = join(dataDir, STATE_FILE)
      await writeFile(file, '{"version":1,"half":', { mode: 0o600 })
      await assert.rejects(
        startIdentityDomain({ port: 0, dataDir, audience: AUDIENCE }),
        /not a valid identity-domain state file/,
      )
      assert.equal(await readFile(file, 'utf8'), '{"version":1,"half":')
    } finally {
      await rm(dataDir, { recursive: true, force: true })
    }
  })
})
