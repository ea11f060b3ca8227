// export-tools with --backends: a folder of backend declarations adds the backends' tools, named as the router
// names them; a backend that cannot be listed fails the export instead of leaving its tools out unsaid.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { promisify } from 'node:util'
import { startTestBackend, type TestBackend } from '../test/support/mcp-backend.ts'
import { backendTools, exportTools } from './export-tools.ts'

const run = promisify(execFile)
let backend: TestBackend
const dir = mkdtempSync(join(tmpdir(), 'export-backends-'))
const deadDir = mkdtempSync(join(tmpdir(), 'export-dead-'))
const env = { ...process.env, MCP_BACKEND_TIMEOUT_MS: '15000', EXPORT_TEST_TOKEN: 'export-secret' }

before(async () => {
  backend = await startTestBackend({ token: 'export-secret' })
  writeFileSync(
    join(dir, 'tb.json'),
    JSON.stringify({
      name: 'tb',
      url: backend.url,
      auth_method: { method: 'bearer', token: { env: 'EXPORT_TEST_TOKEN' } },
    }),
  )
  // Nothing listens on port 9 of loopback (discard): the list fails at once.
  writeFileSync(join(deadDir, 'dead.json'), JSON.stringify({ name: 'dead', url: 'http://127.0.0.1:9/mcp' }))
})
after(async () => {
  await backend.close()
  rmSync(dir, { recursive: true, force: true })
  rmSync(deadDir, { recursive: true, force: true })
})

describe('export-tools --backends', () => {
  it('lists the backends’ tools with their credentials, namespaced, beside ours; --group selects a backend', async () => {
    const { tools, problems } = await backendTools(dir, env)
    assert.deepEqual(problems, [])
    assert.deepEqual(tools.map((t) => [t.group, t.name]).sort(), [
      ['tb', 'tb__echo'],
      ['tb', 'tb__fail'],
    ])
    assert.ok(backend.authorizations.every((a) => a === 'Bearer export-secret'))
    const all = exportTools('openai', [], tools) as unknown as { function: { name: string } }[]
    const names = all.map((t) => t.function.name)
    assert.ok(names.includes('compute_list_instances') && names.includes('tb__echo'))
    const { functionDeclarations } = exportTools('gemini', ['tb'], tools) as {
      functionDeclarations: { name: string; parameters: { properties: Record<string, unknown> } }[]
    }
    assert.deepEqual(
      functionDeclarations.map((d) => d.name),
      ['tb__echo', 'tb__fail'],
    )
    assert.deepEqual(Object.keys(functionDeclarations[0].parameters.properties), ['message'])
  })

  it('from the command line: exit 0 with the backend’s tools; exit 1 naming a backend that cannot be listed', async () => {
    const args = ['--import', 'tsx', 'scripts/export-tools.ts', '--format', 'openai', '--group', 'tb']
    const ok = await run(process.execPath, [...args, '--backends', dir], { env })
    const names = (JSON.parse(ok.stdout) as { function: { name: string } }[]).map((t) => t.function.name)
    assert.deepEqual(names, ['tb__echo', 'tb__fail'])
    await assert.rejects(
      run(process.execPath, [...args, '--backends', deadDir], { env }),
      (e: { code: number; stdout: string; stderr: string }) => {
        assert.equal(e.code, 1)
        assert.equal(e.stdout, '')
        assert.match(e.stderr, /^export-tools: dead: ERR_BACKEND_UNAVAILABLE/)
        return true
      },
    )
  })
})
