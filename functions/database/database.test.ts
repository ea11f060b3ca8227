// The database tools against the OCI emulator: Autonomous Databases (list, get, start, stop), DB systems, backups.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { ids } from '../../infra/local/oci-emulator/seed-infra.ts'
import { compartmentId } from '../../infra/local/seed.ts'
import { useEmulator } from '../../test/support/emulator.ts'
import { errorCode, ok } from '../../test/support/results.ts'
import { testCaller } from '../../test/support/tool-harness.ts'
import * as specs from './catalog.ts'
import { implementation } from './implementation.ts'

const { tools: db } = useEmulator(implementation)

const ORDERS = ids.autonomousDatabase('ordersatp')
const DEV = ids.autonomousDatabase('devatp')
const SALES = ids.autonomousDatabase('salesadw')
const UNKNOWN_ADB = `ocid1.autonomousdatabase.oc1.iad.${'aaaaaaaanosuchdb'.padEnd(60, 'x')}`

type Row = Record<string, unknown>
const names = (rows: unknown) => (rows as Row[]).map((r) => r.display_name)

describe('list_autonomous_databases', () => {
  test('one compartment, with state, workload, compute and storage', async () => {
    const r = await db().call('database_list_autonomous_databases', {
      compartment_id: compartmentId('platformprod'),
    })
    const data = ok(r, specs.listAutonomousDatabases)
    const [orders] = data.autonomous_databases as Row[]
    assert.deepEqual(names(data.autonomous_databases), ['orders-atp'])
    assert.equal(orders.id, ORDERS)
    assert.equal(orders.lifecycle_state, 'AVAILABLE')
    assert.equal(orders.workload, 'OLTP')
    assert.equal(orders.compute_count, 1)
    assert.equal(orders.data_storage_tbs, 1)
    assert.equal(data.next_cursor, undefined)
    assert.match(r.content[0].text, /\| orders-atp \| AVAILABLE \| OLTP \|/)
  })

  test('OCI_COMPARTMENT_ID is the default; state and workload filter', async () => {
    const dev = ok(
      await db({ OCI_COMPARTMENT_ID: compartmentId('platformdev') }).call(
        'database_list_autonomous_databases',
      ),
      specs.listAutonomousDatabases,
    )
    assert.deepEqual(names(dev.autonomous_databases), ['dev-atp'])
    const finance = { compartment_id: compartmentId('finance') }
    const dw = ok(
      await db().call('database_list_autonomous_databases', { ...finance, workload: 'DW' }),
      specs.listAutonomousDatabases,
    )
    assert.deepEqual(names(dw.autonomous_databases), ['sales-adw'])
    const none = ok(
      await db().call('database_list_autonomous_databases', { ...finance, workload: 'OLTP' }),
      specs.listAutonomousDatabases,
    )
    assert.deepEqual(none.autonomous_databases, [])
    const stopped = ok(
      await db().call('database_list_autonomous_databases', { ...finance, lifecycle_state: 'STOPPED' }),
      specs.listAutonomousDatabases,
    )
    assert.deepEqual(stopped.autonomous_databases, [])
  })

  test('bad filters are input errors', async () => {
    for (const args of [
      { workload: 'OLAP' },
      { lifecycle_state: 'RUNNING' },
      { compartment_id: 'finance' },
    ]) {
      assert.equal(
        errorCode(await db().call('database_list_autonomous_databases', args)),
        'ERR_INPUT_INVALID',
      )
    }
  })
})

