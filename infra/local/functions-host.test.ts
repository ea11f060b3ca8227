// The local functions host under load: more than one container per function, bounded; start timeouts that say what to change.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { FunctionsHost, type FunctionsHostOptions, startTimeoutFrom } from './functions-host.ts'

const GATE = new URL('../../test/support/gate-function.ts', import.meta.url).pathname
const dirs: string[] = []
const hosts: FunctionsHost[] = []
after(async () => {
  await Promise.all(hosts.map((h) => h.stop()))
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

function gateHost(options: Partial<FunctionsHostOptions> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'fn-host-'))
  dirs.push(dir)
  const host = new FunctionsHost({
    socketDir: dir,
    functions: [
      {
        name: 'gate',
        command: [process.execPath, '--import', 'tsx', GATE],
        env: { PATH: process.env.PATH, NODE_NO_WARNINGS: '1' },
      },
    ],
    ...options,
  })
  hosts.push(host)
  return { host, dir }
}

const invoke = async (host: FunctionsHost, input: unknown) => {
  const reply = await host.call(
    'gate',
    { 'Fn-Call-Id': 'c', 'Content-Type': 'application/json' },
    Buffer.from(JSON.stringify(input)),
  )
  assert.equal(reply.status, 200)
  return JSON.parse(reply.body.toString()) as { pid: number; released?: boolean }
}

describe('FunctionsHost', () => {
  it('serves a second call while one call on the same function is slow, in another container', async () => {
    const { host, dir } = gateHost({ maxContainers: 2 })
    await host.start()
    const gate = join(dir, 'release')
    // The slow call waits for a file only the second call creates: one container at a time cannot finish both.
    const slow = invoke(host, { wait: gate })
    const fast = await invoke(host, { touch: gate })
    const slowReply = await slow
    assert.equal(slowReply.released, true)
    assert.notEqual(fast.pid, slowReply.pid)
    assert.equal(host.containersOf('gate'), 2)
  })

  it('starts no more containers than allowed: beyond the bound, calls wait their turn', async () => {
    const { host } = gateHost({ maxContainers: 1 })
    await host.start()
    const replies = await Promise.all([1, 2, 3, 4].map(() => invoke(host, {})))
    assert.equal(new Set(replies.map((r) => r.pid)).size, 1)
    assert.equal(host.containersOf('gate'), 1)
  })

  it('reaps an extra container once it has been idle', async () => {
    const { host, dir } = gateHost({ maxContainers: 2, idleContainerMs: 1 })
    await host.start()
    const gate = join(dir, 'release')
    const slow = invoke(host, { wait: gate })
    await invoke(host, { touch: gate })
    await slow
    // Bounded: the reaper runs on a 1 ms idle timer; this waits for it without assuming how soon.
    for (let i = 0; i < 10_000 && host.containersOf('gate') > 1; i++)
      await new Promise((r) => setImmediate(r))
    assert.equal(host.containersOf('gate'), 1)
    assert.equal((await invoke(host, {})).pid > 0, true)
  })

  it('enforces Fn-Deadline as Fn does: 504 Timed out, the busy container replaced, the next call served', async () => {
    const { host, dir } = gateHost({ maxContainers: 1 })
    await host.start()
    const never = join(dir, 'never-created')
    const soon = () => new Date(Date.now() + 1500).toISOString()
    const call = (input: unknown) =>
      host.call(
        'gate',
        { 'Fn-Call-Id': 'c', 'Fn-Deadline': soon(), 'Content-Type': 'application/json' },
        Buffer.from(JSON.stringify(input)),
      )
    // One call holds the only container past its deadline; a second waits for it and runs out of time in the queue.
    const [held, queued] = await Promise.all([call({ wait: never }), call({})])
    assert.equal(held.status, 504)
    assert.deepEqual(JSON.parse(held.body.toString()), { message: 'Timed out' })
    assert.equal(queued.status, 504)
    assert.equal(host.restartsOf('gate'), 1)
    assert.ok((await invoke(host, {})).pid > 0)
  })

  it('serves Fn’s invoke endpoint: calls through it share the pool and its deadline', async () => {
    const { host, dir } = gateHost({ maxContainers: 2 })
    await host.start()
    const socketPath = join(dir, 'invoke.sock')
    const server = await host.serveInvoke(socketPath)
    try {
      const post = (fn: string, input: unknown, deadlineMs = 60_000) =>
        new Promise<{ status: number; body: string }>((resolve, reject) => {
          const body = JSON.stringify(input)
          const req = request(
            {
              socketPath,
              path: `/invoke/${fn}`,
              method: 'POST',
              headers: {
                'Content-Type': 'application/json',
                'Fn-Deadline': new Date(Date.now() + deadlineMs).toISOString(),
              },
            },
            (res) => {
              let text = ''
              res.on('data', (c) => {
                text += c
              })
              res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }))
            },
          )
          req.on('error', reject)
          req.end(body)
        })
      const gate = join(dir, 'release')
      const slow = post('gate', { wait: gate })
      const fast = await post('gate', { touch: gate })
      assert.equal(fast.status, 200)
      assert.notEqual(JSON.parse(fast.body).pid, JSON.parse((await slow).body).pid)
      assert.equal((await post('gate', { wait: join(dir, 'never') }, 1500)).status, 504)
      assert.equal((await post('nosuch', {})).status, 404)
    } finally {
      server.closeAllConnections()
      server.close()
    }
  })

  it('names the function and the option when a container does not listen in time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fn-host-'))
    dirs.push(dir)
    const host = new FunctionsHost({
      socketDir: dir,
      startTimeoutMs: 200,
      functions: [
        { name: 'mute', command: [process.execPath, '-e', 'setInterval(() => {}, 60_000)'], env: {} },
      ],
    })
    hosts.push(host)
    await assert.rejects(host.start(), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'ERR_FN_START_TIMEOUT')
      assert.match(error.message, /\bmute\b/)
      assert.match(error.message, /MCP_LOCAL_START_TIMEOUT_MS/)
      return true
    })
  })

  it('takes the start timeout from the option, else the environment, else a default that grows with load', () => {
    assert.equal(startTimeoutFrom({ startTimeoutMs: 5 }, { MCP_LOCAL_START_TIMEOUT_MS: '7' }), 5)
    assert.equal(startTimeoutFrom({}, { MCP_LOCAL_START_TIMEOUT_MS: '7000' }), 7000)
    assert.ok(startTimeoutFrom({}, {}) >= 120_000)
    assert.throws(() => startTimeoutFrom({}, { MCP_LOCAL_START_TIMEOUT_MS: 'soon' }), {
      code: 'ERR_FN_CONFIG',
    })
  })
})
