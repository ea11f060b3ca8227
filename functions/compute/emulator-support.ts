// Shared set-up of the compute emulator tests: one OCI emulator per test file, and result checks.
import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before } from 'node:test'
import { startOciEmulator } from '../../infra/local/oci-emulator/index.ts'
import { harness } from '../../test/support/tool-harness.ts'
import { setAuditSink } from '../core/audit.ts'
import type { ToolSpec } from '../core/catalog.ts'
import type { CallToolResult } from '../core/tool-runner.ts'
import { implementation } from './implementation.ts'

/**
 * Starts an emulator before the file's tests and stops it after. `compute(overrides)` is a harness with the
 * emulator's environment plus overrides; `url()` is the emulator's base URL. `editState` changes the seeded
 * state file (e.g. to terminate an instance) before the emulator serves it: seed, stop, edit, start again.
 */
export function useEmulator(options: { editState?: (state: EmulatorStateJson) => void } = {}) {
  let emu: Awaited<ReturnType<typeof startOciEmulator>> | undefined
  let dataDir: string | undefined
  let env: NodeJS.ProcessEnv = {}
  before(async () => {
    setAuditSink(() => {})
    dataDir = await mkdtemp(join(tmpdir(), 'compute-tools-'))
    emu = await startOciEmulator({ port: 0, dataDir })
    if (options.editState) {
      await emu.close()
      const file = join(dataDir, 'state.json')
      const state = JSON.parse(await readFile(file, 'utf8')) as EmulatorStateJson
      options.editState(state)
      await writeFile(file, JSON.stringify(state))
      emu = await startOciEmulator({ port: 0, dataDir })
    }
    env = {
      OCI_AUTH: 'config_file',
      OCI_CONFIG_FILE: emu.operatorConfigFile,
      OCI_ENDPOINT: emu.url,
      MCP_ENABLE_MUTATIONS: 'true',
      MCP_RESPONSE_BUDGET_BYTES: '200000',
      OCI_REGION: 'us-ashburn-1',
    }
  })
  after(async () => {
    await emu?.close()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })
  return {
    compute: (overrides: NodeJS.ProcessEnv = {}) => harness(implementation, { ...env, ...overrides }),
    url: () => emu?.url as string,
  }
}

/** The emulator's state file, as JSON; tests edit the seeded instance documents in it. */
export type EmulatorStateJson = Record<string, unknown>

/** The instance documents of a state file (kept at the top level or under `infra`, as the emulator stores them). */
export function stateInstances(state: EmulatorStateJson): { id: string; lifecycleState: string }[] {
  const holder = (state.infra ?? state) as { instances?: { id: string; lifecycleState: string }[] }
  assert.ok(Array.isArray(holder.instances), 'the state file holds no instances')
  return holder.instances
}

/** The structured result, checked against the tool's output schema. */
export function ok(result: CallToolResult, spec: ToolSpec): Record<string, unknown> {
  assert.equal(result.isError, undefined, result.content[0]?.text)
  spec.output.parse(result.structuredContent)
  return result.structuredContent as Record<string, unknown>
}

/** The code of a tool error result. */
export function errorCode(result: CallToolResult): string | undefined {
  assert.equal(result.isError, true, 'expected a tool error')
  return /^Error (ERR_[A-Z_]+)/.exec(result.content[0].text)?.[1]
}
