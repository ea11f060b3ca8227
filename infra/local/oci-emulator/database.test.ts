// Database through the real DatabaseClient: Autonomous Databases with start/stop, their backups, the DB system and its backups.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import * as database from 'oci-database'
import { autonomousDatabases, compartmentId } from '../seed.ts'
import { ids } from './seed-infra.ts'
import { ociError, operatorProvider, sdkClient, startTestEmulator, type TestEmulator } from './testing.ts'

let emulator: TestEmulator
let db: database.DatabaseClient

before(async () => {
  emulator = await startTestEmulator()
  db = sdkClient(database.DatabaseClient, emulator.url, operatorProvider(emulator))
})
after(() => emulator.dispose())

const seeded = (slug: string) => autonomousDatabases.find((a) => a.slug === slug)!

describe('autonomous databases', () => {
  it('lists the seeded databases of each compartment with their state, workload and size', async () => {
    for (const a of autonomousDatabases) {
      const res = await db.listAutonomousDatabases({ compartmentId: a.compartmentId })
      const found = res.items.find((x) => x.displayName === a.displayName)!
      assert.equal(found.id, ids.autonomousDatabase(a.slug))
      assert.equal(found.dbName, a.dbName)
      assert.equal(found.lifecycleState, a.state)
      assert.equal(found.dbWorkload, a.workload)
      assert.equal(found.cpuCoreCount, a.cpuCoreCount)
      assert.equal(found.dataStorageSizeInTBs, a.storageTbs)
    }
    const dw = await db.listAutonomousDatabases({
      compartmentId: compartmentId('finance'),
      dbWorkload: database.models.AutonomousDatabaseSummary.DbWorkload.Dw,
    })
    assert.deepEqual(
      dw.items.map((x) => x.displayName),
      ['sales-adw'],
    )
    const byName = await db.listAutonomousDatabases({
      compartmentId: compartmentId('platformprod'),
      displayName: 'ORDERS-ATP',
    })
    assert.equal(byName.items.length, 1, 'the Database service matches display names case-insensitively')
  })

  it('shows the stressed database nearly full', async () => {
    const res = await db.getAutonomousDatabase({ autonomousDatabaseId: ids.autonomousDatabase('ordersatp') })
    const adb = res.autonomousDatabase
    assert.ok(res.etag)
    assert.ok(adb.usedDataStorageSizeInGBs! / adb.dataStorageSizeInGBs! > 0.9)
    assert.ok(adb.connectionStrings?.high?.includes('ordersatp_high'))
  })

  it('stops and starts with STOPPING/STARTING answers, and refuses a database already in that state with 409', async () => {
    const id = ids.autonomousDatabase('ordersatp')
    const stop = await db.stopAutonomousDatabase({ autonomousDatabaseId: id })
    assert.equal(stop.autonomousDatabase.lifecycleState, 'STOPPING')
    assert.match(stop.opcWorkRequestId, /^ocid1\.coreservicesworkrequest\./)
    const stopped = await db.getAutonomousDatabase({ autonomousDatabaseId: id })
    assert.equal(stopped.autonomousDatabase.lifecycleState, 'STOPPED')
    const twice = await ociError(db.stopAutonomousDatabase({ autonomousDatabaseId: id }))
    assert.equal(twice.statusCode, 409)
    assert.equal(twice.serviceCode, 'IncorrectState')
    const start = await db.startAutonomousDatabase({ autonomousDatabaseId: id })
    assert.equal(start.autonomousDatabase.lifecycleState, 'STARTING')
    const listed = await db.listAutonomousDatabases({
      compartmentId: compartmentId('platformprod'),
      lifecycleState: database.models.AutonomousDatabaseSummary.LifecycleState.Available,
    })
    assert.deepEqual(
      listed.items.map((x) => x.id),
      [id],
    )
    const startTwice = await ociError(db.startAutonomousDatabase({ autonomousDatabaseId: id }))
    assert.equal(startTwice.serviceCode, 'IncorrectState')
    const devAtp = ids.autonomousDatabase('devatp')
    const stale = await ociError(
      db.startAutonomousDatabase({ autonomousDatabaseId: devAtp, ifMatch: 'nope' }),
    )
    assert.equal(stale.statusCode, 412)
    assert.equal(seeded('devatp').state, 'STOPPED')
  })

  it('validates parameters and hides unknown databases', async () => {
    const missing = await ociError(
      db.listAutonomousDatabases({} as database.requests.ListAutonomousDatabasesRequest),
    )
    assert.equal(missing.statusCode, 400)
    assert.equal(missing.serviceCode, 'MissingParameter')
    const badState = await ociError(
      db.listAutonomousDatabases({
        compartmentId: compartmentId('finance'),
        lifecycleState: 'NAPPING' as database.models.AutonomousDatabaseSummary.LifecycleState,
      }),
    )
    assert.equal(badState.serviceCode, 'InvalidParameter')
    const unknown = await ociError(
      db.getAutonomousDatabase({ autonomousDatabaseId: ids.autonomousDatabase('nosuchdb') }),
    )
    assert.equal(unknown.statusCode, 404)
    assert.equal(unknown.serviceCode, 'NotAuthorizedOrNotFound')
  })

  it('lists automatic backups of one database, paged, newest first', async () => {
    const id = ids.autonomousDatabase('salesadw')
    const first = await db.listAutonomousDatabaseBackups({ autonomousDatabaseId: id, limit: 4 })
    assert.equal(first.items.length, 4)
    assert.ok(first.opcNextPage)
    const rest = await db.listAutonomousDatabaseBackups({
      autonomousDatabaseId: id,
      limit: 4,
      page: first.opcNextPage,
    })
    const all = [...first.items, ...rest.items]
    assert.equal(all.length, 7)
    assert.equal(rest.opcNextPage, undefined)
    assert.ok(
      all.every((b) => b.autonomousDatabaseId === id && b.isAutomatic && b.lifecycleState === 'ACTIVE'),
    )
    const times = all.map((b) => String(b.timeStarted))
    assert.deepEqual(times, [...times].sort().reverse())
    const full = await db.listAutonomousDatabaseBackups({
      compartmentId: compartmentId('finance'),
      type: 'FULL',
    })
    assert.equal(full.items.length, 1)
    const got = await db.getAutonomousDatabaseBackup({ autonomousDatabaseBackupId: full.items[0].id })
    assert.equal(got.autonomousDatabaseBackup.type, 'FULL')
    const neither = await ociError(db.listAutonomousDatabaseBackups({}))
    assert.equal(neither.serviceCode, 'MissingParameter')
  })
})

