// The official MCP conformance suites through the local edge: against the conformance fixture function and
// against the OCI endpoint. Every scenario passes or is listed, with its reason, in expectations.ts.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { testStack } from '../support/stack.ts'
import { bearerProxy } from './bearer-proxy.ts'
import { RUNS } from './expectations.ts'
import { type CheckResult, runSuite } from './suite.ts'

const FIXTURE_PATH = '/mcp/conformance'
let env: Awaited<ReturnType<typeof testStack>>
let proxy: Awaited<ReturnType<typeof bearerProxy>>

before(async () => {
  env = await testStack({
    extraFunctions: [
      {
        name: 'conformance',
        entry: new URL('./fixture-function.ts', import.meta.url).pathname,
        path: FIXTURE_PATH,
      },
    ],
  })
  // A token is minted per request: the suites run for longer than nothing, and tokens are short-lived.
  let token = await env.clientToken()
  const refresh = setInterval(async () => {
    token = await env.clientToken().catch(() => token)
  }, 60_000)
  refresh.unref()
  proxy = await bearerProxy(env.info.edgeUrl, () => token)
})
after(async () => {
  await proxy?.close()
  await env?.close()
})

/** A scenario passes when a check succeeded and none failed; only INFO/WARNING checks mean it was not exercised. */
export function scenarioPassed(checks: CheckResult[]): boolean {
  return checks.some((c) => c.status === 'SUCCESS') && !checks.some((c) => c.status === 'FAILURE')
}

const scenarioOf = (dir: string) => dir.replace(/^server-/, '').replace(/-\d{4}-\d\d-\d\dT[\d-]+Z$/, '')

for (const run of RUNS) {
  describe(`${run.suite.replace('conformance-', 'suite ')} ${run.suiteVersion} (${run.revision}) against the ${run.target}`, () => {
    it('passes every scenario not listed as not applicable or waiting', async () => {
      const path = run.target === 'fixture' ? FIXTURE_PATH : '/mcp'
      const { scenarios, output } = await runSuite(run.suite, `${proxy.url}${path}`, run.args)
      const results = new Map([...scenarios].map(([dir, checks]) => [scenarioOf(dir), checks]))
      assert.ok(results.size > 0, `the suite ran no scenario:\n${output.slice(-2000)}`)
      assert.deepEqual(
        [...results.keys()].sort(),
        Object.keys(run.scenarios).sort(),
        'the scenarios the suite ran are the ones expectations.ts lists',
      )
      const wrong: string[] = []
      for (const [name, checks] of results) {
        const expected = run.scenarios[name]
        const passed = scenarioPassed(checks)
        const failures = checks.filter((c) => c.status === 'FAILURE').map((c) => `${c.id}: ${c.errorMessage}`)
        if (expected.result === 'pass' && !passed) wrong.push(`${name} failed: ${failures.join('; ')}`)
        if (expected.result !== 'pass' && passed) wrong.push(`${name} now passes: list it as a pass`)
      }
      assert.deepEqual(wrong, [])
    })
  })
}
