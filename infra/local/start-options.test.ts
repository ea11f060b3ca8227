// npm start's options and banner: every flag parsed into the stack's options, wrong values refused, the
// port-conflict hint naming every port flag, and each client's snippet in that client's own format.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { banner, clientSnippets } from './banner.ts'
import type { StackInfo } from './stack.ts'
import { PORT_FLAGS, parseStartOptions, portConflictHint, USAGE } from './start-options.ts'

describe('npm start options', () => {
  it('defaults: the emulator stack with the local backend on 8084 and the router’s own tools mode', () => {
    const o = parseStartOptions([], {})
    assert.equal(o.help, false)
    assert.equal(o.stack.everythingBackendPort, 8084)
    assert.equal(o.stack.toolsMode, undefined)
    assert.equal(o.stack.enableMutations, undefined)
    assert.deepEqual(o.stack.allowedOrigins, [])
  })

  it('--tools-mode discovery reaches the stack; another mode is refused', () => {
    assert.equal(parseStartOptions(['--tools-mode', 'discovery'], {}).stack.toolsMode, 'discovery')
    assert.equal(parseStartOptions(['--tools-mode', 'all'], {}).stack.toolsMode, 'all')
    assert.throws(() => parseStartOptions(['--tools-mode', 'some'], {}), /--tools-mode/)
  })

  it('--faults serves the fault plans over HTTP; off by default', () => {
    assert.equal(parseStartOptions([], {}).stack.faultEndpoints, false)
    assert.equal(parseStartOptions(['--faults'], {}).stack.faultEndpoints, true)
    assert.ok(USAGE.includes('--faults'))
  })

  it('ports, containers and timeouts are numbers; bad ones are refused naming the flag', () => {
    const o = parseStartOptions(
      ['--edge-port', '9080', '--oic-port', '0', '--backend-port', '9084', '--fn-start-timeout', '30'],
      {},
    )
    assert.equal(o.stack.edgePort, 9080)
    assert.equal(o.stack.oicPort, 0)
    assert.equal(o.stack.everythingBackendPort, 9084)
    assert.equal(o.stack.fnStartTimeoutMs, 30_000)
    for (const [flag, value] of [
      ['--oci-port', '70000'],
      ['--backend-port', 'x'],
      ['--fn-containers', '0'],
    ]) {
      assert.throws(
        () => parseStartOptions([flag as string, value as string], {}),
        new RegExp(flag as string),
      )
    }
  })

  it('contradictions and unknown options are refused', () => {
    assert.throws(() => parseStartOptions(['--enable-mutations', '--read-only'], {}))
    assert.throws(() => parseStartOptions(['--no-backend', '--backend-port', '1'], {}))
    assert.throws(() => parseStartOptions(['--tools', 'discovery'], {}))
    assert.equal(parseStartOptions(['--no-backend'], {}).stack.everythingBackendPort, undefined)
    assert.equal(parseStartOptions(['--read-only'], {}).stack.enableMutations, false)
  })

  it('origins come from the flag and MCP_ALLOWED_ORIGINS', () => {
    const o = parseStartOptions(['--allowed-origin', 'https://a.example'], {
      MCP_ALLOWED_ORIGINS: 'https://b.example, https://c.example',
    })
    assert.deepEqual(o.stack.allowedOrigins, ['https://a.example', 'https://b.example', 'https://c.example'])
  })

  it('the port-conflict hint and the usage name every port flag', () => {
    assert.deepEqual(PORT_FLAGS.sort(), [
      '--backend-port',
      '--edge-port',
      '--identity-port',
      '--oci-port',
      '--oic-port',
    ])
    for (const flag of PORT_FLAGS) {
      assert.ok(portConflictHint().includes(flag), flag)
      assert.ok(USAGE.includes(flag), flag)
    }
    assert.ok(USAGE.includes('--tools-mode'))
  })
})

describe('npm start banner', () => {
  const url = 'http://127.0.0.1:8080/mcp'
  const byLabel = (start: string) => clientSnippets(url).find((s) => s.label.startsWith(start))?.config

  it('each client gets its own format', () => {
    const claudeCode = byLabel('Claude Code') as { mcpServers: { oci: Record<string, unknown> } }
    assert.equal(claudeCode.mcpServers.oci.type, 'http')
    assert.equal(claudeCode.mcpServers.oci.url, url)
    const vscode = byLabel('VS Code') as { servers: { oci: Record<string, unknown> } }
    assert.ok(vscode.servers, 'VS Code reads servers, not mcpServers')
    assert.equal(vscode.servers.oci.url, url)
    assert.equal((vscode as Record<string, unknown>).mcpServers, undefined)
    const desktop = byLabel('Claude Desktop') as { mcpServers: { oci: { command: string; args: string[] } } }
    assert.equal(desktop.mcpServers.oci.command, 'npx')
    assert.ok(desktop.mcpServers.oci.args.includes(url))
    assert.ok(desktop.mcpServers.oci.args.includes('--allow-http'))
    const https = clientSnippets('https://gw.example/mcp').find((s) => s.label.startsWith('Claude Desktop'))
    assert.ok(!JSON.stringify(https?.config).includes('--allow-http'))
  })

  it('prints each snippet under its own label, and the tools mode when it is discovery', () => {
    const info = {
      mcpUrl: url,
      edgeUrl: 'http://127.0.0.1:8080',
      identityDomainUrl: 'http://127.0.0.1:8081',
      ociEndpoint: 'http://127.0.0.1:8082',
      oicUrl: null,
      backends: [],
      mutationsEnabled: true,
      auditLog: '/tmp/x/.local/audit.log',
      users: [{ userName: 'alice@example.com', password: 'p', scopes: [] }],
    } as unknown as StackInfo
    const text = banner(info, 'discovery')
    const lines = text.split('\n')
    for (const s of clientSnippets(url)) {
      const at = lines.findIndex((l) => l.trim() === `${s.label}:`)
      assert.ok(at > 0, s.label)
      assert.deepEqual(JSON.parse(lines[at + 1] as string), s.config)
    }
    assert.match(text, /discovery/)
    assert.doesNotMatch(banner(info), /Tools mode/)
    assert.ok(!text.includes('"p"'), 'no password in the banner')
  })
})
