// State survives a restart: objects, buckets and the operator key come back from the data directory.
import assert from 'node:assert/strict'
import { readFileSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { compartmentId, NAMESPACE } from '../seed.ts'
import { KEY_FILE } from './operator-key.ts'
import { generatedLogLines } from './seed-state.ts'
import { objectStorageClient, operatorProvider, startTestEmulator, type TestEmulator } from './testing.ts'

const running: TestEmulator[] = []
after(async () => {
  for (const e of running) await e.close().catch(() => {})
  if (running[0]) rmSync(running[0].dataDir, { recursive: true, force: true })
})

describe('persistence', () => {
  it('keeps objects, buckets and the operator key across a restart', async () => {
    const first = await startTestEmulator()
    running.push(first)
    const client = objectStorageClient(first.url, operatorProvider(first))
    await client.createBucket({
      namespaceName: NAMESPACE,
      createBucketDetails: { name: 'kept', compartmentId: compartmentId('sandbox') },
    })
    const put = await client.putObject({
      namespaceName: NAMESPACE,
      bucketName: 'kept',
      objectName: 'note.txt',
      putObjectBody: 'still here',
    })
    await client.deleteObject({
      namespaceName: NAMESPACE,
      bucketName: 'app-logs',
      objectName: 'logs/2026/11/0001.json',
    })
    const config = readFileSync(first.operatorConfigFile, 'utf8')
    assert.equal(statSync(join(first.dataDir, KEY_FILE)).mode & 0o777, 0o600)
    await first.close()

    const second = await startTestEmulator({ dataDir: first.dataDir })
    running.push(second)
    assert.equal(readFileSync(second.operatorConfigFile, 'utf8'), config, 'same key, same fingerprint')
    const again = objectStorageClient(second.url, operatorProvider(second))
    const head = await again.headObject({
      namespaceName: NAMESPACE,
      bucketName: 'kept',
      objectName: 'note.txt',
    })
    assert.equal(head.eTag, put.eTag)
    const got = await again.getObject({
      namespaceName: NAMESPACE,
      bucketName: 'kept',
      objectName: 'note.txt',
    })
    assert.equal(await new Response(got.value as ReadableStream).text(), 'still here')
    const logs = await again.listObjects({ namespaceName: NAMESPACE, bucketName: 'app-logs', limit: 1 })
    assert.equal(logs.listObjects.objects[0].name, 'logs/2026/11/0002.json', 'the seed is not applied twice')
  })

  it('generates the same log content on every fresh start', () => {
    assert.deepEqual(generatedLogLines(7, 1200), generatedLogLines(7, 1200))
    assert.notDeepEqual(generatedLogLines(7, 1200), generatedLogLines(8, 1200))
  })
})