describe('DB systems', () => {
  it('lists the seeded DB system and its backups by database and by compartment', async () => {
    const systems = await db.listDbSystems({ compartmentId: compartmentId('finance') })
    assert.equal(systems.items.length, 1)
    const [system] = systems.items
    assert.equal(system.id, ids.dbSystem)
    assert.equal(system.lifecycleState, 'AVAILABLE')
    assert.equal(system.subnetId, ids.subnet('private'))
    const got = await db.getDbSystem({ dbSystemId: system.id })
    assert.equal(got.dbSystem.hostname, 'findb')
    const byDatabase = await db.listBackups({ databaseId: ids.database })
    assert.equal(byDatabase.items.length, 7)
    assert.deepEqual(
      byDatabase.items.map((b) => b.type),
      ['INCREMENTAL', 'INCREMENTAL', 'INCREMENTAL', 'INCREMENTAL', 'INCREMENTAL', 'INCREMENTAL', 'FULL'],
    )
    const paged = await db.listBackups({ compartmentId: compartmentId('finance'), limit: 5 })
    assert.equal(paged.items.length, 5)
    assert.ok(paged.opcNextPage)
    const backup = await db.getBackup({ backupId: byDatabase.items[0].id! })
    assert.equal(backup.backup.databaseId, ids.database)
    const none = await db.listDbSystems({ compartmentId: compartmentId('sandbox') })
    assert.deepEqual(none.items, [])
    const neither = await ociError(db.listBackups({}))
    assert.equal(neither.serviceCode, 'MissingParameter')
  })
})

describe('database persistence', () => {
  it('keeps a stopped Autonomous Database stopped across a restart', async () => {
    const id = ids.autonomousDatabase('salesadw')
    await db.stopAutonomousDatabase({ autonomousDatabaseId: id })
    await emulator.close()
    const again = await startTestEmulator({ dataDir: emulator.dataDir })
    emulator = again
    const client = sdkClient(database.DatabaseClient, again.url, operatorProvider(again))
    const res = await client.getAutonomousDatabase({ autonomousDatabaseId: id })
    assert.equal(res.autonomousDatabase.lifecycleState, 'STOPPED')
  })
})
