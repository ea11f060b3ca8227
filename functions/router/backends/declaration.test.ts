// Backend declarations: what a routes.json entry or a drop-in file may say.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { backendDeclaration } from './declaration.ts'

const valid = { name: 'docs', url: 'https://mcp.example.com/mcp' }

describe('backendDeclaration', () => {
  it('takes https anywhere and plain http only on loopback, for the server and its token endpoint', () => {
    for (const url of ['https://mcp.example.com/mcp', 'http://127.0.0.1:8084/mcp', 'http://localhost/mcp'])
      assert.ok(backendDeclaration.safeParse({ ...valid, url }).success, url)
    for (const url of ['http://mcp.example.com/mcp', 'http://10.0.0.5/mcp', 'ftp://127.0.0.1/mcp'])
      assert.ok(!backendDeclaration.safeParse({ ...valid, url }).success, url)
    const oauth = (token_url: string) => ({
      ...valid,
      auth_method: {
        method: 'oauth_client_credentials',
        token_url,
        client_id: 'c',
        client_secret: { env: 'S' },
      },
    })
    assert.ok(backendDeclaration.safeParse(oauth('https://idcs.example.com/oauth2/v1/token')).success)
    assert.ok(!backendDeclaration.safeParse(oauth('http://idcs.example.com/oauth2/v1/token')).success)
  })

  it('refuses a group’s name, whose tools a gateway would route to that group', () => {
    assert.ok(!backendDeclaration.safeParse({ ...valid, name: 'compute' }).success)
    assert.ok(backendDeclaration.safeParse({ ...valid, name: 'computer' }).success)
  })
})
