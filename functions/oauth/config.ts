// The facade's configuration: environment variables, secrets from configuration or OCI Vault (core/secrets.ts).
import { resolveSecret } from '../core/secrets.ts'
import { type Sealer, sealer } from './seal.ts'

export interface FacadeConfig {
  /** The facade's own URL: RFC 8414 issuer, base of its endpoints (https://<gateway host>). */
  issuer: string
  /** The identity domain URL (https://idcs-….identity.oraclecloud.com). */
  domainUrl: string
  /** The one pre-registered confidential application the facade relays every client onto. */
  clientId: string
  clientSecret: string
  /** The MCP resource's primary audience in the identity domain (prefix of its fully qualified scopes). */
  audience: string
  /** Protected resources a client may name in `resource` (RFC 8707): this URL and the paths under it. */
  resource: string
  scopes: string[]
  /** Exact redirect URIs of hosted (non-loopback) clients, e.g. https://claude.ai/api/mcp/auth_callback. */
  hostedRedirectUris: string[]
  /** Local only: a Client ID Metadata Document may be served over http from loopback. */
  cimdAllowLoopback: boolean
  stateBucket: { namespace: string; bucket: string }
  sealer: Sealer
  env: NodeJS.ProcessEnv
}

const list = (v: string | undefined) => (v ?? '').split(/[\s,]+/).filter(Boolean)

function required(env: NodeJS.ProcessEnv, name: string): string {
  const v = env[name]
  if (!v) throw new TypeError(`${name} is required`)
  return v
}

let cached: Promise<FacadeConfig> | undefined

export function facadeConfig(env: NodeJS.ProcessEnv = process.env): Promise<FacadeConfig> {
  cached ??= loadConfig(env).catch((error) => {
    cached = undefined
    throw error
  })
  return cached
}

export async function loadConfig(env: NodeJS.ProcessEnv): Promise<FacadeConfig> {
  const issuer = required(env, 'OAUTH_ISSUER').replace(/\/$/, '')
  const [clientSecret, sealingKey] = await Promise.all([
    resolveSecret(env, 'OAUTH_CLIENT_SECRET', 'OAUTH_CLIENT_SECRET_OCID'),
    resolveSecret(env, 'OAUTH_SEALING_KEY', 'OAUTH_SEALING_KEY_OCID'),
  ])
  if (!clientSecret) throw new TypeError('OAUTH_CLIENT_SECRET or OAUTH_CLIENT_SECRET_OCID is required')
  if (!sealingKey) throw new TypeError('OAUTH_SEALING_KEY or OAUTH_SEALING_KEY_OCID is required')
  return {
    issuer,
    domainUrl: required(env, 'OAUTH_IDCS_URL').replace(/\/$/, ''),
    clientId: required(env, 'OAUTH_CLIENT_ID'),
    clientSecret,
    audience: required(env, 'MCP_TOKEN_AUDIENCE'),
    resource: (env.OAUTH_RESOURCE ?? `${issuer}/mcp`).replace(/\/$/, ''),
    scopes: list(env.OAUTH_SCOPES ?? 'oci-mcp.read oci-mcp.write'),
    hostedRedirectUris: list(env.OAUTH_REDIRECT_URIS),
    cimdAllowLoopback: env.OAUTH_CIMD_ALLOW_LOOPBACK === 'true',
    stateBucket: {
      namespace: required(env, 'OAUTH_STATE_NAMESPACE'),
      bucket: required(env, 'OAUTH_STATE_BUCKET'),
    },
    sealer: sealer(sealingKey),
    env,
  }
}
