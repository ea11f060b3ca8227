// Image build step: starts every bundled function once and asks it for tools/list, so that Node 22 writes its
// compile cache (NODE_COMPILE_CACHE) for what a cold start loads; the image then starts from cached code.
// Usage: NODE_COMPILE_CACHE=<dir> node scripts/warm-compile-cache.mjs <dist>/func.js
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'

const entry = process.argv[2]
if (!entry || !process.env.NODE_COMPILE_CACHE) {
  console.error('usage: NODE_COMPILE_CACHE=<dir> node scripts/warm-compile-cache.mjs <dist>/func.js')
  process.exit(2)
}
// Node writes the cache at a clean exit; SIGTERM alone is not one.
const EXIT_ON_TERM = `data:text/javascript,process.on('SIGTERM',()=>process.exit(0))`
const names = JSON.parse(readFileSync(join(dirname(entry), 'functions.json'), 'utf8'))

const call = (socketPath, fn, body) =>
  new Promise((resolve, reject) => {
    const req = request(
      {
        socketPath,
        path: '/call',
        method: 'POST',
        headers: {
          'Fn-Call-Id': 'warm',
          'Fn-Deadline': new Date(Date.now() + 30_000).toISOString(),
          'Fn-Intent': 'httprequest',
          'Fn-Http-Method': 'POST',
          'Fn-Http-Request-Url': fn === 'router' ? '/mcp' : `/mcp/${fn}`,
          'Fn-Http-H-X-Mcp-Claim-Sub': 'warm',
          'Fn-Http-H-X-Mcp-Claim-Scope': 'oci-mcp.read',
          'Content-Type': 'application/json',
        },
      },
      (res) => res.resume().on('end', resolve),
    )
    req.on('error', reject)
    req.end(body)
  })

for (const fn of names) {
  const dir = mkdtempSync(join(tmpdir(), 'warm-'))
  const socket = join(dir, 'lsnr.sock')
  const child = spawn(process.execPath, ['--import', EXIT_ON_TERM, entry], {
    env: {
      ...process.env,
      MCP_FUNCTION: fn,
      FN_FORMAT: 'http-stream',
      FN_LISTENER: `unix:${socket}`,
      MCP_VERIFY_TOKEN: 'false',
      MCP_TRUST_CLAIM_HEADERS: 'true',
      MCP_FN_SOCKET_DIR: dir,
    },
    stdio: 'ignore',
  })
  const deadline = Date.now() + 30_000
  while (!existsSync(socket) && child.exitCode === null && Date.now() < deadline) await sleep(20)
  if (existsSync(socket)) {
    for (const method of ['initialize', 'tools/list'])
      await call(socket, fn, JSON.stringify({ jsonrpc: '2.0', id: 1, method, params: {} })).catch(
        () => undefined,
      )
  }
  if (child.exitCode === null) {
    const exited = once(child, 'exit')
    child.kill('SIGTERM')
    await exited
  }
  rmSync(dir, { recursive: true, force: true })
  console.log(`compile cache warmed: ${fn}`)
}
