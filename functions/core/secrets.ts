// Secrets from configuration: a literal value (local runs) or an OCI Vault secret read with the function's
// resource principal (deployed), fetched once per warm container and never logged.
import { cjsExports } from './cjs.ts'
import { McpFunctionsError } from './errors.ts'

const cache = new Map<string, Promise<string>>()
const REFRESH_MS = 60 * 60_000

export async function resolveSecret(
  env: NodeJS.ProcessEnv,
  valueName: string,
  ocidName: string,
): Promise<string | undefined> {
  const literal = env[valueName]
  if (literal) return literal
  const ocid = env[ocidName]
  if (!ocid) return undefined
  let pending = cache.get(ocid)
  if (!pending) {
    pending = readVaultSecret(ocid, env)
    cache.set(ocid, pending)
    pending.then(
      () => setTimeout(() => cache.delete(ocid), REFRESH_MS).unref(),
      () => cache.delete(ocid),
    )
  }
  return pending
}

async function readVaultSecret(secretId: string, env: NodeJS.ProcessEnv): Promise<string> {
  // Loaded on first use: only functions that read a secret carry the Secrets client.
  const [secrets, common] = await Promise.all([import('oci-secrets'), import('oci-common')])
  const { SecretsClient } = cjsExports(secrets)
  const { ResourcePrincipalAuthenticationDetailsProvider } = cjsExports(common)
  try {
    const client = new SecretsClient({
      authenticationDetailsProvider: ResourcePrincipalAuthenticationDetailsProvider.builder(),
    })
    if (env.OCI_ENDPOINT) client.endpoint = env.OCI_ENDPOINT
    const { secretBundle } = await client.getSecretBundle({ secretId, stage: 'CURRENT' as never })
    const content = secretBundle.secretBundleContent as { contentType?: string; content?: string } | undefined
    if (!content?.content) throw new Error('empty secret bundle')
    return Buffer.from(content.content, 'base64').toString('utf8')
  } catch (error) {
    throw new McpFunctionsError('ERR_CONFIG_INVALID', 'A configured Vault secret could not be read', {
      hint: 'Check the secret OCID and that the function may `read secret-bundles` on it.',
      details: { secretId },
      cause: error,
    })
  }
}
