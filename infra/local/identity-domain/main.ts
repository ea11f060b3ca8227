// Runs the development identity domain alone:
//   tsx infra/local/identity-domain/main.ts --port 8081 --data-dir .local/data/idcs --audience oci-mcp-functions
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { startIdentityDomain } from './index.ts'
import { STATE_FILE } from './store.ts'

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '8081' },
    'data-dir': { type: 'string', default: '.local/data/idcs' },
    audience: { type: 'string', default: 'oci-mcp-functions' },
    'access-token-ttl': { type: 'string' },
    'metadata-issuer': { type: 'string', default: 'idcs' },
    // Serves /_emulator/faults (unauthenticated): for tests that run the domain in another process.
    faults: { type: 'boolean', default: false },
  },
  strict: true,
})

if (values['metadata-issuer'] !== 'idcs' && values['metadata-issuer'] !== 'domain-url') {
  console.error('--metadata-issuer must be idcs or domain-url')
  process.exit(2)
}

const log = (line: string) => console.log(`${new Date().toISOString()} identity-domain ${line}`)
const domain = await startIdentityDomain({
  host: values.host,
  port: Number(values.port),
  dataDir: values['data-dir'],
  audience: values.audience,
  accessTokenTtlSeconds: values['access-token-ttl'] ? Number(values['access-token-ttl']) : undefined,
  metadataIssuer: values['metadata-issuer'],
  faultEndpoint: values.faults,
  log,
})

// Secrets stay in the state file (mode 0600); the console only says where to find them.
log(`discovery ${domain.url}/.well-known/openid-configuration`)
log(
  `users ${domain.users.map((u) => u.userName).join(', ')}; passwords and the dev client secret are in ${join(values['data-dir'], STATE_FILE)}`,
)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    domain.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  })
}
