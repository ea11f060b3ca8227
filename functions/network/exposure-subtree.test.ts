// network_analyze_exposure at the tenancy root: the empty root points at its sub-compartments, the subtree
// option finds what they hold; a failed read is worded by its failure, not blamed on permissions.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import * as seed from '../../infra/local/seed.ts'
import { useEmulator } from '../../test/support/emulator.ts'
import { ok } from '../../test/support/results.ts'
import { McpFunctionsError } from '../core/errors.ts'
import { failureWords } from './analyze-exposure.ts'
import * as specs from './catalog.ts'
import { implementation } from './implementation.ts'

const { tools: network } = useEmulator(implementation)
type Counts = Record<'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW', number>

describe('network_analyze_exposure beyond one compartment', () => {
  test('with no finding at the root, where_to_look names the sub-compartments', async () => {
    const data = ok(await network().call('network_analyze_exposure', {}), specs.analyzeExposure)
    assert.deepEqual(data.findings, [])
    const where = data.where_to_look as {
      sub_compartments: { id: string }[]
      compartment_id_in_subtree: boolean
    }
    assert.ok(where.sub_compartments.some((c) => c.id === seed.compartmentId('platform')))
    assert.equal(where.compartment_id_in_subtree, true)
  })

  test('compartment_id_in_subtree finds at least what platform alone holds', async () => {
    const platform = ok(
      await network().call('network_analyze_exposure', { compartment_id: seed.compartmentId('platform') }),
      specs.analyzeExposure,
    )
    const all = ok(
      await network().call('network_analyze_exposure', { compartment_id_in_subtree: true }),
      specs.analyzeExposure,
    )
    const p = platform.counts as Counts
    const a = all.counts as Counts
    assert.ok(p.CRITICAL >= 1 && p.HIGH >= 2, 'the seed has findings in platform')
    assert.ok(a.CRITICAL >= p.CRITICAL && a.HIGH >= p.HIGH)
    assert.equal(all.compartments_checked, seed.compartments.length + 1)
    assert.equal(all.where_to_look, undefined)
  })
})

describe('failureWords', () => {
  const failure = (code: 'ERR_OCI_NOT_FOUND' | 'ERR_OCI_SERVICE', serviceCode: string, status: number) =>
    new McpFunctionsError(code, 'x', { details: { serviceCode, status } })

  test('a permission is named only for NotAuthorizedOrNotFound', () => {
    const permission = 'read network-security-groups'
    assert.ok(
      failureWords(failure('ERR_OCI_NOT_FOUND', 'NotAuthorizedOrNotFound', 404), permission).includes(
        permission,
      ),
    )
    for (const other of [
      failure('ERR_OCI_NOT_FOUND', 'NotFound', 404),
      failure('ERR_OCI_SERVICE', 'InternalError', 500),
    ]) {
      const words = failureWords(other, permission)
      assert.ok(!words.includes(permission), words)
      assert.ok(words.includes(String(other.details?.serviceCode)), words)
    }
  })
})
