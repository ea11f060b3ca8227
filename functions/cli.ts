// `oci-mcp-functions --stdio`: the MCP server over stdio, signing with an OCI config-file profile.
import { userInfo } from 'node:os'
import { parseArgs } from 'node:util'
import { serveStdio } from './stdio.ts'
import { formatWarning, stdioWarnings } from './stdio-preflight.ts'

const USAGE = `Usage: oci-mcp-functions --stdio [options]
  --config <file>       OCI config file (default ~/.oci/config, or OCI_CONFIG_FILE)
  --profile <name>      profile in it (default DEFAULT, or OCI_CONFIG_PROFILE)
  --region <region>     default region (default: the profile's)
  --oci-endpoint <url>  one base URL for every OCI service, e.g. the local emulator (or OCI_ENDPOINT)
  --enable-mutations    allow tools that change resources (off by default)
  -h, --help            this text`

const { values } = parseArgs({
  options: {
    stdio: { type: 'boolean' },
    config: { type: 'string' },
    profile: { type: 'string' },
    region: { type: 'string' },
    'oci-endpoint': { type: 'string' },
    'enable-mutations': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
})

if (values.help || !values.stdio) {
  console.error(USAGE)
  process.exit(values.help ? 0 : 2)
}

const env: NodeJS.ProcessEnv = {
  ...process.env,
  OCI_AUTH: 'config_file',
  ...(values.config ? { OCI_CONFIG_FILE: values.config } : {}),
  ...(values.profile ? { OCI_CONFIG_PROFILE: values.profile } : {}),
  ...(values.region ? { OCI_REGION: values.region } : {}),
  ...(values['oci-endpoint'] ? { OCI_ENDPOINT: values['oci-endpoint'] } : {}),
  MCP_ENABLE_MUTATIONS: values['enable-mutations'] ? 'true' : (process.env.MCP_ENABLE_MUTATIONS ?? 'false'),
}

// Served all the same: the client shows the server's tools, and each call's error says what to fix.
for (const warning of stdioWarnings(env)) console.error(formatWarning(warning))

await serveStdio({ env, principal: `local:${userInfo().username}`, scopes: 'oci-mcp.read oci-mcp.write' })
