// A throwaway RS256 key and JWKS server for tests that need real, verifiable tokens.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { exportJWK, generateKeyPair, SignJWT } from 'jose'

export async function testIssuer(audience = 'oci-mcp-functions') {
  const { publicKey, privateKey } = await generateKeyPair('RS256')
  const jwk = { ...(await exportJWK(publicKey)), kid: 'SIGNING_KEY', alg: 'RS256', key_ops: ['verify'] }
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' })
    res.end(JSON.stringify({ keys: [jwk] }))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/admin/v1/SigningCert/jwk`
  const sign = (claims: Record<string, unknown>, opts: { aud?: string; exp?: string | number } = {}) =>
    new SignJWT({ client_id: 'test-client', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'SIGNING_KEY' })
      .setIssuer('https://identity.oraclecloud.com/')
      .setAudience(opts.aud ?? audience)
      .setIssuedAt()
      .setExpirationTime(opts.exp ?? '1h')
      .setJti(crypto.randomUUID().replace(/-/g, ''))
      .sign(privateKey)
  return {
    jwksUrl,
    sign,
    env: { MCP_JWKS_URL: jwksUrl, MCP_TOKEN_AUDIENCE: audience, MCP_VERIFY_TOKEN: 'true' },
    close: () => new Promise<void>((r) => server.close(() => r())),
  }
}
