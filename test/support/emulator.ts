// One OCI emulator per test file, and a tool harness for a group against it.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before } from 'node:test'
import { setAuditSink } from '../../functions/core/audit.ts'
import type { GroupImplementation } from '../../functions/core/group-app.ts'
import type { CallToolResult } from '../../functions/core/tool-runner.ts'
import { type OciEmulator, startOciEmulator } from '../../infra/local/oci-emulator/index.ts'
import { harness } from './tool-harness.ts'

export function useEmulator(implementation: GroupImplementation) {
  let emu: OciEmulator | undefined
  let dataDir: string | undefined
  let env: NodeJS.ProcessEnv = {}
  before(async () => {
    setAuditSink(() => {})
    dataDir = await mkdtemp(join(tmpdir(), `${implementation.catalog.group}-tools-`))
    emu = await startOciEmulator({ port: 0, dataDir })
    env = {
      OCI_AUTH: 'config_file',
      OCI_CONFIG_FILE: emu.operatorConfigFile,
      OCI_ENDPOINT: emu.url,
      MCP_ENABLE_MUTATIONS: 'true',
      OCI_REGION: 'us-ashburn-1',
    }
  })
  after(async () => {
    await emu?.close()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })
  return {
    tools: (overrides: NodeJS.ProcessEnv = {}) => harness(implementation, { ...env, ...overrides }),
    url: () => emu?.url as string,
  }
}

export const resultText = (r: CallToolResult) => r.content.map((c) => c.text).join('\n')
