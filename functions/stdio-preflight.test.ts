// The start warnings of --stdio: an unloadable signer, and the emulator's operator aimed at real OCI.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { TENANCY_ID } from '../infra/local/seed.ts'
import { EMULATOR_TENANCY, stdioWarnings } from './stdio-preflight.ts'

const dir = mkdtempSync(join(tmpdir(), 'preflight-'))
after(() => rmSync(dir, { recursive: true, force: true }))

const config = (tenancy: string) => {
  const file = join(dir, `config-${tenancy.length}-${Math.random()}`)
  writeFileSync(file, `[DEFAULT]\ntenancy=${tenancy}\nuser=ocid1.user.oc1..a\n`)
  return file
}

describe('stdioWarnings', () => {
  it('recognises the seeded tenancy of the emulator', () => {
    assert.match(TENANCY_ID, EMULATOR_TENANCY)
    assert.doesNotMatch('ocid1.tenancy.oc1..aaaaaaaarealtenancy', EMULATOR_TENANCY)
  })

  it('warns with the signer failure when the config file is missing', () => {
    const warnings = stdioWarnings({ OCI_CONFIG_FILE: join(dir, 'absent') })
    assert.deepEqual(
      warnings.map((w) => [w.code, w.reason]),
      [['ERR_AUTH_SIGNER_UNAVAILABLE', 'config_file_missing']],
    )
  })

  it('warns when the emulator operator has no endpoint, and not once one is set', () => {
    const file = config(TENANCY_ID)
    const reasons = (env: NodeJS.ProcessEnv) => stdioWarnings(env).map((w) => w.reason)
    assert.ok(reasons({ OCI_CONFIG_FILE: file }).includes('emulator_config_without_endpoint'))
    assert.ok(
      !reasons({ OCI_CONFIG_FILE: file, OCI_ENDPOINT: 'http://127.0.0.1:8082' }).includes(
        'emulator_config_without_endpoint',
      ),
    )
    assert.ok(
      !reasons({ OCI_CONFIG_FILE: config('ocid1.tenancy.oc1..aaaaaaaareal') }).includes(
        'emulator_config_without_endpoint',
      ),
    )
  })
})
