// The deployed invoker: the router's call goes out through the real OCI SDK FunctionsInvokeClient, signed, to
// the Functions invoke API path, with the envelope as body; the group's reply envelope comes back.
import assert from 'node:assert/strict'
import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { ociInvoker } from './invoker.ts'

const dir = mkdtempSync(join(tmpdir(), 'invoker-'))
let url = ''
const seen: { path?: string; headers: IncomingHttpHeaders; body: string }[] = []
const server = createServer((req, res) => {
  let body = ''
  req.on('data', (c) => {
    body += c
  })
  req.on('end', () => {
    seen.push({ path: req.url, headers: req.headers, body })
    const call = JSON.parse(body)
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'opc-request-id': 'req-1' })
    res.end(
      JSON.stringify({
        status: 200,
        headers: { 'Content-Type': 'application/json' },
        body: `{"jsonrpc":"2.0","id":1,"result":{"echo":"${call.url}"}}`,
      }),
    )
  })
})

before(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  })
  writeFileSync(join(dir, 'key.pem'), privateKey)
  writeFileSync(
    join(dir, 'config'),
    `[DEFAULT]\nuser=ocid1.user.oc1..router\nfingerprint=aa:bb\ntenancy=ocid1.tenancy.oc1..t\nregion=us-ashburn-1\nkey_file=${join(dir, 'key.pem')}\n`,
  )
})
after(() => {
  server.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('ociInvoker', () => {
  it('posts the envelope to /20181201/functions/<id>/actions/invoke, signed, and returns the reply envelope', async () => {
    const invoke = ociInvoker({
      MCP_INVOKE_ENDPOINT: url,
      MCP_GROUP_FUNCTION_IDS: 'objectstorage=ocid1.fnfunc.oc1.iad.os, identity=ocid1.fnfunc.oc1.iad.id',
      OCI_AUTH: 'config_file',
      OCI_CONFIG_FILE: join(dir, 'config'),
    })
    const envelope = {
      ociMcpInvoke: 1 as const,
      method: 'POST',
      url: '/mcp/identity',
      headers: { authorization: 'Bearer t' },
      body: '{}',
    }
    const reply = await invoke('identity', envelope)
    assert.equal(reply.status, 200)
    assert.deepEqual(JSON.parse(reply.body).result, { echo: '/mcp/identity' })
    const sent = seen[0]
    assert.equal(sent.path, '/20181201/functions/ocid1.fnfunc.oc1.iad.id/actions/invoke')
    assert.deepEqual(JSON.parse(sent.body), envelope)
    assert.match(
      String(sent.headers.authorization),
      /^Signature version="1",.*keyId="ocid1\.tenancy\.oc1\.\.t\/ocid1\.user\.oc1\.\.router\/aa:bb"/,
    )
    assert.equal(sent.headers['fn-invoke-type'], 'sync')
  })

  it('fails clearly for a group without a function id', async () => {
    const invoke = ociInvoker({ MCP_INVOKE_ENDPOINT: url, MCP_GROUP_FUNCTION_IDS: '' })
    await assert.rejects(
      invoke('compute', { ociMcpInvoke: 1, method: 'POST', url: '/mcp/compute', headers: {}, body: '{}' }),
      {
        code: 'ERR_INVOKE_FAILED',
      },
    )
  })
})
