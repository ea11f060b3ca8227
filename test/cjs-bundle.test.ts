// The OCI SDK packages the functions load on first use, read from a bundle built as scripts/build.ts builds one:
// a dynamic import of a CommonJS package yields its named exports only through cjsExports.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { build } from 'esbuild'

const ROOT = new URL('..', import.meta.url).pathname

describe('CommonJS packages loaded on first use, in a bundle', () => {
  it('give their classes through cjsExports, though not as named exports of the import', async () => {
    const out = mkdtempSync(join(tmpdir(), 'cjs-bundle-'))
    try {
      await build({
        absWorkingDir: ROOT,
        entryPoints: { entry: 'test/support/cjs-entry.ts' },
        outdir: out,
        bundle: true,
        splitting: true,
        format: 'esm',
        platform: 'node',
        target: 'node20',
        logLevel: 'warning',
        banner: {
          js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
        },
      })
      writeFileSync(join(out, 'package.json'), '{"type":"module"}\n')
      const seen = JSON.parse(execFileSync(process.execPath, [join(out, 'entry.js')], { encoding: 'utf8' }))
      assert.deepEqual(seen, {
        // Why the helper exists: the bundle's namespace has no named exports of a CommonJS package.
        direct: 'undefined',
        SecretsClient: 'function',
        FunctionsInvokeClient: 'function',
        DefaultRequestSigner: 'function',
        ResourcePrincipalAuthenticationDetailsProvider: 'function',
      })
    } finally {
      rmSync(out, { recursive: true, force: true })
    }
  })
})
