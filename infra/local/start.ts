// `npm start`: runs the whole stack on this machine and prints how to connect an MCP client.
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { bundle } from '../../scripts/build.ts'
import { type StackInfo, startStack } from './stack.ts'

const USAGE = `Usage: npm start -- [options]
  --host <addr>            listen address (default 127.0.0.1)
  --edge-port <n>          MCP edge port (default 8080)
  --identity-port <n>      development identity domain port (default 8081)
  --oci-port <n>           OCI emulator port (default 8082)
  --oic-port <n>           Oracle Integration stand-in port (default 8083)
  --backend-port <n>       server-everything, an external MCP server behind /mcp (default 8084; 0 any)
  --no-backend             run no external MCP server behind the router
  --data-dir <dir>         state, sockets and logs (default .local)
  --oci-config <file>      use a real tenancy through this OCI config file instead of the emulator
  --profile <name>         profile in --oci-config (default DEFAULT)
  --region <region>        region for --oci-config
  --enable-mutations       allow tools that change resources (default: on with the emulator, off with --oci-config)
  --read-only              never allow tools that change resources
  --fn-start-timeout <s>   seconds a function may take to start listening (default 120, more under load;
                           env MCP_LOCAL_START_TIMEOUT_MS in milliseconds)
  --fn-containers <n>      containers per function when calls queue (default 2; env MCP_LOCAL_MAX_CONTAINERS)
  --allowed-origin <url>   a browser origin allowed to call the endpoint besides its own (repeatable; also
                           MCP_ALLOWED_ORIGINS, comma-separated); any other Origin gets 403
  --public-host <name>     a host name the edge answers to besides loopback (repeatable); any other Host gets 403
  --source                 run the functions from TypeScript sources (tsx) instead of the bundles
  --quiet                  print only the connection summary
  -h, --help               this text`

function banner(info: StackInfo): string {
  const config = {
    mcpServers: {
      oci: { type: 'http', url: info.mcpUrl, headers: { Authorization: 'Bearer <access_token>' } },
    },
  }
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
    `  Audit log         ${info.auditLog}`,
    '  Details           .local/stack.json (client secret and user passwords; keep it private)',
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
    'Client configuration (Claude Code .mcp.json, VS Code mcp.json, Claude Desktop through mcp-remote — see README):',
    JSON.stringify(config, null, 2)
      .split('\n')
      .map((l) => `  ${l}`)
      .join('\n'),
    '',
    'Press Ctrl+C to stop.',
  ].join('\n')
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      host: { type: 'string' },
      'edge-port': { type: 'string' },
      'identity-port': { type: 'string' },
      'oci-port': { type: 'string' },
      'oic-port': { type: 'string' },
      'backend-port': { type: 'string' },
      'no-backend': { type: 'boolean' },
      'data-dir': { type: 'string' },
      'oci-config': { type: 'string' },
      profile: { type: 'string' },
      region: { type: 'string' },
      'enable-mutations': { type: 'boolean' },
      'read-only': { type: 'boolean' },
      quiet: { type: 'boolean' },
      source: { type: 'boolean' },
      'fn-start-timeout': { type: 'string' },
      'fn-containers': { type: 'string' },
      'allowed-origin': { type: 'string', multiple: true },
      'public-host': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) return void console.log(USAGE)
  const port = (name: string, value: string | undefined) => {
    if (value === undefined) return undefined
    const n = Number(value)
    if (!Number.isInteger(n) || n < 0 || n > 65535)
      throw new Error(`--${name} must be a port number, not '${value}'`)
    return n
  }
  const positive = (name: string, value: string | undefined) => {
    if (value === undefined) return undefined
    const n = Number(value)
    if (!Number.isInteger(n) || n <= 0)
      throw new Error(`--${name} must be a positive whole number, not '${value}'`)
    return n
  }
  const fnStartTimeout = positive('fn-start-timeout', values['fn-start-timeout'])
  if (values['enable-mutations'] && values['read-only'])
    throw new Error('--enable-mutations and --read-only contradict each other')
  const log = values.quiet ? () => {} : (line: string) => console.log(`${new Date().toISOString()} ${line}`)
  const localDir = values['data-dir'] ?? new URL('../../.local', import.meta.url).pathname
  const bundleDir = join(localDir, 'build')
  if (!values.source) {
    // The functions run as deployed: bundled (npm run build), one process each, over the Fn socket.
    console.log('Building the function bundles…')
    await bundle(bundleDir)
  }
  console.log('Starting oci-mcp-functions: identity domain, OCI emulator, functions, edge…')
  const stack = await startStack({
    host: values.host,
    edgePort: port('edge-port', values['edge-port']),
    identityPort: port('identity-port', values['identity-port']),
    ociPort: port('oci-port', values['oci-port']),
    oicPort: port('oic-port', values['oic-port']),
    everythingBackendPort: values['no-backend']
      ? undefined
      : (port('backend-port', values['backend-port']) ?? 8084),
    localDir,
    bundleDir: values.source ? undefined : bundleDir,
    ociConfig: values['oci-config']
      ? { file: values['oci-config'], profile: values.profile ?? 'DEFAULT', region: values.region }
      : undefined,
    enableMutations: values['read-only'] ? false : values['enable-mutations'],
    fnStartTimeoutMs: fnStartTimeout === undefined ? undefined : fnStartTimeout * 1000,
    maxContainers: positive('fn-containers', values['fn-containers']),
    allowedOrigins: [
      ...(values['allowed-origin'] ?? []),
      ...(process.env.MCP_ALLOWED_ORIGINS ?? '').split(/[\s,]+/).filter(Boolean),
    ],
    publicHosts: values['public-host'],
    log,
  })
  console.log(banner(stack.info))
  let stopping = false
  const stop = async () => {
    if (stopping) return
    stopping = true
    console.log('\nStopping…')
    await stack.close()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: Error) => {
  console.error(`npm start failed: ${error.message}`)
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(
      'A port is in use: is the stack already running? Choose others with --edge-port, --identity-port, --oci-port.',
    )
  }
  process.exit(1)
})
