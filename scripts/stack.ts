// `npm run stack`: the OCI Resource Manager stack archive — the Terraform module plus the specifications it reads.
// Upload it as a stack with working directory `infra/terraform`.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { zip } from './zip.ts'

const ROOT = new URL('..', import.meta.url).pathname
export const STACK_WORKING_DIRECTORY = 'infra/terraform'

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (name.startsWith('.') || name.endsWith('.tfstate') || name === 'terraform.tfvars') return []
    return statSync(path).isDirectory() ? files(path) : [path]
  })
}

export function stackArchive(): { names: string[]; data: Buffer } {
  const paths = [
    ...files(join(ROOT, 'infra/terraform')),
    join(ROOT, 'infra/routes.json'),
    join(ROOT, 'infra/events/bindings.json'),
  ]
  const entries = paths.sort().map((p) => ({ name: relative(ROOT, p), data: readFileSync(p) }))
  return { names: entries.map((e) => e.name), data: zip(entries) }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { names, data } = stackArchive()
  mkdirSync(join(ROOT, 'dist'), { recursive: true })
  const out = join(ROOT, 'dist/oci-mcp-functions-stack.zip')
  writeFileSync(out, data)
  console.log(`${relative(ROOT, out)}: ${names.length} files, ${(data.length / 1024).toFixed(1)} KiB`)
  console.log(
    `Create the stack from it in OCI Resource Manager with working directory ${STACK_WORKING_DIRECTORY}.`,
  )
}
