// Runs the OCI emulator on its own: tsx infra/local/oci-emulator/main.ts --port 8082 --data-dir .local/data/oci
import { parseArgs } from 'node:util'
import { startOciEmulator } from './index.ts'

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '8082' },
    'data-dir': { type: 'string', default: '.local/data/oci' },
    'session-token-jwks-url': { type: 'string' },
    'clock-skew-seconds': { type: 'string', default: '300' },
    // Serves /_emulator/faults (unauthenticated): for tests that run the emulator in another process.
    faults: { type: 'boolean', default: false },
  },
})

const emulator = await startOciEmulator({
  host: values.host,
  port: Number(values.port),
  dataDir: values['data-dir']!,
  sessionTokenJwksUrl: values['session-token-jwks-url'],
  clockSkewSeconds: Number(values['clock-skew-seconds']),
  faultEndpoint: values.faults,
  log: (line) => console.log(line),
})
console.log(`operator OCI config: ${emulator.operatorConfigFile}`)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void emulator.close().then(() => process.exit(0))
  })
}
