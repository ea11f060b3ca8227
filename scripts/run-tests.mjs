// Runs the test suites with Node's own test runner; TypeScript is loaded through tsx.
import { spawnSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const which = process.argv[2] ?? 'all'

function collect(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue
    const path = join(dir, name)
    if (statSync(path).isDirectory()) collect(path, out)
    else if (name.endsWith('.test.ts')) out.push(relative(root, path))
  }
  return out
}

const all = collect(root).sort()
const isE2e = (f) => f.startsWith('test/')
const files = which === 'unit' ? all.filter((f) => !isE2e(f)) : which === 'e2e' ? all.filter(isE2e) : all
if (files.length === 0) {
  console.error(`no test files for '${which}'`)
  process.exit(1)
}
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files],
  { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_NO_WARNINGS: '1' } },
)
process.exit(result.status ?? 1)
