// Chooses who signs OCI requests for a call — the caller (token exchange), the function (resource principal),
// or a config-file profile — and caches providers for warm invocations.
import { homedir } from 'node:os'
import {
  type AuthenticationDetailsProvider,
  ConfigFileAuthenticationDetailsProvider,
  ResourcePrincipalAuthenticationDetailsProvider,
} from 'oci-common'
import type { Caller } from './caller.ts'
import { setting } from './config.ts'
import { McpFunctionsError } from './errors.ts'
import { exchangeConfigFromEnv, sessionFor } from './token-exchange.ts'

export type SignerKind = 'config_file' | 'resource_principal' | 'token_exchange'

export interface Signer {
  kind: SignerKind
  /** Stable key for caching clients built with this signer. */
  key: string
  provider: AuthenticationDetailsProvider
  /** The tenancy OCID this signer acts in, for default compartments. */
  tenancyId: string
  region?: string
}

let configFileSigner: Signer | undefined
let resourcePrincipalSigner: Promise<Signer> | undefined

const unavailable = (what: string, hint: string, cause: unknown) =>
  new McpFunctionsError('ERR_AUTH_SIGNER_UNAVAILABLE', `${what} could not be loaded`, { hint, cause })

function fromConfigFile(env: NodeJS.ProcessEnv): Signer {
  if (!configFileSigner) {
    const file = (setting('OCI_CONFIG_FILE', env) as string).replace(/^~(?=\/)/, homedir())
    const profile = setting('OCI_CONFIG_PROFILE', env) as string
    let provider: ConfigFileAuthenticationDetailsProvider
    try {
      provider = new ConfigFileAuthenticationDetailsProvider(file, profile)
    } catch (error) {
      throw unavailable(
        `OCI config file profile '${profile}'`,
        'Check OCI_CONFIG_FILE and OCI_CONFIG_PROFILE on the server.',
        error,
      )
    }
    configFileSigner = {
      kind: 'config_file',
      key: `config:${file}:${profile}`,
      provider,
      tenancyId: provider.getTenantId(),
      region: provider.getRegion()?.regionId,
    }
  }
  return configFileSigner
}

function fromResourcePrincipal(): Promise<Signer> {
  resourcePrincipalSigner ??= (async () => {
    try {
      // Reads OCI_RESOURCE_PRINCIPAL_VERSION 2.2, _RPST, _PRIVATE_PEM and _REGION (paths or literal values).
      const provider = ResourcePrincipalAuthenticationDetailsProvider.builder()
      const tenancyId = (await provider.getStringClaim('res_tenant')) ?? ''
      return {
        kind: 'resource_principal',
        key: 'rp',
        provider,
        tenancyId,
        region: provider.getRegion()?.regionId,
      } as Signer
    } catch (error) {
      resourcePrincipalSigner = undefined
      throw unavailable(
        'The function’s resource principal',
        'Check the OCI_RESOURCE_PRINCIPAL_* environment of the function.',
        error,
      )
    }
  })()
  return resourcePrincipalSigner
}

async function fromTokenExchange(caller: Caller, env: NodeJS.ProcessEnv): Promise<Signer> {
  if (!caller.token) {
    throw new McpFunctionsError(
      'ERR_AUTH_EXCHANGE_FAILED',
      'No caller token reached the function to exchange',
      {
        hint: 'Token exchange needs the bearer token forwarded to the function; check the gateway route.',
      },
    )
  }
  const session = await sessionFor(caller.token, await exchangeConfigFromEnv(env))
  return {
    kind: 'token_exchange',
    key: `upst:${session.id}`,
    provider: session.provider,
    tenancyId: session.tenancyId,
    region: setting('OCI_REGION', env),
  }
}

export async function signerFor(caller: Caller, env: NodeJS.ProcessEnv = process.env): Promise<Signer> {
  const mode = setting('OCI_AUTH', env)
  if (mode === 'config_file') return fromConfigFile(env)
  if (mode === 'resource_principal') return fromResourcePrincipal()
  if (mode === 'token_exchange') return fromTokenExchange(caller, env)
  throw new McpFunctionsError('ERR_CONFIG_INVALID', `OCI_AUTH '${mode}' is not supported`, {
    hint: 'Use config_file, resource_principal or token_exchange.',
  })
}
