// Chooses who signs OCI requests for a call; providers are built lazily and cached for warm invocations.
import { homedir } from 'node:os'
import { ConfigFileAuthenticationDetailsProvider } from 'oci-common'
import type { Caller } from './caller.ts'
import { setting } from './config.ts'
import { McpFunctionsError } from './errors.ts'

export type AuthProvider = ConfigFileAuthenticationDetailsProvider

export interface Signer {
  /** Stable key for caching clients built with this signer. */
  key: string
  provider: AuthProvider
  /** The tenancy OCID this signer acts in, for default compartments. */
  tenancyId: string
  region?: string
}

let configFileSigner: Signer | undefined

function fromConfigFile(env: NodeJS.ProcessEnv): Signer {
  if (!configFileSigner) {
    const file = (setting('OCI_CONFIG_FILE', env) as string).replace(/^~(?=\/)/, homedir())
    const profile = setting('OCI_CONFIG_PROFILE', env) as string
    let provider: ConfigFileAuthenticationDetailsProvider
    try {
      provider = new ConfigFileAuthenticationDetailsProvider(file, profile)
    } catch (error) {
      throw new McpFunctionsError(
        'ERR_AUTH_SIGNER_UNAVAILABLE',
        `OCI config file profile '${profile}' could not be loaded`,
        {
          hint: 'Check OCI_CONFIG_FILE and OCI_CONFIG_PROFILE on the server.',
          cause: error,
        },
      )
    }
    configFileSigner = {
      key: `config:${file}:${profile}`,
      provider,
      tenancyId: provider.getTenantId(),
      region: provider.getRegion()?.regionId,
    }
  }
  return configFileSigner
}

export async function signerFor(_caller: Caller, env: NodeJS.ProcessEnv = process.env): Promise<Signer> {
  const mode = setting('OCI_AUTH', env)
  if (mode === 'config_file') return fromConfigFile(env)
  throw new McpFunctionsError('ERR_CONFIG_INVALID', `OCI_AUTH '${mode}' is not supported`, {
    hint: 'Use config_file, resource_principal or token_exchange.',
  })
}
