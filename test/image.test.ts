// The one image, checked offline (no Docker engine here): Dockerfile instructions and func.yaml, parsed, and
// matched against what the build really produces.
import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { FUNCTION_ENTRY } from '../scripts/build.ts'
import { parseYaml } from './terraform/yaml-subset.ts'

const ROOT = new URL('..', import.meta.url).pathname
const read = (f: string) => readFileSync(`${ROOT}${f}`, 'utf8')

interface Instruction {
  op: string
  args: string
  line: number
}

/** Dockerfile instructions: comments dropped, `\` continuations joined. */
function instructions(text: string): Instruction[] {
  const out: Instruction[] = []
  let pending = ''
  let start = 0
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim()
    if (!pending && (line === '' || line.startsWith('#'))) return
    if (!pending) start = i + 1
    pending += `${line.replace(/\\$/, '')} `
    if (line.endsWith('\\')) return
    const [op, ...rest] = pending.trim().split(/\s+/)
    out.push({ op: op.toUpperCase(), args: rest.join(' '), line: start })
    pending = ''
  })
  return out
}

function stages(list: Instruction[]) {
  const result: { from: string; name?: string; body: Instruction[] }[] = []
  for (const ins of list) {
    if (ins.op === 'FROM') {
      const [image, as, name] = ins.args.split(/\s+/)
      result.push({ from: image, name: as?.toUpperCase() === 'AS' ? name : undefined, body: [] })
    } else result.at(-1)?.body.push(ins)
  }
  return result
}

describe('Dockerfile', () => {
  const all = instructions(read('Dockerfile'))
  const [build, runtime] = stages(all)

  it('has a build stage and a Node 22 runtime stage', () => {
    assert.ok(build?.name && runtime, 'two stages')
    assert.match(runtime.from, /^node:22(\.|-|$)/)
  })

  it('runs the bundle as a non-root user with node dist/func.js', () => {
    const user = runtime.body.filter((i) => i.op === 'USER').at(-1)
    assert.ok(user && !['root', '0', '0:0'].includes(user.args), 'a non-root USER in the final stage')
    const cmd = runtime.body.filter((i) => i.op === 'CMD').at(-1)
    assert.ok(cmd, 'a CMD')
    const argv = JSON.parse(cmd.args) as string[]
    assert.equal(argv[0], 'node')
    // The bundles test runs this same file over the Fn socket, so CMD names a file the build makes and that works.
    assert.equal(argv.at(-1), `dist/${FUNCTION_ENTRY}`)
  })

  it('copies only the bundles into the runtime image, from the build stage', () => {
    const copies = runtime.body.filter((i) => i.op === 'COPY')
    assert.deepEqual(
      copies.map((c) => c.args),
      [`--from=${build.name} /src/dist ./dist`],
    )
  })

  it('builds from files that exist and that .dockerignore lets in', () => {
    const ignored = read('.dockerignore').split('\n').filter(Boolean)
    for (const copy of build.body.filter((i) => i.op === 'COPY')) {
      const sources = copy.args.split(/\s+/).slice(0, -1)
      for (const src of sources) {
        assert.ok(existsSync(`${ROOT}${src}`), `${src} exists (line ${copy.line})`)
        assert.ok(
          !ignored.some((p) => src === p || src.startsWith(`${p}/`)),
          `${src} is not in .dockerignore`,
        )
      }
    }
    assert.ok(
      build.body.some((i) => i.op === 'RUN' && /\bnpm ci\b/.test(i.args)),
      'installs from the lock file',
    )
    assert.ok(
      build.body.some((i) => i.op === 'RUN' && i.args.includes('scripts/build.ts')),
      'runs the project build',
    )
  })
})

describe('func.yaml', () => {
  const fn = parseYaml(read('func.yaml')) as Record<string, unknown>
  it('is an Fn schema 20180708 definition of a docker-runtime function within the platform limits', () => {
    assert.equal(fn.schema_version, 20180708)
    assert.equal(fn.runtime, 'docker')
    assert.equal(fn.name, JSON.parse(read('package.json')).name)
    assert.ok(Number(fn.memory) >= 128 && Number(fn.memory) <= 3072, 'memory 128–3072 MB')
    assert.ok(Number(fn.timeout) >= 1 && Number(fn.timeout) <= 300, 'timeout ≤ 300 s')
  })
})
