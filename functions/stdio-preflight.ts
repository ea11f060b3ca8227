// What `--stdio` says on stderr before serving: a signer that cannot load, or an emulator's config aimed at real
// OCI. Without it the server starts silently and every call fails alike, or reaches the wrong cloud.
import { setting } from './core/config.ts'
import { readConfigProfile } from './core/config-file.ts'
import { isMcpFunctionsError } from './core/errors.ts'
import { configFileSigner } from './core/signer.ts'

/**
 * The local emulator's seeded tenancy (infra/local/seed.ts, padded with x to OCID length). Written out rather
 * than imported so that the published bundle does not carry the development seed.
 */
export const EMULATOR_TENANCY = /^ocid1\.tenancy\.oc1\.\.aaaaaaaaexampletenancyx+$/

export interface StartWarning {
  code: string
  /** A machine-readable cause, for tests and logs. */
  reason: string
  text: string
}

export function stdioWarnings(env: NodeJS.ProcessEnv): StartWarning[] {
  const warnings: StartWarning[] = []
  try {
    configFileSigner(env)
  } catch (error) {
    if (!isMcpFunctionsError(error)) throw error
    const reason = String(error.details?.reason ?? 'unknown')
    warnings.push({
      code: error.code,
      reason,
      text: `${error.message}; every tool call will fail until this is fixed. ${error.hint ?? ''}`.trim(),
    })
  }
  const { values } = readConfigProfile(
    setting('OCI_CONFIG_FILE', env) as string,
    setting('OCI_CONFIG_PROFILE', env) as string,
  )
  if (EMULATOR_TENANCY.test(values.tenancy ?? '') && !setting('OCI_ENDPOINT', env)) {
    warnings.push({
      code: 'ERR_CONFIG_INVALID',
      reason: 'emulator_config_without_endpoint',
      text:
        "This profile is the local OCI emulator's seeded operator, but no endpoint is set, so requests go to real OCI " +
        'and fail. Pass --oci-endpoint <emulator URL> (e.g. http://127.0.0.1:8082 under `npm start`) or set OCI_ENDPOINT.',
    })
  }
  return warnings
}

export const formatWarning = (w: StartWarning) =>
  `oci-mcp-functions: warning ${w.code} (${w.reason}): ${w.text}`
