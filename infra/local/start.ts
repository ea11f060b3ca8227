// `npm start`: runs the whole stack on this machine and prints how to connect an MCP client.
import { createServer } from 'node:net'
import { join } from 'node:path'
import { bundle } from '../../scripts/build.ts'
import { banner } from './banner.ts'
import { startStack } from './stack.ts'
import { parseStartOptions, portConflictHint, USAGE } from './start-options.ts'

async function main(): Promise<void> {
  let options: ReturnType<typeof parseStartOptions>
  try {
    options = parseStartOptions(process.argv.slice(2))
  } catch (error) {
    // A mistyped option is told in one line with the usage, not as a failure of the stack.
    console.error(`npm start: ${(error as Error).message}\n${USAGE}`)
    process.exit(2)
  }
  if (options.help) return void console.log(USAGE)
  const log = options.quiet ? () => {} : (line: string) => console.log(`${new Date().toISOString()} ${line}`)
  const localDir = options.dataDir ?? new URL('../../.local', import.meta.url).pathname
  const bundleDir = join(localDir, 'build')
  // Before building: a second `npm start` beside a running one would rebuild the running stack's bundles.
  await portsFree(options.stack)
  if (!options.source) {
    // The functions run as deployed: bundled (npm run build), one process each, over the Fn socket.
    console.log('Building the function bundles…')
    await bundle(bundleDir)
  }
  console.log('Starting oci-mcp-functions: identity domain, OCI emulator, functions, edge…')
  const stack = await startStack({
    ...options.stack,
    localDir,
    bundleDir: options.source ? undefined : bundleDir,
    log,
  })
  console.log(banner(stack.info, options.stack.toolsMode))
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

/** Fails with EADDRINUSE when a port the stack will listen on is taken (0, any free port, is never checked). */
async function portsFree(stack: ReturnType<typeof parseStartOptions>['stack']): Promise<void> {
  const host = stack.host ?? '127.0.0.1'
  const emulated = !stack.ociConfig
  const ports = [
    stack.edgePort ?? 8080,
    stack.identityPort ?? 8081,
    ...(emulated ? [stack.ociPort ?? 8082, stack.oicPort ?? 8083] : []),
    ...(stack.everythingBackendPort === undefined ? [] : [stack.everythingBackendPort]),
  ].filter((p) => p !== 0)
  for (const port of ports) {
    await new Promise<void>((resolve, reject) => {
      const probe = createServer()
      probe.once('error', reject)
      probe.listen(port, host, () => probe.close(() => resolve()))
    })
  }
}

main().catch((error: Error) => {
  console.error(`npm start failed: ${error.message}`)
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') console.error(portConflictHint())
  process.exit(1)
})
