// One OCI emulator per test file, and a tool harness for a group against it.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before } from 'node:test'
import { setAuditSink } from '../../functions/core/audit.ts'
import type { Caller } from '../../functions/core/caller.ts'
import type { GroupImplementation } from '../../functions/core/group-app.ts'
import { type OciEmulator, startOciEmulator } from '../../infra/local/oci-emulator/index.ts'
import { harness } from './tool-harness.ts'

/** The emulator's state file, as JSON. */
export type EmulatorState = Record<string, unknown>

export interface EmulatorOptions {
  /** Changes the seeded state (e.g. terminates an instance) before the emulator serves it. */
  editState?: (state: EmulatorState) => void
  /** Receives the audit lines of the file's tool calls; by default they are dropped. */
  auditSink?: (line: string) => void
}

/**
 * Starts an emulator on a fresh data directory before the file's tests and removes both after.
 * `tools(overrides, caller)` is a harness with the emulator's environment plus overrides; `url()` is the
 * emulator's base URL and `configFile()` the operator's OCI config file.
 */
export function useEmulator(implementation: GroupImplementation, options: EmulatorOptions = {}) {
  let emu: OciEmulator | undefined
  let dataDir: string | undefined
  let env: NodeJS.ProcessEnv = {}
  before(async () => {
    setAuditSink(options.auditSink ?? (() => {}))
    dataDir = await mkdtemp(join(tmpdir(), `${implementation.catalog.group}-tools-`))
    emu = await startOciEmulator({ port: 0, dataDir })
    if (options.editState) {
      // The state file exists once the emulator has seeded it: stop, edit, start again on the same directory.
      await emu.close()
      const file = join(dataDir, 'state.json')
      const state = JSON.parse(await readFile(file, 'utf8')) as EmulatorState
      options.editState(state)
      await writeFile(file, JSON.stringify(state))
      emu = await startOciEmulator({ port: 0, dataDir })
    }
    env = {
      OCI_AUTH: 'config_file',
      OCI_CONFIG_FILE: emu.operatorConfigFile,
      OCI_ENDPOINT: emu.url,
      OCI_REGION: 'us-ashburn-1',
      MCP_ENABLE_MUTATIONS: 'true',
      MCP_RESPONSE_BUDGET_BYTES: '200000',
    }
  })
  after(async () => {
    await emu?.close()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })
  return {
    tools: (overrides: NodeJS.ProcessEnv = {}, caller?: Caller) =>
      harness(implementation, { ...env, ...overrides }, caller),
    url: () => emu?.url as string,
    /** The running emulator, e.g. for its fault plan. */
    emulator: () => emu as OciEmulator,
    configFile: () => emu?.operatorConfigFile as string,
  }
}
