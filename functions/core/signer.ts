// Chooses who signs OCI requests for a call — the caller (token exchange), the function (resource principal),
// or a config-file profile — and caches providers for warm invocations.
import {
  type AuthenticationDetailsProvider,
  ConfigFileAuthenticationDetailsProvider,
  ResourcePrincipalAuthenticationDetailsProvider,
} from 'oci-common'
import type { Caller } from './caller.ts'
import { setting } from './config.ts'
import { type ConfigFileProfile, expandHome, readConfigProfile } from './config-file.ts'
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

const configFileSigners = new Map<string, Signer>()
let resourcePrincipalSigner: Promise<Signer> | undefined

const unavailable = (what: string, hint: string, cause: unknown) =>
  new McpFunctionsError('ERR_AUTH_SIGNER_UNAVAILABLE', `${what} could not be loaded`, { hint, cause })

// Named for both ways of running: flags for stdio, variables for a deployed function.
const CONFIG_FILE_CHOICES =
  'Pass --config <file> and --profile <name> (stdio), or set OCI_CONFIG_FILE and OCI_CONFIG_PROFILE.'

function configFileUnavailable(facts: ConfigFileProfile, cause?: unknown): McpFunctionsError {
  const { file, profile, problem } = facts
  const details = { reason: problem ?? 'profile_unusable', file, profile }
  if (problem === 'config_file_missing')
    return new McpFunctionsError('ERR_AUTH_SIGNER_UNAVAILABLE', `OCI config file ${file} does not exist`, {
      hint: `Create it (\`oci setup config\`) or point at another. ${CONFIG_FILE_CHOICES}`,
      details,
    })
  if (problem === 'profile_missing')
    return new McpFunctionsError(
      'ERR_AUTH_SIGNER_UNAVAILABLE',
      `OCI config file ${file} has no profile '${profile}'`,
      {
        hint: `Its profiles: ${facts.profiles.join(', ') || 'none'}. ${CONFIG_FILE_CHOICES}`,
        details,
      },
    )
  const why = cause instanceof Error ? cause.message.split('\n')[0] : String(cause)
  return new McpFunctionsError(
    'ERR_AUTH_SIGNER_UNAVAILABLE',
    `OCI config file ${file} profile '${profile}' could not be loaded`,
    {
      hint: `The SDK says: ${why}. Fix the profile (user, fingerprint, key_file, tenancy, region). ${CONFIG_FILE_CHOICES}`,
      details,
      cause,
    },
  )
}

/** The config-file signer of OCI_CONFIG_FILE / OCI_CONFIG_PROFILE; throws ERR_AUTH_SIGNER_UNAVAILABLE with `details.reason`. */
export function configFileSigner(env: NodeJS.ProcessEnv): Signer {
  const file = expandHome(setting('OCI_CONFIG_FILE', env) as string)
  const profile = setting('OCI_CONFIG_PROFILE', env) as string
  const key = `config:${file}:${profile}`
  const cached = configFileSigners.get(key)
  if (cached) return cached
  const facts = readConfigProfile(file, profile)
  if (facts.problem) throw configFileUnavailable(facts)
  let provider: ConfigFileAuthenticationDetailsProvider
  try {
    provider = new ConfigFileAuthenticationDetailsProvider(facts.file, facts.profile)
  } catch (error) {
    throw configFileUnavailable(facts, error)
  }
  const signer: Signer = {
    kind: 'config_file',
    key,
    provider,
    tenancyId: provider.getTenantId(),
    region: provider.getRegion()?.regionId,
  }
  configFileSigners.set(key, signer)
  return signer
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
  if (mode === 'config_file') return configFileSigner(env)
  if (mode === 'resource_principal') return fromResourcePrincipal()
  if (mode === 'token_exchange') return fromTokenExchange(caller, env)
  throw new McpFunctionsError('ERR_CONFIG_INVALID', `OCI_AUTH '${mode}' is not supported`, {
    hint: 'Use config_file, resource_principal or token_exchange.',
  })
}
