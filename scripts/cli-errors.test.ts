// The npm scripts a newcomer runs first answer a wrong invocation with usage or one line, never a stack trace.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'

const dir = mkdtempSync(join(tmpdir(), 'script-errors-'))
after(() => rmSync(dir, { recursive: true, force: true }))

function run(
  script: string,
  args: string[],
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', new URL(script, import.meta.url).pathname, ...args],
    {
      env: { PATH: process.env.PATH ?? '', NODE_NO_WARNINGS: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (c: string) => {
    stdout += c
  })
  child.stderr.setEncoding('utf8').on('data', (c: string) => {
    stderr += c
  })
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (status) => resolve({ status, stdout, stderr }))
  })
}

const STACK_FRAME = /^\s+at /m

describe('npm run token', () => {
  it('--help prints usage on stderr, nothing on stdout', async () => {
    const r = await run('token.ts', ['--help'])
    assert.equal(r.status, 0)
    assert.equal(r.stdout, '')
    assert.match(r.stderr, /^Usage:/m)
    assert.doesNotMatch(r.stderr, STACK_FRAME)
  })

  it('an unknown option exits 2 with usage and no stack trace', async () => {
    const r = await run('token.ts', ['--no-such-option'])
    assert.equal(r.status, 2)
    assert.match(r.stderr, /^Usage:/m)
    assert.doesNotMatch(r.stderr, STACK_FRAME)
  })
})

describe('npm run emit-event', () => {
  it('a missing event file exits 1 with one line naming it', async () => {
    const missing = join(dir, 'no-such-event.json')
    const r = await run('emit-event.ts', [missing, '--data-dir', dir])
    assert.equal(r.status, 1)
    assert.equal(r.stderr.trim().split('\n').length, 1)
    assert.ok(r.stderr.includes(missing))
    assert.doesNotMatch(r.stderr, STACK_FRAME)
  })
})
