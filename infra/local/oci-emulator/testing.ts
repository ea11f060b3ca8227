// Test helpers: an emulator in a temp directory, real SDK clients for it, and a tiny JWKS issuer of ST$ tokens.
import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose'
import * as common from 'oci-common'
import * as identity from 'oci-identity'
import * as objectstorage from 'oci-objectstorage'
import { type OciEmulator, type OciEmulatorOptions, startOciEmulator } from './index.ts'

export interface TestEmulator extends OciEmulator {
  dataDir: string
  /** Closes the emulator and removes its data directory. */
  dispose(): Promise<void>
}

export async function startTestEmulator(options: Partial<OciEmulatorOptions> = {}): Promise<TestEmulator> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'oci-emulator-'))
  const emulator = await startOciEmulator({ port: 0, ...options, dataDir })
  return {
    ...emulator,
    dataDir,
    dispose: async () => {
      await emulator.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** No retries and no circuit breaker: a failure must show at once, and one failing test must not trip the next. */
export const sdkConfiguration = (): common.ClientConfiguration => ({
  retryConfiguration: common.NoRetryConfigurationDetails,
  circuitBreaker: new common.CircuitBreaker({ disableClientCircuitBreaker: true }),
})

export function objectStorageClient(url: string, provider: common.AuthenticationDetailsProvider) {
  const client = new objectstorage.ObjectStorageClient(
    { authenticationDetailsProvider: provider },
    sdkConfiguration(),
  )
  client.endpoint = url
  return client
}

export function identityClient(url: string, provider: common.AuthenticationDetailsProvider) {
  const client = new identity.IdentityClient({ authenticationDetailsProvider: provider }, sdkConfiguration())
  client.endpoint = url
  return client
}

export const operatorProvider = (emulator: OciEmulator) =>
  new common.ConfigFileAuthenticationDetailsProvider(emulator.operatorConfigFile, 'DEFAULT')

/** What the SDK's session-token signers do: keyId `ST$<token>`, signed with the session's private key. */
export function sessionTokenProvider(
  token: string,
  privateKeyPem: string,
): common.AuthenticationDetailsProvider {
  return {
    getKeyId: async () => `ST$${token}`,
    getPrivateKey: () => privateKeyPem,
    getPassphrase: () => null,
  }
}

/** A fresh RSA session key: the private PEM to sign with and the public JWK as the `jwk` claim string. */
export function sessionKey() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    jwkClaim: JSON.stringify({
      ...publicKey.export({ format: 'jwk' }),
      kid: 'session',
      alg: 'RS256',
      use: 'sig',
    }),
  }
}

/** Serves a JWKS the way authService does and signs tokens with the key it publishes. */
export async function startTokenIssuer() {
  const { privateKey, publicKey } = await generateKeyPair('RS256')
  const jwk = { ...(await exportJWK(publicKey)), kid: 'asw', alg: 'RS256', use: 'sig' }
  let fetches = 0
  const server = createServer((_req, res) => {
    fetches++
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    jwksUrl: `http://127.0.0.1:${port}/jwks`,
    fetchCount: () => fetches,
    /** Signs with the published key unless another key is given (to forge). */
    sign: (claims: JWTPayload, options: { expiresIn?: string | number; key?: CryptoKey } = {}) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'asw' })
        .setIssuer('authService.oracle.com')
        .setAudience('oci')
        .setIssuedAt()
        .setExpirationTime(options.expiresIn ?? '1h')
        .sign(options.key ?? privateKey),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** Runs an SDK call that must fail and returns the OciError for assertions on status and code. */
export async function ociError(call: Promise<unknown>): Promise<common.OciError> {
  try {
    await call
  } catch (error) {
    if (error instanceof common.OciError) return error
    throw error
  }
  throw new Error('expected the call to fail')
}

/** Any SDK client class (ComputeClient, DatabaseClient, CloudGuardClient, …) pointed at the emulator. */
export function sdkClient<C extends { endpoint: string }>(
  Client: new (params: common.AuthParams, clientConfiguration?: common.ClientConfiguration) => C,
  url: string,
  provider: common.AuthenticationDetailsProvider,
): C {
  const client = new Client({ authenticationDetailsProvider: provider }, sdkConfiguration())
  client.endpoint = url
  return client
}
