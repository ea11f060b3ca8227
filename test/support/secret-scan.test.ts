// The secret scanner catches each kind of planted credential, passes clean text, and never repeats a secret.
import assert from 'node:assert/strict'
import { generateKeyPairSync } from 'node:crypto'
import { describe, it } from 'node:test'
import { SignJWT } from 'jose'
import { describeFindings, secretScanner } from './secret-scan.ts'

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string
const rsaPem = privateKey.export({ type: 'pkcs1', format: 'pem' }) as string

describe('secret scanner', async () => {
  const jwt = await new SignJWT({ sub: 'alice@example.com', scope: 'oci-mcp.read' })
    .setProtectedHeader({ alg: 'RS256', kid: 'SIGNING_KEY' })
    .sign(privateKey)

  it('finds a JWT, a bearer header, a session keyId and a private key, each by its kind and line', () => {
    const scanner = secretScanner()
    const text = [
      'edge: POST /mcp 200 12ms sub=alice@example.com',
      `token refused: ${jwt}`,
      `authorization: Bearer ${'x'.repeat(12)}.${'y'.repeat(12)}`,
      `keyId="ST$${'a'.repeat(40)}"`,
      pem.split('\n')[0],
      rsaPem.split('\n')[0],
    ].join('\n')
    const kinds = scanner.scan(text, 'log').map((f) => `${f.kind}@${f.line}`)
    assert.ok(kinds.includes('jwt@2'))
    assert.ok(kinds.includes('bearer@3'))
    assert.ok(kinds.includes('session-token@4'))
    assert.ok(kinds.includes('private-key@5'))
    assert.ok(kinds.includes('private-key@6'))
    assert.ok(!kinds.some((k) => k.endsWith('@1')))
  })

  it('finds a known secret verbatim, including one learnt during the run', () => {
    const scanner = secretScanner([{ label: 'client secret', value: 'idcs-secret-0123456789' }])
    scanner.know('password of bob', 'Pa55-word-of-bob')
    const findings = scanner.scan(
      '{"error":"bad client idcs-secret-0123456789"}\nlogin Pa55-word-of-bob',
      'response',
    )
    assert.deepEqual(
      findings.map((f) => [f.kind, f.label, f.line]),
      [
        ['known-secret', 'client secret', 1],
        ['known-secret', 'password of bob', 2],
      ],
    )
  })

  it('passes the lines a clean run writes', () => {
    const scanner = secretScanner([{ label: 'client secret', value: 'idcs-secret-0123456789' }])
    const clean = [
      'identity domain listening url=http://127.0.0.1:8081 dev_client_id=3f2a9c',
      '{"type":"audit","tool":"objectstorage_put_object","sub":"alice@example.com","outcome":"ok"}',
      'edge: token refused on /mcp (ERR_JWS_SIGNATURE_VERIFICATION_FAILED)',
      '{"jsonrpc":"2.0","id":1,"result":{"content":[{"type":"text","text":"Bearer tokens are checked"}]}}',
    ].join('\n')
    assert.deepEqual(scanner.scan(clean, 'log'), [])
  })

  it('describes findings without the secret itself', () => {
    const scanner = secretScanner([{ label: 'client secret', value: 'idcs-secret-0123456789' }])
    const text = describeFindings(scanner.scan(`x ${jwt} idcs-secret-0123456789`, 'log'))
    assert.ok(text.length > 0)
    assert.ok(!text.includes(jwt) && !text.includes('idcs-secret-0123456789') && !text.includes('eyJ'))
  })
})
