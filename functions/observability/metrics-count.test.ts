// observability_list_metrics: the footer counts what the table shows (metric names), with the streams beside.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { compartmentId } from '../../infra/local/seed.ts'
import { useEmulator } from '../../test/support/emulator.ts'
import { ok } from '../../test/support/results.ts'
import * as specs from './catalog.ts'
import { implementation } from './implementation.ts'

const { tools: obs } = useEmulator(implementation)

describe('observability_list_metrics footer', () => {
  test('the first count in the footer is the number of table rows', async () => {
    const r = await obs().call('observability_list_metrics', {
      compartment_id: compartmentId('platformprod'),
      namespace: 'oci_computeagent',
    })
    const data = ok(r, specs.listMetrics)
    const streams = (data.metrics as { name: string }[]).length
    const names = new Set((data.metrics as { name: string }[]).map((m) => m.name)).size
    assert.ok(streams > names, 'the seed has several streams per metric')
    const text = r.content[0].text
    const rows = text.split('\n').filter((l) => l.startsWith('| ')).length - 1 // less the header row
    assert.equal(rows, names)
    const counted = /(\d+) metrics? \((\d+) streams?\) shown/.exec(text)
    assert.deepEqual([Number(counted?.[1]), Number(counted?.[2])], [names, streams])
  })
})
