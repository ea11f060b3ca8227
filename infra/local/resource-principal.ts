// Local resource-principal bootstrap: a key pair and an RPST from the development identity domain, handed to a
// function through the same OCI_RESOURCE_PRINCIPAL_* variables (file paths) the Functions platform sets.
import { generateKeyPairSync } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { IdentityDomain } from './identity-domain/index.ts'
import { compartmentId } from './seed.ts'

/** The identity domain caps RPSTs at an hour; the files are rewritten well before, and the SDK re-reads them. */
const RPST_TTL_SECONDS = 3600
const REFRESH_MS = 30 * 60_000

export async function resourcePrincipalEnv(
  identityDomain: IdentityDomain,
  dir: string,
  region: string,
  fn = 'events',
): Promise<Record<string, string>> {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  })
  const rpstPath = join(dir, 'rpst')
  const keyPath = join(dir, 'private.pem')
  writeFileSync(keyPath, privateKey, { mode: 0o600 })
  const mint = async () => {
    const rpst = await identityDomain.issueResourcePrincipalToken({
      functionId: `ocid1.fnfunc.oc1.iad.${`aaaaaaaalocal${fn}`.padEnd(60, 'x')}`,
      compartmentId: compartmentId('sandbox'),
      publicKeyPem: publicKey,
      ttlSeconds: RPST_TTL_SECONDS,
    })
    writeFileSync(rpstPath, rpst, { mode: 0o600 })
  }
  await mint()
  setInterval(() => void mint().catch(() => undefined), REFRESH_MS).unref()
  return {
    OCI_AUTH: 'resource_principal',
    OCI_RESOURCE_PRINCIPAL_VERSION: '2.2',
    OCI_RESOURCE_PRINCIPAL_RPST: rpstPath,
    OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM: keyPath,
    OCI_RESOURCE_PRINCIPAL_REGION: region,
  }
}
