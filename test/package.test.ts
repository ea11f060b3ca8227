// The published package as a newcomer gets it: packed (prepack builds it), installed from the tarball into an
// empty folder, and `oci-mcp-functions --stdio` answering a real MCP client against the OCI emulator.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { promisify } from 'node:util'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js'
import { type OciEmulator, startOciEmulator } from '../infra/local/oci-emulator/index.ts'
import { compartmentId } from '../infra/local/seed.ts'

const run = promisify(execFile)
const ROOT = new URL('..', import.meta.url).pathname
const NOT_COPIED = new Set(['node_modules', '.git', 'dist', '.local', '.tmp'])
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'

type Result = { content: { text: string }[]; structuredContent?: Record<string, unknown>; isError?: boolean }

const work = mkdtempSync(join(tmpdir(), 'oci-mcp-package-'))
const app = join(work, 'app')
const installed = join(app, 'node_modules', 'oci-mcp-functions')
let emulator: OciEmulator

before(async () => {
  // Pack a copy of the working tree: prepack rebuilds dist/, and the shared checkout's dist/ must not change
  // under whoever else is using it.
  const src = join(work, 'src')
  cpSync(ROOT, src, {
    recursive: true,
    filter: (from) => !NOT_COPIED.has(relative(ROOT, from).split('/')[0] as string),
  })
  symlinkSync(join(ROOT, 'node_modules'), join(src, 'node_modules'), 'dir')
  await run(npm, ['pack', '--pack-destination', work], { cwd: src, maxBuffer: 64 * 1024 * 1024 })
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'))
  assert.ok(tarball, 'npm pack wrote a tarball')

  mkdirSync(app)
  writeFileSync(join(app, 'package.json'), '{"name":"newcomer","private":true}\n')
  await run(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', join(work, tarball)], {
    cwd: app,
    maxBuffer: 64 * 1024 * 1024,
  })
  emulator = await startOciEmulator({ port: 0, dataDir: join(work, 'emulator') })
})
after(async () => {
  await emulator?.close()
  rmSync(work, { recursive: true, force: true })
})

describe('the packed package', () => {
  it('ships the built bundle and the bin, not the TypeScript sources or source maps', () => {
    assert.ok(existsSync(join(installed, 'dist', 'cli.js')))
    assert.ok(existsSync(join(installed, 'bin', 'oci-mcp-functions.mjs')))
    assert.equal(existsSync(join(installed, 'functions')), false)
    const maps = readdirSync(join(installed, 'dist'), { recursive: true }).filter((f) =>
      String(f).endsWith('.map'),
    )
    assert.deepEqual(maps, [])
    // What failed before: the bin needed tsx, a dev dependency an installed package does not get.
    assert.equal(existsSync(join(app, 'node_modules', 'tsx')), false)
  })

  it('serves --stdio to an MCP client against the emulator', async () => {
    const client = new Client({ name: 'package-e2e', version: '1.0.0' })
    await client.connect(
      new StdioClientTransport({
        command: join(app, 'node_modules', '.bin', 'oci-mcp-functions'),
        args: ['--stdio', '--config', emulator.operatorConfigFile, '--oci-endpoint', emulator.url],
        cwd: app,
        env: { PATH: process.env.PATH ?? '', NODE_NO_WARNINGS: '1' },
        stderr: 'ignore',
      }),
    )
    try {
      const { tools } = await client.listTools()
      assert.ok(tools.some((t) => t.name === 'objectstorage_list_buckets'))
      const buckets = (await client.callTool({
        name: 'objectstorage_list_buckets',
        arguments: { compartment_id: compartmentId('platform') },
      })) as Result
      assert.notEqual(buckets.isError, true, buckets.content[0]?.text)
      assert.ok(((buckets.structuredContent?.buckets ?? []) as unknown[]).length > 0)
    } finally {
      await client.close()
    }
  })
})
