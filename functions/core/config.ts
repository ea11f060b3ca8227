// The one table of environment variables every function reads; the README's configuration table is generated from it.
import { McpFunctionsError } from './errors.ts'

export interface SettingSpec {
  name: string
  default?: string
  description: string
}

export const SETTINGS = [
  {
    name: 'MCP_FUNCTION',
    description: 'Which function this deployment runs: `router`, a group name, or `events`.',
  },
  {
    name: 'MCP_ENABLE_MUTATIONS',
    default: 'false',
    description: 'Allow tools that change resources. Off: such tools are hidden and refused.',
  },
  {
    name: 'MCP_VERIFY_TOKEN',
    default: 'true',
    description: 'Verify the bearer token again inside the function (defense in depth behind the gateway).',
  },
  {
    name: 'MCP_TRUST_CLAIM_HEADERS',
    default: 'false',
    description:
      'With `MCP_VERIFY_TOKEN=false` only: take the caller from the gateway’s `X-Mcp-Claim-*` headers. Off, such a function refuses every call.',
  },
  {
    name: 'MCP_TOKEN_ISSUER',
    default: 'https://identity.oraclecloud.com/',
    description: 'Expected `iss` of access tokens.',
  },
  {
    name: 'MCP_TOKEN_AUDIENCE',
    description: 'Expected `aud` of access tokens (the identity-domain application’s primary audience).',
  },
  {
    name: 'MCP_JWKS_URL',
    description: 'JWKS of the identity domain, `https://<domain>/admin/v1/SigningCert/jwk`.',
  },
  {
    name: 'MCP_RESOURCE_METADATA_URL',
    description: 'URL of the protected-resource metadata document named in `WWW-Authenticate`.',
  },
  {
    name: 'MCP_ALLOWED_ORIGINS',
    description:
      'Browser origins (comma-separated) allowed besides the endpoint’s own (that of `MCP_RESOURCE_METADATA_URL`); a request with any other `Origin` is refused with 403. Terraform: `cors_allowed_origins`.',
  },
  {
    name: 'MCP_RESPONSE_BUDGET_BYTES',
    default: '200000',
    description: 'Largest tool result text; longer lists are cut and continued with a cursor.',
  },
  {
    name: 'MCP_OCI_CALL_TIMEOUT_MS',
    default: '30000',
    description:
      'Time a tool call may take when the platform gives no `Fn-Deadline` (stdio, tests); OCI requests are retried and cut off within it.',
  },
  {
    name: 'MCP_REQUEST_STATE_KEY',
    description:
      'Key (32+ bytes) signing the `requestState` of 2026-07-28 confirmation rounds. Unset: a random key per process, so a confirmation only completes in the container that asked for it.',
  },
  {
    name: 'MCP_REQUEST_STATE_KEY_OCID',
    description:
      'Deployed: the Vault secret holding that key, read once per container; every container of a function then accepts the others’ confirmations.',
  },
  {
    name: 'MCP_OBJECT_TEXT_MAX_BYTES',
    default: '100000',
    description: 'Largest object body `objectstorage_get_object` returns inline.',
  },
  {
    name: 'MCP_TOOLS_MODE',
    default: 'all',
    description:
      'Router: `all` lists every tool; `discovery` lists only search_tools, list_domains and get_tool_schema (small contexts); every tool stays callable.',
  },
  {
    name: 'MCP_BACKENDS_DIR',
    description:
      'Router: a folder of `*.json` backend declarations (external MCP servers), read besides `backends` in infra/routes.json.',
  },
  {
    name: 'MCP_BACKEND_CACHE_TTL_MS',
    default: '60000',
    description: 'Router: how long a backend’s tool list is reused before it is fetched again.',
  },
  {
    name: 'MCP_BACKEND_TIMEOUT_MS',
    default: '5000',
    description:
      'Router: longest wait for a backend’s tool list or probe; a call waits at most until its own deadline.',
  },
  {
    name: 'MCP_BACKEND_FAILURE_THRESHOLD',
    default: '3',
    description: 'Router: consecutive failed probes or calls after which a backend is quarantined.',
  },
  {
    name: 'MCP_BACKEND_PROBE_INTERVAL_MS',
    default: '30000',
    description: 'Router: how often a quarantined backend is probed again (on a request; there is no timer).',
  },
  {
    name: 'MCP_INVOKER',
    default: 'socket',
    description:
      'How the router reaches groups: `socket` (local Fn sockets) or `oci` (Functions invoke API).',
  },
  {
    name: 'MCP_FN_SOCKET_DIR',
    description: 'Local only: folder holding `<function>/lsnr.sock` for each function.',
  },
  {
    name: 'MCP_FN_INVOKE_SOCKET',
    description:
      'Local only: the functions host’s invoke endpoint (a unix socket, `POST /invoke/<function>`); unset, the router calls `<function>/lsnr.sock` directly.',
  },
  {
    name: 'MCP_INVOKE_ENDPOINT',
    description: 'Deployed only: the Functions invoke endpoint of the application.',
  },
  { name: 'MCP_GROUP_FUNCTION_IDS', description: 'Deployed only: `group=<function ocid>,…` for the router.' },
  {
    name: 'MCP_EVENT_BINDINGS',
    description: 'Events function: the bindings JSON (`{"bindings":[…]}`, see infra/events/bindings.json).',
  },
  {
    name: 'OCI_AUTH',
    default: 'config_file',
    description: 'Signer for OCI calls: `config_file`, `resource_principal` or `token_exchange`.',
  },
  {
    name: 'MCP_TOKEN_VALIDATION',
    default: 'jwt',
    description:
      '`jwt`: verify signatures with the JWKS; `introspection`: ask the identity domain (opaque tokens), results cached.',
  },
  {
    name: 'MCP_INTROSPECTION_URL',
    description: 'RFC 7662 endpoint, `https://<domain>/oauth2/v1/introspect`.',
  },
  {
    name: 'MCP_INTROSPECTION_CACHE_SECONDS',
    default: '60',
    description: 'How long an introspection answer is reused.',
  },
  {
    name: 'MCP_TOKEN_EXCHANGE_URL',
    description: 'Token endpoint for the exchange, `https://<domain>/oauth2/v1/token`.',
  },
  {
    name: 'MCP_TOKEN_EXCHANGE_CLIENT_ID',
    description:
      'Confidential application for token exchange and introspection (identity propagation trust).',
  },
  {
    name: 'MCP_TOKEN_EXCHANGE_CLIENT_SECRET',
    description: 'Its secret, for local runs. Never logged.',
  },
  {
    name: 'MCP_TOKEN_EXCHANGE_CLIENT_SECRET_OCID',
    description: 'Deployed: the OCI Vault secret holding it, read with the function’s resource principal.',
  },
  {
    name: 'OCI_CONFIG_FILE',
    default: '~/.oci/config',
    description: 'OCI config file for the `config_file` signer.',
  },
  { name: 'OCI_CONFIG_PROFILE', default: 'DEFAULT', description: 'Profile in the OCI config file.' },
  { name: 'OCI_REGION', description: 'Default region; a tool call may name another.' },
  { name: 'OCI_ENDPOINT', description: 'One base URL for every OCI service (the local emulator).' },
  { name: 'OCI_NAMESPACE', description: 'Default Object Storage namespace; looked up once when unset.' },
  { name: 'OCI_COMPARTMENT_ID', description: 'Default compartment; the tenancy when unset.' },
  {
    name: 'OIC_INSTANCE_URL',
    description:
      'Integration group: base URL of the Oracle Integration instance, e.g. `https://design.integration.<region>.ocp.oraclecloud.com`. Never a tool argument.',
  },
  {
    name: 'OIC_INTEGRATION_INSTANCE',
    description:
      'Integration group: the `integrationInstance` query value (the service instance name; OIC 3).',
  },
  {
    name: 'OIC_TOKEN_URL',
    description:
      'Integration group: token endpoint of the identity domain, `https://<domain>/oauth2/v1/token`.',
  },
  {
    name: 'OIC_CLIENT_ID',
    description:
      'Integration group: its own confidential application (client-credentials grant); the caller’s token is never forwarded.',
  },
  {
    name: 'OIC_CLIENT_SECRET',
    description: 'Integration group: that client’s secret, for local runs. Never logged.',
  },
  {
    name: 'OIC_CLIENT_SECRET_OCID',
    description: 'Integration group, deployed: the OCI Vault secret holding that client’s secret.',
  },
  {
    name: 'OAUTH_ISSUER',
    description: 'OAuth facade: its own URL (RFC 8414 issuer), `https://<gateway host>`.',
  },
  { name: 'OAUTH_IDCS_URL', description: 'OAuth facade: the identity domain URL it relays sign-in to.' },
  { name: 'OAUTH_CLIENT_ID', description: 'OAuth facade: client id of its one confidential application.' },
  { name: 'OAUTH_CLIENT_SECRET', description: 'OAuth facade, local runs: that application’s client secret.' },
  { name: 'OAUTH_CLIENT_SECRET_OCID', description: 'OAuth facade, deployed: the Vault secret holding it.' },
  {
    name: 'OAUTH_SEALING_KEY',
    description: 'OAuth facade, local runs: the key (32+ characters) sealing its values.',
  },
  {
    name: 'OAUTH_SEALING_KEY_OCID',
    description: 'OAuth facade, deployed: the Vault secret holding that key.',
  },
  {
    name: 'OAUTH_RESOURCE',
    description: 'OAuth facade: the MCP resource URL a `resource` parameter may name.',
  },
  {
    name: 'OAUTH_SCOPES',
    description: 'OAuth facade: scopes it offers.',
    default: 'oci-mcp.read oci-mcp.write',
  },
  {
    name: 'OAUTH_REDIRECT_URIS',
    description: 'OAuth facade: exact redirect URIs of hosted clients, besides loopback.',
  },
  {
    name: 'OAUTH_CIMD_ALLOW_LOOPBACK',
    description: 'OAuth facade, local only: metadata documents over http on loopback.',
  },
  {
    name: 'OAUTH_STATE_NAMESPACE',
    description: 'OAuth facade: Object Storage namespace of its single-use markers.',
  },
  { name: 'OAUTH_STATE_BUCKET', description: 'OAuth facade: the bucket of its single-use markers.' },
  {
    name: 'OIC_SCOPE',
    description:
      'Integration group: scope to request, the instance audience plus scope, e.g. `https://<instance>.integration.<region>.ocp.oraclecloud.com:443urn:opc:resource:consumer::all`.',
  },
] as const satisfies readonly SettingSpec[]

type SettingName = (typeof SETTINGS)[number]['name']

export function setting(name: SettingName, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env[name]
  if (value !== undefined && value !== '') return value
  return (SETTINGS.find((s) => s.name === name) as SettingSpec).default
}

export function boolSetting(name: SettingName, env: NodeJS.ProcessEnv = process.env): boolean {
  const value = setting(name, env)?.toLowerCase()
  if (value === undefined) return false
  if (['true', '1', 'yes', 'on'].includes(value)) return true
  if (['false', '0', 'no', 'off'].includes(value)) return false
  throw new McpFunctionsError('ERR_CONFIG_INVALID', `${name} must be true or false, not '${value}'`)
}

export function intSetting(name: SettingName, env: NodeJS.ProcessEnv = process.env): number {
  const raw = setting(name, env)
  const value = Number(raw)
  if (!Number.isInteger(value) || value <= 0) {
    throw new McpFunctionsError('ERR_CONFIG_INVALID', `${name} must be a positive whole number, not '${raw}'`)
  }
  return value
}
