// compute_instance_action against the emulator: power cycles, no-ops, refusals, and a terminated instance.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { instanceId } from '../../infra/local/seed.ts'
import { type EmulatorState, useEmulator } from '../../test/support/emulator.ts'
import { errorCode, ok } from '../../test/support/results.ts'
import * as specs from './catalog.ts'
import { implementation } from './implementation.ts'

const TERMINATED = instanceId('devbuild01')

/** The instance documents of a state file (kept at the top level or under `infra`, as the emulator stores them). */
function stateInstances(state: EmulatorState): { id: string; lifecycleState: string }[] {
  const holder = (state.infra ?? state) as { instances?: { id: string; lifecycleState: string }[] }
  assert.ok(Array.isArray(holder.instances), 'the state file holds no instances')
  return holder.instances
}

const { tools: compute } = useEmulator(implementation, {
  editState: (state) => {
    const doc = stateInstances(state).find((i) => i.id === TERMINATED)
    assert.ok(doc, 'dev-build-01 is seeded')
    doc.lifecycleState = 'TERMINATED'
  },
})

const act = (instance: string, action: string) =>
  compute().call('compute_instance_action', { instance_id: instance, action })
const stateOf = async (instance: string) =>
  ok(await compute().call('compute_get_instance', { instance_id: instance }), specs.getInstance)
    .lifecycle_state

describe('compute_instance_action', () => {
  test('STOP then START web-2: transitional states now, settled states after', async () => {
    const stop = await act(instanceId('web2'), 'STOP')
    const stopped = ok(stop, specs.instanceAction)
    assert.deepEqual(
      {
        previous: stopped.previous_state,
        now: stopped.lifecycle_state,
        changed: stopped.changed,
        name: stopped.display_name,
      },
      { previous: 'RUNNING', now: 'STOPPING', changed: true, name: 'web-2' },
    )
    assert.match(stopped.next_step as string, /compute_get_instance .* STOPPED/)
    assert.match(stop.content[0].text, /STOP sent to instance web-2/)
    assert.equal(await stateOf(instanceId('web2')), 'STOPPED')

    const started = ok(await act(instanceId('web2'), 'START'), specs.instanceAction)
    assert.equal(started.previous_state, 'STOPPED')
    assert.equal(started.lifecycle_state, 'STARTING')
    assert.equal(await stateOf(instanceId('web2')), 'RUNNING')
  })

  test('SOFTRESET of a running instance keeps it RUNNING', async () => {
    const r = ok(await act(instanceId('web1'), 'SOFTRESET'), specs.instanceAction)
    assert.equal(r.changed, true)
    assert.equal(r.lifecycle_state, 'RUNNING')
  })

  test('stopping an instance that is already stopped sends nothing', async () => {
    const r = await act(instanceId('dev1'), 'SOFTSTOP')
    const d = ok(r, specs.instanceAction)
    assert.equal(d.changed, false)
    assert.equal(d.previous_state, 'STOPPED')
    assert.equal(d.lifecycle_state, 'STOPPED')
    assert.match(r.content[0].text, /not sent: instance dev-sandbox-1 is already STOPPED/)
  })

  test('OCI’s refusal of an action in the wrong state comes back as ERR_OCI_CONFLICT', async () => {
    assert.equal(errorCode(await act(instanceId('dev1'), 'RESET')), 'ERR_OCI_CONFLICT')
    assert.equal(await stateOf(instanceId('dev1')), 'STOPPED')
  })

  test('SOFTRESET or RESET of a stopped instance suggests START, not a retry', async () => {
    for (const action of ['SOFTRESET', 'RESET']) {
      const r = await act(instanceId('dev1'), action)
      assert.equal(errorCode(r), 'ERR_OCI_CONFLICT')
      const hint = /^What to do: (.*)$/m.exec(r.content[0].text)?.[1] ?? ''
      assert.match(hint, /action START/)
      assert.doesNotMatch(hint, /retry/i)
    }
    assert.equal(await stateOf(instanceId('dev1')), 'STOPPED')
  })

  test('a terminated instance is refused with a clear message, and nothing is sent', async () => {
    const r = await act(TERMINATED, 'START')
    assert.equal(errorCode(r), 'ERR_OCI_CONFLICT')
    assert.match(r.content[0].text, /is TERMINATED; a terminated instance cannot be started/)
    assert.match(r.content[0].text, /What to do: .*launch a new instance/)
    assert.equal(await stateOf(TERMINATED), 'TERMINATED')
  })

  test('unknown instances, unknown actions and malformed OCIDs', async () => {
    assert.equal(errorCode(await act(instanceId('nosuchinstance'), 'STOP')), 'ERR_OCI_NOT_FOUND')
    assert.equal(errorCode(await act(instanceId('web1'), 'TERMINATE')), 'ERR_INPUT_INVALID')
    assert.equal(errorCode(await act('ocid1.vcn.oc1.iad.aaaa', 'STOP')), 'ERR_INPUT_INVALID')
  })
})
