// compute_get_instance when one of its VNICs cannot be read: the instance is answered, the gap is named.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { instanceId } from '../../infra/local/seed.ts'
import { type EmulatorState, useEmulator } from '../../test/support/emulator.ts'
import { ok } from '../../test/support/results.ts'
import * as specs from './catalog.ts'
import { implementation } from './implementation.ts'

const WEB1 = instanceId('web1')
type Doc = Record<string, unknown>

/** The emulator keeps its infrastructure at the top level of the state, or under `infra`. */
const infra = (state: EmulatorState) => (state.infra ?? state) as Record<string, Doc[]>

const { tools: compute } = useEmulator(implementation, {
  // web-1's VNIC disappears while its attachment stays: GetVnic answers 404.
  editState: (state) => {
    const s = infra(state)
    const attachment = s.vnicAttachments?.find((a) => a.instanceId === WEB1)
    assert.ok(attachment, 'web-1 has a VNIC attachment')
    s.vnics = (s.vnics ?? []).filter((v) => v.id !== attachment.vnicId)
  },
})

describe('compute_get_instance with an unreadable VNIC', () => {
  test('answers with the instance and names what could not be read', async () => {
    const r = await compute().call('compute_get_instance', { instance_id: WEB1 })
    const data = ok(r, specs.getInstance)
    assert.equal(data.id, WEB1)
    assert.equal(data.lifecycle_state, 'RUNNING')
    assert.deepEqual(data.vnics, [])
    const notRead = data.not_read as string[]
    assert.equal(notRead.length, 1)
    assert.match(notRead[0] as string, /ERR_OCI_NOT_FOUND/)
  })

  test('a fully read instance has no not_read', async () => {
    const data = ok(
      await compute().call('compute_get_instance', { instance_id: instanceId('web2') }),
      specs.getInstance,
    )
    assert.equal(data.not_read, undefined)
    assert.ok((data.vnics as unknown[]).length > 0)
  })
})
