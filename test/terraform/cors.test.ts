// The gateway's CORS policy and the functions' Origin check come from one variable, and never allow any origin.
import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { block, type Json, loadModule, type TfModule } from './hcl-module.ts'

let mod: TfModule
before(async () => {
  mod = await loadModule()
})

const corsBlocks = () => {
  const specification = block(mod.resources.get('oci_apigateway_deployment.mcp')?.specification)
  return ((block(specification.request_policies).dynamic ?? {}) as Record<string, Json>).cors as Record<
    string,
    Json
  >[]
}

describe('terraform: CORS and allowed origins', () => {
  it('sets the deployment’s CORS policy from cors_allowed_origins, only when it lists any', () => {
    const [cors] = corsBlocks()
    assert.ok(cors, 'a dynamic cors block in request_policies')
    assert.equal(cors.for_each, '${length(var.cors_allowed_origins) > 0 ? [var.cors_allowed_origins] : []}')
    const content = block(cors.content)
    assert.equal(content.allowed_origins, '${cors.value}')
    assert.equal(content.is_allow_credentials_enabled, false)
    for (const header of ['Authorization', 'Content-Type', 'Mcp-Protocol-Version'])
      assert.ok((content.allowed_headers as string[]).includes(header), header)
    assert.ok((content.exposed_headers as string[]).includes('WWW-Authenticate'))
  })

  it('allows no wildcard origin anywhere in the module', () => {
    const text = JSON.stringify(corsBlocks())
    assert.doesNotMatch(text, /"\*"/)
  })

  it('hands the same list to the functions as MCP_ALLOWED_ORIGINS', () => {
    const http = mod.locals.get('http_config') as Record<string, Json>
    assert.equal(http.MCP_ALLOWED_ORIGINS, '${join(",", var.cors_allowed_origins)}')
  })

  it('accepts only origins in the variable: scheme and host, no path or wildcard', () => {
    const variable = mod.variables.get('cors_allowed_origins') as Record<string, Json>
    assert.deepEqual(variable.default, [])
    const validation = block(variable.validation)
    assert.match(String(validation.condition), /regex\("\^https\?:\/\/\[\^\/\*\\\\s\]\+\$", o\)/)
    // The same pattern, run here: what it lets through is what the functions can parse as an origin.
    const pattern = /^https?:\/\/[^/*\s]+$/
    for (const ok of ['https://app.example', 'http://localhost:6274']) assert.match(ok, pattern)
    for (const bad of ['*', 'https://*.example', 'https://app.example/path', 'app.example'])
      assert.doesNotMatch(bad, pattern)
  })
})
