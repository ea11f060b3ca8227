// The config-file signer tells a missing file from a missing profile and from a profile the SDK cannot use.
import assert from 'node:assert/strict'
import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { isMcpFunctionsError } from './errors.ts'
import { configFileSigner } from './signer.ts'

const dir = mkdtempSync(join(tmpdir(), 'signer-'))
after(() => rmSync(dir, { recursive: true, force: true }))

const keyFile = join(dir, 'key.pem')
writeFileSync(
  keyFile,
  generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }),
)
const profile = (name: string, key = keyFile) =>
  [
    `[${name}]`,
    'user=ocid1.user.oc1..aaaa',
    'fingerprint=aa:bb',
    'tenancy=ocid1.tenancy.oc1..aaaa',
    'region=us-ashburn-1',
    `key_file=${key}`,
  ].join('\n')

function failure(env: NodeJS.ProcessEnv) {
  try {
    configFileSigner(env)
  } catch (error) {
    assert.ok(isMcpFunctionsError(error))
    return error
  }
  assert.fail('the signer loaded')
}

describe('configFileSigner', () => {
  it('names a missing file as such, with its path', () => {
    const file = join(dir, 'absent')
    const error = failure({ OCI_CONFIG_FILE: file })
    assert.equal(error.code, 'ERR_AUTH_SIGNER_UNAVAILABLE')
    assert.deepEqual(error.details, { reason: 'config_file_missing', file, profile: 'DEFAULT' })
  })

  it('names a missing profile apart from a missing file', () => {
    const file = join(dir, 'two-profiles')
    writeFileSync(file, `${profile('DEFAULT')}\n${profile('ops')}\n`)
    const error = failure({ OCI_CONFIG_FILE: file, OCI_CONFIG_PROFILE: 'prod' })
    assert.equal(error.code, 'ERR_AUTH_SIGNER_UNAVAILABLE')
    assert.deepEqual(error.details, { reason: 'profile_missing', file, profile: 'prod' })
  })

  it('says a present profile the SDK cannot use is unusable, not missing', () => {
    const file = join(dir, 'bad-key')
    writeFileSync(file, `${profile('DEFAULT', join(dir, 'no-such-key.pem'))}\n`)
    const error = failure({ OCI_CONFIG_FILE: file })
    assert.equal(error.details?.reason, 'profile_unusable')
  })

  it('loads a complete profile, chosen by OCI_CONFIG_PROFILE', () => {
    const file = join(dir, 'good')
    writeFileSync(file, `${profile('DEFAULT', join(dir, 'no-such-key.pem'))}\n${profile('ops')}\n`)
    const signer = configFileSigner({ OCI_CONFIG_FILE: file, OCI_CONFIG_PROFILE: 'ops' })
    assert.equal(signer.kind, 'config_file')
    assert.equal(signer.tenancyId, 'ocid1.tenancy.oc1..aaaa')
  })
})
