// The one image, checked offline (no Docker engine here): Dockerfile instructions and func.yaml, parsed, and
// matched against what the build really produces.
import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { bundle, FUNCTION_ENTRY } from '../scripts/build.ts'
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

const [build, runtime] = stages(instructions(read('Dockerfile')))

describe('Dockerfile', () => {
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
    for (const src of copiedSources()) {
      assert.ok(existsSync(`${ROOT}${src}`), `${src} exists`)
      assert.ok(!dockerIgnored(src), `${src} is not in .dockerignore`)
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

/** The build stage's COPY sources, relative to the context. */
const copiedSources = () =>
  build.body.filter((i) => i.op === 'COPY').flatMap((copy) => copy.args.split(/\s+/).slice(0, -1))

/** .dockerignore as Docker reads it: the last pattern that matches a path decides, `!` lets it back in. */
function dockerIgnored(path: string): boolean {
  let ignored = false
  for (const raw of read('.dockerignore').split('\n')) {
    const line = raw.trim()
    if (!line || line.startsWith('#')) continue
    const negated = line.startsWith('!')
    const pattern = negated ? line.slice(1) : line
    const matches = pattern.startsWith('*')
      ? path.endsWith(pattern.slice(1))
      : path === pattern || path.startsWith(`${pattern}/`)
    if (matches) ignored = !negated
  }
  return ignored
}

describe('the image build’s inputs', () => {
  it('has every project file the bundles are built from in the build stage', async () => {
    const out = mkdtempSync(join(tmpdir(), 'image-inputs-'))
    try {
      const metafile = await bundle(out)
      // Files of the project; a plugin's generated modules (namespace:name) are made during the build itself.
      const inputs = Object.keys(metafile.inputs).filter(
        (f) => !f.startsWith('node_modules/') && !f.includes(':'),
      )
      assert.ok(inputs.includes('functions/core/scopes.ts'))
      const sources = copiedSources()
      for (const file of inputs) {
        assert.ok(
          sources.some((src) => file === src || file.startsWith(`${src}/`)),
          `${file} is copied into the build stage`,
        )
        assert.ok(!dockerIgnored(file), `${file} is not left out by .dockerignore`)
      }
    } finally {
      rmSync(out, { recursive: true, force: true })
    }
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
