// Runs the Oracle Integration stand-in on its own:
//   tsx infra/local/oic/main.ts --jwks-url http://127.0.0.1:8081/admin/v1/SigningCert/jwk --audience https://oic.local.example:443
import { parseArgs } from 'node:util'
import { startOicStandIn } from './index.ts'

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '8083' },
    'jwks-url': { type: 'string' },
    issuer: { type: 'string', default: 'https://identity.oraclecloud.com/' },
    audience: { type: 'string', default: 'https://oic.local.example:443' },
    instance: { type: 'string', default: 'oic-local-instance' },
    'data-dir': { type: 'string', default: '.local/data/oic' },
  },
})

if (!values['jwks-url']) {
  console.error('--jwks-url is required: the identity domain JWKS that signs the tokens')
  process.exit(2)
}

const oic = await startOicStandIn({
  host: values.host,
  port: Number(values.port),
  tokenIssuer: { jwksUrl: values['jwks-url'], issuer: values.issuer, audience: values.audience as string },
  integrationInstance: values.instance,
  dataDir: values['data-dir'],
  log: (line) => console.log(line),
})
console.log(`integrationInstance=${oic.integrationInstance}`)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void oic.close().then(() => process.exit(0))
  })
}
