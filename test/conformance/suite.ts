// Runs one official conformance suite (server mode) on Node 22 from npm and reads its per-scenario results.
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const ROOT = new URL('../..', import.meta.url).pathname
/** The suite needs Node 22 (fs.globSync); the `node` dev dependency provides it whatever runs the tests. */
export const NODE22 = join(ROOT, 'node_modules', 'node', 'bin', 'node')

export type SuiteName = 'conformance-2025' | 'conformance-2026'
export interface CheckResult {
  id: string
  status: string
  errorMessage?: string
}

export async function runSuite(
  suite: SuiteName,
  url: string,
  extraArgs: string[] = [],
): Promise<{ scenarios: Map<string, CheckResult[]>; output: string }> {
  const out = mkdtempSync(join(tmpdir(), `${suite}-`))
  try {
    const cli = join(ROOT, 'node_modules', suite, 'dist', 'index.js')
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(NODE22, [cli, 'server', '--url', url, '-o', out, ...extraArgs], {
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_NO_WARNINGS: '1' },
      })
      let text = ''
      child.stdout.on('data', (d) => {
        text += d
      })
      child.stderr.on('data', (d) => {
        text += d
      })
      child.on('error', reject)
      child.on('close', () => resolve(text))
    })
    return { scenarios: readResults(out), output }
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
}

/** The suite writes `<scenario>[-<time>]/checks.json` per scenario. */
function readResults(dir: string): Map<string, CheckResult[]> {
  const results = new Map<string, CheckResult[]>()
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name)
      if (statSync(p).isDirectory()) walk(p)
      else if (name === 'checks.json')
        results.set(d.slice(dir.length + 1), JSON.parse(readFileSync(p, 'utf8')))
    }
  }
  walk(dir)
  return results
}
