// What only the cost catalog promises: read-only tools, anomaly statistics.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { catalog } from './catalog.ts'

test('the cost tools are read-only, and anomaly detection explains its statistic in its description', () => {
  assert.ok(catalog.tools.every((t) => t.access === 'read'))
  const detect = catalog.tools.find((t) => t.name === 'cost_detect_anomalies')
  assert.match(detect?.description ?? '', /0\.6745/)
  assert.match(detect?.description ?? '', /MAD/)
  assert.deepEqual(
    catalog.prompts?.map((p) => p.name),
    ['cost_review_guide'],
  )
})
