// The identity tools against the OCI emulator: caller claims, tenancy, compartments (tree, paging), regions.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { compartmentId, compartments, TENANCY_ID } from '../../infra/local/seed.ts'
import { useEmulator } from '../../test/support/emulator.ts'
import { errorCode, ok } from '../../test/support/results.ts'
import { testCaller } from '../../test/support/tool-harness.ts'
import type { Caller } from '../core/caller.ts'
import { parseScopes } from '../core/scopes.ts'
import * as specs from './catalog.ts'
import { implementation } from './implementation.ts'

const auditLines: string[] = []
const emu = useEmulator(implementation, { auditSink: (line) => auditLines.push(line) })

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2VjcmV0LXNpZ25hdHVyZQ'
const EXP = 1_900_000_000

const alice: Caller = {
  claims: {
    sub: 'alice@example.com',
    uid: 'a11ce00b1a2430c9d8e7f6a5b4c3d2e0',
    user_displayname: 'Alice Operator',
    user_ocid: 'ocid1.user.oc1..aaaaaaaaalice',
    client_id: 'mcp-client',
    aud: ['https://mcp.example.com/'],
    iss: 'https://identity.oraclecloud.com/',
    jti: 'jti-1234',
    exp: EXP,
    scope: 'oci-mcp.read oci-mcp.identity.read',
  },
  scopes: parseScopes('oci-mcp.read oci-mcp.identity.read'),
  token: TOKEN,
}

const id = (caller: Caller = testCaller()) => emu.tools({}, caller)

describe('caller', () => {
  test('whoami tells the caller and the signer, and never the token', async () => {
    for (const response_format of ['markdown', 'json']) {
      const r = await id(alice).call('identity_whoami', { response_format })
      const data = ok(r, specs.whoami)
      assert.deepEqual(data.caller, {
        subject: 'alice@example.com',
        display_name: 'Alice Operator',
        user_ocid: 'ocid1.user.oc1..aaaaaaaaalice',
        client_id: 'mcp-client',
        scopes: ['oci-mcp.identity.read', 'oci-mcp.read'],
        expires_at: new Date(EXP * 1000).toISOString(),
      })
      assert.deepEqual(data.oci, { signer: 'config_file', tenancy_id: TENANCY_ID, region: 'us-ashburn-1' })
      const everything = JSON.stringify(r)
      assert.ok(!everything.includes(TOKEN), 'the token appears in the result')
      assert.ok(!everything.includes(TOKEN.split('.')[2]), 'part of the token appears in the result')
      assert.ok(!everything.includes(emu.configFile()), 'the config file path appears in the result')
    }
    assert.ok(auditLines.length > 0)
    assert.ok(!auditLines.join('\n').includes(TOKEN), 'the token appears in an audit line')
  })

  test('get_token_claims returns the listed claims only', async () => {
    const r = await id(alice).call('identity_get_token_claims', {})
    const data = ok(r, specs.getTokenClaims)
    assert.deepEqual(data, {
      sub: 'alice@example.com',
      uid: 'a11ce00b1a2430c9d8e7f6a5b4c3d2e0',
      user_displayname: 'Alice Operator',
      aud: ['https://mcp.example.com/'],
      iss: 'https://identity.oraclecloud.com/',
      jti: 'jti-1234',
      exp: EXP,
      scope: 'oci-mcp.read oci-mcp.identity.read',
      client_id: 'mcp-client',
    })
    assert.ok(!JSON.stringify(r).includes(TOKEN))
    assert.match(r.content[0].text, /jti-1234/)
  })
})

describe('tenancy and regions', () => {
  test('get_tenancy defaults to the signer’s tenancy', async () => {
    const data = ok(await id().call('identity_get_tenancy', {}), specs.getTenancy)
    assert.equal(data.id, TENANCY_ID)
    assert.equal(typeof data.name, 'string')
  })

  test('list_region_subscriptions returns the seeded regions and the home region', async () => {
    const data = ok(await id().call('identity_list_region_subscriptions', {}), specs.listRegionSubscriptions)
    const regions = data.regions as { region_name: string; is_home_region: boolean }[]
    assert.deepEqual(regions.map((r) => r.region_name).sort(), [
      'eu-frankfurt-1',
      'us-ashburn-1',
      'us-phoenix-1',
    ])
    assert.deepEqual(
      regions.filter((r) => r.is_home_region).map((r) => r.region_name),
      ['us-ashburn-1'],
    )
  })
})

