// What `npm start` prints once the stack runs: where everything is, how to get a token, and one configuration
// per client, each in that client's own format (they differ: `mcpServers` vs `servers`, http vs a stdio bridge).
import { dirname, join } from 'node:path'
import type { StackInfo } from './stack.ts'

export interface ClientSnippet {
  /** Who reads it and from where. */
  label: string
  config: Record<string, unknown>
}

/** The pinned mcp-remote the README and the end-to-end tests use. */
const MCP_REMOTE = 'mcp-remote@0.15.1'

export function clientSnippets(mcpUrl: string): ClientSnippet[] {
  const header = { Authorization: 'Bearer <access_token>' }
  const plainHttp = mcpUrl.startsWith('http:')
  return [
    {
      label:
        'Claude Code (.mcp.json; or: claude mcp add --transport http oci <url> --header "Authorization: Bearer $TOKEN")',
      config: { mcpServers: { oci: { type: 'http', url: mcpUrl, headers: header } } },
    },
    {
      label: 'VS Code (.vscode/mcp.json; without headers it signs in through the OAuth facade)',
      config: { servers: { oci: { type: 'http', url: mcpUrl, headers: header } } },
    },
    {
      label:
        'Claude Desktop or Cursor through mcp-remote (claude_desktop_config.json; it signs in with OAuth)',
      config: {
        mcpServers: {
          oci: { command: 'npx', args: ['-y', MCP_REMOTE, mcpUrl, ...(plainHttp ? ['--allow-http'] : [])] },
        },
      },
    },
  ]
}

export function banner(info: StackInfo, toolsMode?: string): string {
  return [
    '',
    'oci-mcp-functions is running.',
    '',
    `  MCP endpoint      ${info.mcpUrl}   (per group: ${info.edgeUrl}/mcp/<group>)`,
    `  Identity domain   ${info.identityDomainUrl}`,
    `  OCI               ${info.ociEndpoint ? `emulator at ${info.ociEndpoint}` : 'real tenancy (OCI config file)'}`,
    ...(info.oicUrl ? [`  Integration       Oracle Integration stand-in at ${info.oicUrl}`] : []),
    ...info.backends.map((b) => `  Backend           ${b.name} at ${b.url} (its tools: ${b.name}__<tool>)`),
    `  Mutations         ${info.mutationsEnabled ? 'enabled' : 'disabled (read-only)'}`,
    ...(toolsMode === 'discovery'
      ? ['  Tools mode        discovery (tools/list shows search_tools, list_domains, get_tool_schema)']
      : []),
    `  Audit log         ${info.auditLog}`,
    `  Details           ${join(dirname(info.auditLog), 'stack.json')} (client secret and user passwords; keep it private)`,
    '',
    'Get an access token (development client; secrets stay in .local/stack.json):',
    '  export TOKEN=$(npm run -s token)',
    `  export TOKEN=$(npm run -s token -- --user ${info.users[0]?.userName ?? '<user>'})     # as a development user`,
    `  export TOKEN=$(npm run -s token -- --scope oci-mcp.read)            # read-only`,
    '',
    'Try it:',
    `  curl -s ${info.mcpUrl} -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\`,
    `    -H 'Accept: application/json, text/event-stream' -d '{"jsonrpc":"2.0","id":1,"method":"tools/list"}'`,
    '',
    'Client configuration (more in the README, Connecting a client):',
    ...clientSnippets(info.mcpUrl).flatMap((s) => [`  ${s.label}:`, `    ${JSON.stringify(s.config)}`]),
    '',
    'Press Ctrl+C to stop.',
  ].join('\n')
}
