// What `oci-mcp-functions --stdio` says on stderr when it starts with a config that cannot work.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'

const BIN = new URL('../../bin/oci-mcp-functions.mjs', import.meta.url).pathname
const dir = mkdtempSync(join(tmpdir(), 'stdio-start-'))
after(() => rmSync(dir, { recursive: true, force: true }))

/** Runs the server with stdin already closed: it warns (before reading stdin), serves nothing and exits. */
function startStderr(args: string[]): Promise<string> {
  const child = spawn(process.execPath, [BIN, '--stdio', ...args], {
    env: { PATH: process.env.PATH ?? '', NODE_NO_WARNINGS: '1' },
    stdio: ['pipe', 'ignore', 'pipe'],
  })
  child.stdin.end()
  return new Promise((resolve, reject) => {
    let text = ''
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      text += chunk
    })
    child.on('error', reject)
    child.on('close', () => resolve(text))
  })
}

describe('--stdio start', () => {
  it('warns naming the missing config file and the flags to change it', async () => {
    const file = join(dir, 'no-config')
    const stderr = await startStderr(['--config', file, '--profile', 'ops'])
    assert.match(stderr, /warning ERR_AUTH_SIGNER_UNAVAILABLE \(config_file_missing\)/)
    assert.ok(stderr.includes(file), 'names the path')
    assert.ok(stderr.includes('--config') && stderr.includes('--profile'), 'names the flags')
  })
})
