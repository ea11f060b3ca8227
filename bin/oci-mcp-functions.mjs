#!/usr/bin/env node
// Runs the CLI from the built bundle when there is one, else from the TypeScript sources (a git checkout).
import { existsSync } from 'node:fs'

const built = new URL('../dist/cli.js', import.meta.url)
if (existsSync(built)) {
  await import(built.href)
} else {
  const { register } = await import('tsx/esm/api')
  register()
  await import(new URL('../functions/cli.ts', import.meta.url).href)
}
