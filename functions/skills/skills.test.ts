// Skills against the seeded emulator: the unhealthy instance and database are found unhealthy, with evidence.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ids } from '../../infra/local/oci-emulator/seed-infra.ts'
import { costSpike, instanceId } from '../../infra/local/seed.ts'
import { useEmulator } from '../../test/support/emulator.ts'
import { resultText } from '../../test/support/results.ts'
import { costReport, troubleshootAutonomousDatabase, troubleshootInstance } from './catalog.ts'
import { implementation } from './implementation.ts'

const emu = useEmulator(implementation)
type Evidence = { check: string; status: string; detail: string }

async function run(name: string, args: Record<string, unknown>) {
  const r = await emu.tools().call(name, args)
  assert.notEqual(r.isError, true, resultText(r))
  const spec = name === troubleshootInstance.name ? troubleshootInstance : troubleshootAutonomousDatabase
  const data = spec.output.parse(r.structuredContent) as {
    verdict: string
    evidence: Evidence[]
    next_steps: string[]
  }
  return { data, text: resultText(r) }
}
const statusOf = (evidence: Evidence[], check: string) =>
  evidence.filter((e) => e.check === check).map((e) => e.status)

describe('skills_troubleshoot_instance', () => {
  it('finds batch-worker-1 unhealthy: saturated CPU, a firing alarm, SSH open to the internet', async () => {
    const { data, text } = await run('skills_troubleshoot_instance', { instance_id: instanceId('batch1') })
    assert.equal(data.verdict, 'unhealthy')
    assert.deepEqual(statusOf(data.evidence, 'CPU utilization'), ['fail'])
    assert.deepEqual(statusOf(data.evidence, 'Alarms'), ['fail'])
    assert.ok(
      data.evidence.some(
        (e) => e.check === 'Internet exposure' && e.status === 'fail' && /\b22\b/.test(e.detail),
      ),
      'port 22 finding',
    )
    assert.ok(data.next_steps.length >= 2, 'next steps given')
    assert.match(text, /^## Instance batch-worker-1: UNHEALTHY/)
  })

  it('finds the private database host healthy and the stopped sandbox stopped', async () => {
    const healthy = await run('skills_troubleshoot_instance', { instance_id: instanceId('db1') })
    assert.equal(healthy.data.verdict, 'healthy', JSON.stringify(healthy.data.evidence))
    const stopped = await run('skills_troubleshoot_instance', { instance_id: instanceId('dev1') })
    assert.equal(stopped.data.verdict, 'stopped')
  })

  it('answers an unknown instance with OCI’s not-found, as a tool error', async () => {
    const r = await emu.tools().call('skills_troubleshoot_instance', { instance_id: instanceId('nope') })
    assert.equal(r.isError, true)
    assert.match(resultText(r), /ERR_OCI_NOT_FOUND/)
  })
})

describe('skills_troubleshoot_autonomous_database', () => {
  it('finds orders-atp unhealthy (storage, CPU) and sales-adw healthy', async () => {
    const orders = await run('skills_troubleshoot_autonomous_database', {
      autonomous_database_id: ids.autonomousDatabase('ordersatp'),
    })
    assert.equal(orders.data.verdict, 'unhealthy')
    assert.ok(
      orders.data.evidence.some((e) => e.check.startsWith('Storage') && e.status === 'fail'),
      'storage evidence',
    )
    const sales = await run('skills_troubleshoot_autonomous_database', {
      autonomous_database_id: ids.autonomousDatabase('salesadw'),
    })
    assert.equal(sales.data.verdict, 'healthy', JSON.stringify(sales.data.evidence))
  })
})

describe('skills_cost_report', () => {
  const report = async (args: Record<string, unknown>) => {
    const r = await emu.tools().call('skills_cost_report', args)
    assert.notEqual(r.isError, true, resultText(r))
    return costReport.output.parse(r.structuredContent)
  }

  it('reports the tenancy with the seeded Compute spike first among the highlights', async () => {
    const data = await report({})
    assert.equal(data.scope, 'tenancy')
    assert.ok(
      data.total > 0 && data.by_service.length > 0 && data.by_compartment.length > 0,
      'rankings filled',
    )
    const spike = data.anomalies.find((a) => a.service === costSpike.service)
    assert.ok(spike, 'the spike is an anomaly')
    assert.equal(data.highlights[0], spike.explanation)
  })

  it('narrows to a compartment subtree by path, and says when a path has no cost', async () => {
    const all = await report({})
    const prod = await report({ compartment: 'platform/prod' })
    assert.ok(
      prod.by_compartment.length > 0 &&
        prod.by_compartment.every((c) => /\/platform\/prod(\/|$)/.test(`/${c.name}`)),
    )
    assert.ok(prod.total > 0 && prod.total < all.total, 'a part of the whole')
    assert.ok(
      prod.anomalies.some((a) => a.service === costSpike.service),
      'the spike is in platform/prod',
    )
    const none = await report({ compartment: 'no/such/place' })
    assert.equal(none.total, 0)
    assert.match(none.highlights[0], /No cost was recorded/)
  })
})
