#!/usr/bin/env node
// In a checkout (the TypeScript sources beside this file) runs them through tsx, so a stale dist/ left by
// `npm pack` is never what a developer runs; an installed package has no sources and runs the built bundle,
// which needs no dev dependency.
import { existsSync } from 'node:fs'

const sources = new URL('../functions/cli.ts', import.meta.url)
const built = new URL('../dist/cli.js', import.meta.url)
if (existsSync(sources)) {
  const { register } = await import('tsx/esm/api')
  register()
  await import(sources.href)
} else if (existsSync(built)) {
  await import(built.href)
} else {
  console.error(
    'oci-mcp-functions: dist/cli.js is missing from this package; it was packed without `npm run build`.',
  )
  process.exit(1)
}
