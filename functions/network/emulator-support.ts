// Shared set-up of the network emulator tests: one OCI emulator per test file, and result checks.
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
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
 * Starts an emulator before the file's tests and stops it after. `network(overrides)` is a harness with the
 * emulator's environment plus overrides; `url()` is the emulator's base URL.
 */
export function useEmulator() {
  let emu: Awaited<ReturnType<typeof startOciEmulator>> | undefined
  let dataDir: string | undefined
  let env: NodeJS.ProcessEnv = {}
  before(async () => {
    setAuditSink(() => {})
    dataDir = await mkdtemp(join(tmpdir(), 'network-tools-'))
    emu = await startOciEmulator({ port: 0, dataDir })
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
    network: (overrides: NodeJS.ProcessEnv = {}) => harness(implementation, { ...env, ...overrides }),
    url: () => emu?.url as string,
    dataDir: () => dataDir as string,
  }
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
