// Zero-hop routing keys (routes.json zeroHop) against the catalogs: every group's tool and resource selects its
// own function, the router's own tools select none, and the WILDCARD match is API Gateway's.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { DISCOVERY_TOOLS } from '../functions/router/discovery.ts'
import { GATEWAY_TOOLS } from '../functions/router/gateway-tools.ts'
import { GROUP_CATALOGS } from '../functions/router/groups.ts'
import { loadRoutes, wildcardMatches, zeroHopKeys } from './routes.ts'

const spec = loadRoutes()
const mcp = spec.routes.find((r) => r.path === '/mcp')
assert.ok(mcp?.zeroHop, '/mcp routes on Mcp-Name')
const keys = zeroHopKeys(spec, mcp)
const functionOfGroup = new Map(spec.routes.flatMap((r) => (r.group ? [[r.group, r.function]] : [])))
/** Which functions a header value selects: exactly one, or none for the router. */
const selected = (value: string) =>
  keys.filter((k) => wildcardMatches(k.expression, value)).map((k) => k.function)

describe('zero-hop keys', () => {
  it('send every tool of every group to that group’s function, and only there', () => {
    for (const catalog of GROUP_CATALOGS)
      for (const tool of catalog.tools)
        assert.deepEqual(selected(tool.name), [functionOfGroup.get(catalog.group)], tool.name)
  })

  it('send every resource a group serves to that group’s function', () => {
    for (const catalog of GROUP_CATALOGS) {
      const uris = [
        ...(catalog.resources ?? []).map((r) => r.uri),
        // A concrete URI for each template: its variables filled in.
        ...(catalog.resourceTemplates ?? []).map((t) => t.uriTemplate.replace(/\{[^}]+\}/g, 'x')),
      ]
      for (const uri of uris) assert.deepEqual(selected(uri), [functionOfGroup.get(catalog.group)], uri)
    }
  })

  it('leave the router’s own tools, and names of no group, with the router', () => {
    for (const tool of [...DISCOVERY_TOOLS, ...GATEWAY_TOOLS])
      assert.deepEqual(selected(tool.name), [], tool.name)
    for (const name of ['everything__echo', 'computer_x', 'Compute_list_instances', 'compute_', ''])
      assert.deepEqual(selected(name), [], name)
  })
})

describe('wildcardMatches (API Gateway WILDCARD keys)', () => {
  it('takes * as zero or more and + as one or more characters, at the end or the start, case-sensitive', () => {
    assert.ok(wildcardMatches('compute_*', 'compute_'))
    assert.ok(!wildcardMatches('compute_+', 'compute_'))
    assert.ok(wildcardMatches('compute_+', 'compute_list'))
    assert.ok(!wildcardMatches('compute_+', 'Compute_list'))
    assert.ok(wildcardMatches('+.xml', 'a.xml'))
    assert.ok(!wildcardMatches('+.xml', '.xml'))
    assert.ok(wildcardMatches('exact', 'exact'))
    assert.ok(!wildcardMatches('exact', 'exactly'))
  })
})
