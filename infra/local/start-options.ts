// `npm start`'s command line: the options, their checks, and the stack options they become. Apart from start.ts
// so that a test can parse without starting anything.
import { parseArgs } from 'node:util'
import type { StackOptions } from './stack.ts'

export const USAGE = `Usage: npm start -- [options]
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
  --tools-mode <mode>      what tools/list shows: all (default) or discovery (only search_tools, list_domains
                           and get_tool_schema; every tool stays callable) — the router's MCP_TOOLS_MODE
  --fn-start-timeout <s>   seconds a function may take to start listening (default 120, more under load;
                           env MCP_LOCAL_START_TIMEOUT_MS in milliseconds)
  --fn-containers <n>      containers per function when calls queue (default 2; env MCP_LOCAL_MAX_CONTAINERS)
  --allowed-origin <url>   a browser origin allowed to call the endpoint besides its own (repeatable; also
                           MCP_ALLOWED_ORIGINS, comma-separated); any other Origin gets 403
  --public-host <name>     a host name the edge answers to besides loopback (repeatable); any other Host gets 403
  --faults                 serve the fault plans of the emulator and the identity domain over HTTP
                           (/_emulator/faults on each, unauthenticated: for trying failures by hand)
  --source                 run the functions from TypeScript sources (tsx) instead of the bundles
  --quiet                  print only the connection summary
  -h, --help               this text`

const OPTIONS = {
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
  'tools-mode': { type: 'string' },
  quiet: { type: 'boolean' },
  source: { type: 'boolean' },
  faults: { type: 'boolean' },
  'fn-start-timeout': { type: 'string' },
  'fn-containers': { type: 'string' },
  'allowed-origin': { type: 'string', multiple: true },
  'public-host': { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const

/** Every option that sets a port, as a user types it: the port-conflict message names them all. */
export const PORT_FLAGS = Object.keys(OPTIONS)
  .filter((name) => name.endsWith('-port'))
  .map((name) => `--${name}`)

export const TOOLS_MODES = ['all', 'discovery'] as const

/** What to say when a port is taken: the likely cause, and every flag that moves a port. */
export const portConflictHint = () =>
  `A port is in use: is the stack already running? Choose others with ${PORT_FLAGS.join(', ')}.`

export interface StartOptions {
  help: boolean
  quiet: boolean
  /** Run from the TypeScript sources instead of building the bundles. */
  source: boolean
  /** The data directory as given; start.ts defaults it to .local. */
  dataDir?: string
  /** Everything for startStack except log, localDir and bundleDir, which start.ts decides. */
  stack: Omit<StackOptions, 'log' | 'localDir' | 'bundleDir'>
}

function port(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new Error(`--${name} must be a port number, not '${value}'`)
  return n
}

function positive(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isInteger(n) || n <= 0)
    throw new Error(`--${name} must be a positive whole number, not '${value}'`)
  return n
}

/** Parses `npm start`'s arguments; a wrong one throws an Error whose message names the option. */
export function parseStartOptions(args: string[], env: NodeJS.ProcessEnv = process.env): StartOptions {
  const { values } = parseArgs({ args, options: OPTIONS, strict: true })
  if (values['enable-mutations'] && values['read-only'])
    throw new Error('--enable-mutations and --read-only contradict each other')
  const toolsMode = values['tools-mode']
  if (toolsMode !== undefined && !(TOOLS_MODES as readonly string[]).includes(toolsMode))
    throw new Error(`--tools-mode must be ${TOOLS_MODES.join(' or ')}, not '${toolsMode}'`)
  if (values['no-backend'] && values['backend-port'] !== undefined)
    throw new Error('--no-backend and --backend-port contradict each other')
  const fnStartTimeout = positive('fn-start-timeout', values['fn-start-timeout'])
  return {
    help: values.help ?? false,
    quiet: values.quiet ?? false,
    source: values.source ?? false,
    dataDir: values['data-dir'],
    stack: {
      host: values.host,
      edgePort: port('edge-port', values['edge-port']),
      identityPort: port('identity-port', values['identity-port']),
      ociPort: port('oci-port', values['oci-port']),
      oicPort: port('oic-port', values['oic-port']),
      everythingBackendPort: values['no-backend']
        ? undefined
        : (port('backend-port', values['backend-port']) ?? 8084),
      ociConfig: values['oci-config']
        ? { file: values['oci-config'], profile: values.profile ?? 'DEFAULT', region: values.region }
        : undefined,
      enableMutations: values['read-only'] ? false : values['enable-mutations'],
      toolsMode: toolsMode as StartOptions['stack']['toolsMode'],
      fnStartTimeoutMs: fnStartTimeout === undefined ? undefined : fnStartTimeout * 1000,
      maxContainers: positive('fn-containers', values['fn-containers']),
      allowedOrigins: [
        ...(values['allowed-origin'] ?? []),
        ...(env.MCP_ALLOWED_ORIGINS ?? '').split(/[\s,]+/).filter(Boolean),
      ],
      publicHosts: values['public-host'],
      faultEndpoints: values.faults ?? false,
    },
  }
}