describe('get_autonomous_database', () => {
  test('the stressed orders-atp: storage 91 % used, names of connection strings only', async () => {
    const r = await db().call('database_get_autonomous_database', { autonomous_database_id: ORDERS })
    const data = ok(r, specs.getAutonomousDatabase)
    assert.equal(data.display_name, 'orders-atp')
    assert.equal(data.db_name, 'ORDERSATP')
    assert.equal(data.storage_used_percent, 91)
    assert.equal(data.network_access, 'public')
    assert.equal(data.backup_retention_days, 60)
    assert.equal(data.is_mtls_connection_required, true)
    assert.deepEqual([...(data.connection_string_names as string[])].sort(), ['high', 'low', 'medium'])
    // Names, never the connection strings themselves, URLs or anything wallet-like.
    const everything = JSON.stringify(r)
    for (const leak of ['oraclecloud.com', ':1522/', 'ords', 'wallet', 'password']) {
      assert.ok(!everything.toLowerCase().includes(leak), `${leak} appears in the result`)
    }
    assert.match(r.content[0].text, /91% used/)
  })

  test('unknown and malformed OCIDs', async () => {
    const missing = await db().call('database_get_autonomous_database', {
      autonomous_database_id: UNKNOWN_ADB,
    })
    assert.equal(errorCode(missing), 'ERR_OCI_NOT_FOUND')
    for (const bad of ['ocid1.instance.oc1.iad.abc', 'orders-atp', '']) {
      assert.equal(
        errorCode(await db().call('database_get_autonomous_database', { autonomous_database_id: bad })),
        'ERR_INPUT_INVALID',
      )
    }
  })
})

describe('start and stop', () => {
  test('start a STOPPED database: STARTING now, AVAILABLE later; starting again changes nothing', async () => {
    const h = db()
    const started = ok(
      await h.call('database_start_autonomous_database', { autonomous_database_id: DEV }),
      specs.startAutonomousDatabase,
    )
    assert.equal(started.previous_state, 'STOPPED')
    assert.equal(started.lifecycle_state, 'STARTING')
    assert.equal(started.changed, true)
    assert.equal(started.target_state, 'AVAILABLE')
    assert.match(started.work_request_id as string, /^ocid1\./)
    assert.match(started.message as string, /few minutes/)
    const now = ok(
      await h.call('database_get_autonomous_database', { autonomous_database_id: DEV }),
      specs.getAutonomousDatabase,
    )
    assert.equal(now.lifecycle_state, 'AVAILABLE')
    const again = await h.call('database_start_autonomous_database', { autonomous_database_id: DEV })
    const same = ok(again, specs.startAutonomousDatabase)
    assert.equal(same.changed, false)
    assert.equal(same.lifecycle_state, 'AVAILABLE')
    assert.match(again.content[0].text, /already AVAILABLE; nothing was changed/)
  })

  test('stop an AVAILABLE database, then stopping again changes nothing', async () => {
    const h = db()
    const stopped = ok(
      await h.call('database_stop_autonomous_database', { autonomous_database_id: DEV }),
      specs.stopAutonomousDatabase,
    )
    assert.equal(stopped.previous_state, 'AVAILABLE')
    assert.equal(stopped.lifecycle_state, 'STOPPING')
    assert.equal(stopped.changed, true)
    const again = ok(
      await h.call('database_stop_autonomous_database', { autonomous_database_id: DEV }),
      specs.stopAutonomousDatabase,
    )
    assert.equal(again.changed, false)
    assert.equal(again.lifecycle_state, 'STOPPED')
  })

  test('unknown database is not found; mutations off hide and refuse both tools', async () => {
    assert.equal(
      errorCode(
        await db().call('database_stop_autonomous_database', { autonomous_database_id: UNKNOWN_ADB }),
      ),
      'ERR_OCI_NOT_FOUND',
    )
    const off = db({ MCP_ENABLE_MUTATIONS: 'false' })
    const listed = off.list().map((t) => t.name)
    assert.ok(!listed.includes('database_start_autonomous_database'))
    assert.ok(!listed.includes('database_stop_autonomous_database'))
    assert.ok(listed.includes('database_get_autonomous_database'))
    for (const name of ['database_start_autonomous_database', 'database_stop_autonomous_database']) {
      assert.equal(
        errorCode(await off.call(name, { autonomous_database_id: ORDERS })),
        'ERR_MUTATIONS_DISABLED',
      )
    }
    const still = ok(
      await off.call('database_get_autonomous_database', { autonomous_database_id: ORDERS }),
      specs.getAutonomousDatabase,
    )
    assert.equal(still.lifecycle_state, 'AVAILABLE')
  })

  test('a read-only token sees no write tools', () => {
    const reader = db({}, testCaller('oci-mcp.database.read'))
    const listed = reader.list().map((t) => t.name)
    assert.deepEqual(
      listed,
      specs.catalog.tools.filter((t) => t.access === 'read').map((t) => t.name),
    )
  })
})