describe('list_compartments', () => {
  const names = (data: Record<string, unknown>) =>
    (data.compartments as { name: string }[]).map((c) => c.name)

  test('the root’s direct children by default', async () => {
    const data = ok(await id().call('identity_list_compartments', {}), specs.listCompartments)
    assert.equal(data.parent_id, TENANCY_ID)
    assert.deepEqual(names(data).sort(), ['finance', 'platform', 'sandbox'])
  })

  test('one compartment’s children', async () => {
    const data = ok(
      await id().call('identity_list_compartments', { compartment_id: compartmentId('platform') }),
      specs.listCompartments,
    )
    assert.deepEqual(names(data).sort(), ['dev', 'prod'])
  })

  test('subtree lists every compartment, drawn as a tree', async () => {
    const r = await id().call('identity_list_compartments', { subtree: true })
    const data = ok(r, specs.listCompartments)
    assert.deepEqual(names(data).sort(), compartments.map((c) => c.name).sort())
    const text = r.content[0].text
    assert.match(text, /^- \*\*platform\*\*/m)
    assert.match(text, /^ {2}- \*\*prod\*\*/m)
    assert.match(text, /^ {2}- \*\*dev\*\*/m)
    assert.match(text, /^- \*\*finance\*\*/m)
    assert.ok(text.indexOf('**platform**') < text.indexOf('**prod**'))
  })

  test('compartment_id_in_subtree is the option’s name; subtree stays as its deprecated alias', async () => {
    const named = ok(
      await id().call('identity_list_compartments', { compartment_id_in_subtree: true }),
      specs.listCompartments,
    )
    assert.deepEqual(names(named).sort(), compartments.map((c) => c.name).sort())
    assert.equal(named.compartment_id_in_subtree, true)
    const alias = ok(await id().call('identity_list_compartments', { subtree: true }), specs.listCompartments)
    assert.deepEqual(names(alias).sort(), names(named).sort())
    assert.equal(alias.compartment_id_in_subtree, true)
    const oneLevel = ok(await id().call('identity_list_compartments', {}), specs.listCompartments)
    assert.equal(oneLevel.compartment_id_in_subtree, false)
    assert.equal(
      errorCode(
        await id().call('identity_list_compartments', {
          compartment_id: compartmentId('platform'),
          compartment_id_in_subtree: true,
        }),
      ),
      'ERR_INPUT_INVALID',
    )
  })

  test('pages through the subtree with cursors', async () => {
    const seen: string[] = []
    let cursor: string | undefined
    let pages = 0
    do {
      const data = ok(
        await id().call('identity_list_compartments', { subtree: true, limit: 2, cursor }),
        specs.listCompartments,
      )
      pages += 1
      assert.ok((data.compartments as unknown[]).length <= 2)
      seen.push(...(data.compartments as { id: string }[]).map((c) => c.id))
      cursor = data.next_cursor as string | undefined
    } while (cursor && pages < 10)
    assert.equal(pages, 3)
    assert.equal(new Set(seen).size, compartments.length)
  })

  test('subtree from a non-root compartment and bad OCIDs are input errors', async () => {
    assert.equal(
      errorCode(
        await id().call('identity_list_compartments', {
          compartment_id: compartmentId('platform'),
          subtree: true,
        }),
      ),
      'ERR_INPUT_INVALID',
    )
    assert.equal(
      errorCode(await id().call('identity_list_compartments', { compartment_id: 'not-an-ocid' })),
      'ERR_INPUT_INVALID',
    )
    assert.equal(
      errorCode(await id().call('identity_list_compartments', { lifecycle_state: 'GONE' })),
      'ERR_INPUT_INVALID',
    )
  })

  test('lifecycle filter', async () => {
    const deleted = ok(
      await id().call('identity_list_compartments', { subtree: true, lifecycle_state: 'DELETED' }),
      specs.listCompartments,
    )
    assert.deepEqual(deleted.compartments, [])
    const any = ok(
      await id().call('identity_list_compartments', { subtree: true, lifecycle_state: 'ANY' }),
      specs.listCompartments,
    )
    assert.equal((any.compartments as unknown[]).length, compartments.length)
  })

  test('identity tools are all read-only and visible without mutations', () => {
    const h = emu.tools({ MCP_ENABLE_MUTATIONS: 'false' }, testCaller('oci-mcp.identity.read'))
    assert.deepEqual(
      h.list().map((t) => t.name),
      specs.catalog.tools.map((t) => t.name),
    )
    for (const t of specs.catalog.tools) {
      assert.equal(t.access, 'read')
      assert.equal(t.annotations.readOnlyHint, true)
    }
  })
})
