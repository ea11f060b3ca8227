// `npm run build`: bundles every function into dist/ — one entry (dist/func.js), one lazily loaded chunk per function.
import { rmSync, writeFileSync } from 'node:fs'
import { build, type Metafile } from 'esbuild'

const ROOT = new URL('..', import.meta.url).pathname
/** The image's entry file in dist/: the Dockerfile's CMD runs it, and the bundles test runs it over the Fn socket. */
export const FUNCTION_ENTRY = 'func.js'

export async function bundle(outdir = `${ROOT}dist`): Promise<Metafile> {
  rmSync(outdir, { recursive: true, force: true })
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { [FUNCTION_ENTRY.replace(/\.js$/, '')]: 'functions/func.ts', cli: 'functions/cli.ts' },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    minify: true,
    keepNames: true,
    metafile: true,
    chunkNames: 'chunks/[name]-[hash]',
    logLevel: 'warning',
    // The OCI SDK and the FDK are CommonJS and require Node built-ins; give the ESM bundle a real require.
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  })
  writeFileSync(`${outdir}/package.json`, '{"type":"module"}\n')
  return result.metafile
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const meta = await bundle()
  for (const [file, out] of Object.entries(meta.outputs)) {
    if (!file.endsWith('.map'))
      console.log(`${file.replace(/^.*dist\//, 'dist/')}  ${(out.bytes / 1024).toFixed(1)} KiB`)
  }
}
