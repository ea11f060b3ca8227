// `npm start -- --oci-config`: the stack signs with a config-file profile instead of exchanging tokens. A real
// tenancy is out of reach here, so the profile is the emulator's operator key and its endpoint is configured.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { type OciEmulator, startOciEmulator } from '../../infra/local/oci-emulator/index.ts'
import { operator } from '../../infra/local/seed.ts'
import { testStack } from '../support/stack.ts'

const dataDir = mkdtempSync(join(tmpdir(), 'oci-config-'))
let emulator: OciEmulator
let env: Awaited<ReturnType<typeof testStack>>

before(async () => {
  emulator = await startOciEmulator({ port: 0, dataDir })
  env = await testStack({
    ociConfig: { file: emulator.operatorConfigFile, profile: 'DEFAULT', region: 'us-ashburn-1' },
    functionEnv: { OCI_ENDPOINT: emulator.url },
  })
})
after(async () => {
  await env?.close()
  await emulator?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('--oci-config', () => {
  it('starts without an emulator, read-only by default, and signs as the profile’s user', async () => {
    assert.equal(env.info.ociEndpoint, null)
    assert.equal(env.info.mutationsEnabled, false)
    assert.equal(env.info.identityMode, 'config_file')
    const client = await env.connect(await env.userToken('bob@example.com'))
    try {
      const who = (await client.callTool({ name: 'identity_whoami', arguments: {} })) as {
        structuredContent?: { oci?: { signer?: string } }
      }
      assert.equal(who.structuredContent?.oci?.signer, 'config_file')
      // bob may not read platform-config himself, but the profile's user (the operator) may: that is what this mode means.
      const list = (await client.callTool({
        name: 'objectstorage_list_objects',
        arguments: { bucket: 'platform-config' },
      })) as { isError?: boolean }
      assert.notEqual(list.isError, true)
      const metrics = await (await fetch(`${emulator.url}/metrics`)).text()
      assert.match(
        metrics,
        new RegExp(`oci_emulator_requests_total\\{principal="${operator.ocid}",operation="ListObjects"`),
      )
    } finally {
      await client.close()
    }
  })
})
