// The Resource Manager archive: a valid ZIP (read back by unzip) holding the module and every file it reads.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { parse } from '@cdktf/hcl2json'
import { STACK_WORKING_DIRECTORY, stackArchive } from '../../scripts/stack.ts'

describe('npm run stack', () => {
  it('unzips to a module whose file() references all resolve inside the archive', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stack-'))
    try {
      const { data, names } = stackArchive()
      writeFileSync(join(dir, 'stack.zip'), data)
      execFileSync('unzip', ['-q', '-t', join(dir, 'stack.zip')])
      execFileSync('unzip', ['-q', join(dir, 'stack.zip'), '-d', join(dir, 'x')])
      const work = join(dir, 'x', STACK_WORKING_DIRECTORY)
      const tf = readdirSync(work).filter((f) => f.endsWith('.tf'))
      assert.ok(
        tf.includes('apigateway.tf') &&
          tf.includes('variables.tf') &&
          names.includes('infra/terraform/schema.yaml'),
      )
      let references = 0
      for (const file of tf) {
        const text = readFileSync(join(work, file), 'utf8')
        await parse(file, text)
        for (const [, rel] of text.matchAll(/file\("\$\{path\.module\}\/([^"]+)"\)/g)) {
          references += 1
          assert.doesNotThrow(() => JSON.parse(readFileSync(join(work, rel), 'utf8')), `${file} reads ${rel}`)
        }
      }
      assert.ok(references >= 2)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
