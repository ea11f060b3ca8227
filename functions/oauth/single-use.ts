// The facade's one piece of shared state: "this code / refresh token was used", an empty object created
// with `if-none-match: *` in Object Storage, so exactly one of any number of containers wins (OCI answers
// 412 to the others). Never kept in one process's memory.
import {
  ConfigFileAuthenticationDetailsProvider,
  ResourcePrincipalAuthenticationDetailsProvider,
} from 'oci-common'
import { ObjectStorageClient } from 'oci-objectstorage'
import type { FacadeConfig } from './config.ts'
import { OAuthError } from './errors.ts'

let client: Promise<ObjectStorageClient> | undefined

async function storageClient(env: NodeJS.ProcessEnv): Promise<ObjectStorageClient> {
  client ??= (async () => {
    // Deployed: the function's resource principal. A local stack against a tenancy: the operator's config file.
    const authenticationDetailsProvider =
      env.OCI_AUTH === 'config_file'
        ? new ConfigFileAuthenticationDetailsProvider(env.OCI_CONFIG_FILE, env.OCI_CONFIG_PROFILE)
        : ResourcePrincipalAuthenticationDetailsProvider.builder()
    const c = new ObjectStorageClient({ authenticationDetailsProvider })
    if (env.OCI_ENDPOINT) c.endpoint = env.OCI_ENDPOINT
    return c
  })().catch((error) => {
    client = undefined
    throw error
  })
  return client
}

/** Claims `kind/id` once. `false` when it was claimed before: the value is being replayed. */
export async function claimOnce(
  config: FacadeConfig,
  kind: 'code' | 'refresh',
  id: string,
): Promise<boolean> {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(id)) throw new OAuthError('invalid_grant', 'Malformed grant')
  const os = await storageClient(config.env)
  try {
    await os.putObject({
      namespaceName: config.stateBucket.namespace,
      bucketName: config.stateBucket.bucket,
      objectName: `used/${kind}/${id}`,
      putObjectBody: '',
      contentLength: 0,
      ifNoneMatch: '*',
    })
    return true
  } catch (error) {
    const status = (error as { statusCode?: number }).statusCode
    if (status === 412) return false
    // Never a guess: if we cannot record the use, the grant is not honoured.
    console.error(`single-use store unavailable: status ${status ?? 'none'}`)
    throw new OAuthError('temporarily_unavailable', 'The authorization server cannot record grants right now')
  }
}
