// What a cold function loads before its first answer: the chunks a load hook saw, traced back to their sources.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Metafile } from 'esbuild'
import type { Variant } from './cold-start.ts'
import { table } from './report.ts'

const ROOT = new URL('../..', import.meta.url).pathname

/** A source file's package (node_modules) or folder (ours), which is what the report groups by. */
const owner = (input: string) =>
  /node_modules\/((@[^/]+\/)?[^/]+)/.exec(input)?.[1] ??
  (input.startsWith('oci-mcp-descriptors:')
    ? 'build-time descriptors'
    : input.split('/').slice(0, 2).join('/'))

export async function importReport(
  meta: Metafile,
  dist: string,
  run: (v: Variant, log: string) => Promise<unknown>,
  variants: Variant[],
): Promise<void> {
  const rows: string[][] = []
  for (const v of variants) {
    const dir = mkdtempSync(join(tmpdir(), 'bench-imports-'))
    const log = join(dir, 'loaded.txt')
    try {
      await run(v, log)
      const files = [...new Set(readFileSync(log, 'utf8').split('\n').filter(Boolean))]
      const bytes = new Map<string, number>()
      let total = 0
      for (const url of files) {
        const output = meta.outputs[relative(ROOT, fileURLToPath(url))]
        if (!output) continue
        total += output.bytes
        for (const [input, { bytesInOutput }] of Object.entries(output.inputs))
          bytes.set(owner(input), (bytes.get(owner(input)) ?? 0) + bytesInOutput)
      }
      const top = [...bytes].sort((a, b) => b[1] - a[1])
      const sdk = top.filter(([p]) => p.startsWith('oci-')).map(([p]) => p)
      rows.push([
        v.label,
        String(files.filter((f) => f.startsWith(`file://${dist}`)).length),
        `${(total / 1024).toFixed(0)} KiB`,
        sdk.length ? sdk.join(' ') : 'none',
        top
          .slice(0, 6)
          .map(([p, b]) => `${p} ${(b / 1024).toFixed(0)}`)
          .join(', '),
      ])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }
  console.log('')
  table(['modules loaded by the first answer', 'files', 'code', 'OCI SDK', 'largest (KiB)'], rows)
}