describe('DB systems and backups', () => {
  test('list_db_systems in finance', async () => {
    const data = ok(
      await db().call('database_list_db_systems', { compartment_id: compartmentId('finance') }),
      specs.listDbSystems,
    )
    const [dbcs] = data.db_systems as Row[]
    assert.deepEqual(names(data.db_systems), ['finance-dbcs'])
    assert.equal(dbcs.shape, 'VM.Standard2.2')
    assert.equal(dbcs.database_edition, 'ENTERPRISE_EDITION')
    assert.equal(dbcs.data_storage_gbs, 256)
  })

  test('one Autonomous Database’s backups, newest first', async () => {
    const data = ok(
      await db().call('database_list_backups', { autonomous_database_id: SALES }),
      specs.listBackups,
    )
    const backups = data.backups as Row[]
    assert.equal(data.scope, SALES)
    assert.equal(backups.length, 7)
    assert.ok(
      backups.every((b) => b.kind === 'autonomous' && b.database_id === SALES && b.is_automatic === true),
    )
    const started = backups.map((b) => b.time_started as string)
    assert.deepEqual(started, [...started].sort().reverse())
    assert.equal(backups.filter((b) => b.type === 'FULL').length, 1)
  })

  test('a compartment pages through both families with one cursor, without duplicates', async () => {
    const seen: Row[] = []
    let cursor: string | undefined
    let pages = 0
    do {
      const data = ok(
        await db().call('database_list_backups', {
          compartment_id: compartmentId('finance'),
          limit: 5,
          cursor,
        }),
        specs.listBackups,
      )
      assert.ok((data.backups as Row[]).length <= 5)
      seen.push(...(data.backups as Row[]))
      cursor = data.next_cursor as string | undefined
      pages += 1
    } while (cursor && pages < 10)
    assert.equal(seen.length, 14)
    assert.equal(new Set(seen.map((b) => b.id)).size, 14)
    assert.deepEqual(
      seen.map((b) => b.kind),
      [...Array(7).fill('autonomous'), ...Array(7).fill('db_system')],
    )
    assert.ok(pages >= 3)
    const dbcs = seen.filter((b) => b.kind === 'db_system')
    assert.ok(dbcs.every((b) => b.database_id === ids.database && b.retention_days === 30))
  })

  test('kind narrows; database_id lists DB system backups; contradictions are input errors', async () => {
    const only = ok(
      await db().call('database_list_backups', {
        compartment_id: compartmentId('finance'),
        kind: 'db_system',
      }),
      specs.listBackups,
    )
    assert.ok((only.backups as Row[]).every((b) => b.kind === 'db_system'))
    const byDb = ok(
      await db().call('database_list_backups', { database_id: ids.database }),
      specs.listBackups,
    )
    assert.equal((byDb.backups as Row[]).length, 7)
    for (const args of [
      { autonomous_database_id: SALES, database_id: ids.database },
      { autonomous_database_id: SALES, kind: 'db_system' },
      { database_id: ids.database, kind: 'autonomous' },
    ]) {
      assert.equal(errorCode(await db().call('database_list_backups', args)), 'ERR_INPUT_INVALID')
    }
    assert.equal(
      errorCode(
        await db().call('database_list_backups', { compartment_id: compartmentId('finance'), cursor: 'x' }),
      ),
      'ERR_INPUT_CURSOR',
    )
  })
})
