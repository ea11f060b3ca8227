// What only the integration catalog promises: resubmission, the monitoring prompt, integration ids.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { z } from 'zod'
import { catalog } from './catalog.ts'

test('resubmission is the one write tool, destructive, and the prompt demands human confirmation', () => {
  const write = catalog.tools.filter((t) => t.access === 'write').map((t) => t.name)
  assert.deepEqual(write, ['integration_resubmit_errored_instance'])
  const resubmit = catalog.tools.find((t) => t.access === 'write')
  assert.equal(resubmit?.annotations.destructiveHint, true)
  assert.equal(resubmit?.annotations.idempotentHint, false)
  const agent = catalog.prompts?.find((p) => p.name === 'integration_monitoring_agent')
  assert.ok(agent)
  const text = agent.render({ time_window: '6h', integration_id: 'ORDER_SYNC|01.00.0000' })
  assert.match(text, /Time window: 6h/)
  assert.match(text, /human confirmation/)
  assert.match(text, /ORDER_SYNC\|01\.00\.0000/)
  assert.match(agent.render({ time_window: "1h'; drop" }), /Time window: 1d/)
  const order = [
    'integration_get_message_summary',
    'integration_get_message_metrics',
    'integration_list_errored_instances',
    'integration_resubmit_errored_instance',
  ].map((n) => text.indexOf(n))
  assert.deepEqual(
    [...order].sort((a, b) => a - b),
    order,
  )
  assert.ok(order.every((i) => i >= 0))
})

test('integration ids are CODE|VERSION; no tool takes a URL', () => {
  const metrics = catalog.tools.find((t) => t.name === 'integration_get_message_metrics')
  assert.ok(metrics?.input.safeParse({ integration_id: 'ORDER_SYNC|01.00.0000' }).success)
  for (const bad of ['ORDER_SYNC', 'order_sync|01.00.0000', 'ORDER_SYNC|1.0', 'A|01.00.0000/../x']) {
    assert.equal(metrics?.input.safeParse({ integration_id: bad }).success, false, bad)
  }
  for (const tool of catalog.tools) {
    const props = Object.keys(
      (z.toJSONSchema(tool.input, { io: 'input' }) as { properties: object }).properties,
    )
    assert.ok(!props.some((p) => /url|host|endpoint/i.test(p)), `${tool.name} takes ${props}`)
  }
})
