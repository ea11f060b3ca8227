// The Terraform module is well formed: it parses, its references resolve, its variables are documented and in
// the Resource Manager schema, and what it deploys comes from infra/routes.json and functions/core/config.ts.
import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { before, describe, it } from 'node:test'
import { SETTINGS } from '../../functions/core/config.ts'
import { FUNCTION_NAMES } from '../../functions/registry.ts'
import { GROUP_CATALOGS, GROUP_NAMES } from '../../functions/router/groups.ts'
import { allowedScopes, loadRoutes, type RoutesSpec, zeroHopKeys } from '../../infra/routes.ts'
import {
  block,
  type Json,
  loadModule,
  MODULE_DIR,
  moduleFromText,
  parseFile,
  squash,
  type TfModule,
} from './hcl-module.ts'
import {
  configKeys,
  configKeyViolations,
  hardCodedRoutePaths,
  schemaViolations,
  unguardedUses,
  unresolvedReferences,
  variableDocViolations,
} from './rules.ts'
import { parseYaml } from './yaml-subset.ts'

const FILES = [
  'apigateway.tf',
  'events.tf',
  'functions.tf',
  'iam.tf',
  'identity_domain.tf',
  'locals.tf',
  'logging.tf',
  'main.tf',
  'network.tf',
  'oauth.tf',
  'outputs.tf',
  'variables.tf',
  'versions.tf',
]

/** Deployed, the functions read the exchange client's secret from the Vault secret this key names. */
const SECRET_OCID_KEY = 'MCP_TOKEN_EXCHANGE_CLIENT_SECRET_OCID'

let mod: TfModule
let spec: RoutesSpec
const local = (name: string) => squash(String(mod.locals.get(name)))

before(async () => {
  mod = await loadModule()
  spec = loadRoutes()
})

describe('terraform module: parsing and references', () => {
  it('parses every .tf file with the HCL parser', () => {
    assert.deepEqual(
      mod.files.map((f) => f.name),
      FILES,
    )
  })

  it('rejects a file that is not HCL', async () => {
    await assert.rejects(parseFile('broken.tf', 'resource "oci_core_vcn" "x" {\n  cidr_blocks = [\n}\n'))
  })

  it('resolves every var., local., data. and resource reference, and uses no module', () => {
    assert.deepEqual(unresolvedReferences(mod), [])
  })

  it('catches references to undeclared things', async () => {
    const bad = await moduleFromText(`
      locals { a = "\${var.missing}-\${local.nowhere}" }
      output "x" { value = "\${oci_core_vcn.ghost.id}\${data.oci_core_services.none.id}\${module.m.x}" }
    `)
    assert.equal(unresolvedReferences(bad).length, 5)
  })

  it('documents every variable with a description and a type', () => {
    assert.deepEqual(variableDocViolations(mod), [])
  })

  it('catches a variable without a description or a type', async () => {
    const bad = await moduleFromText('variable "a" { default = 1 }\nvariable "b" {\n  type = string\n}\n')
    assert.deepEqual(variableDocViolations(bad), ['a: no description', 'a: no type', 'b: no description'])
  })
})

describe('terraform module: Resource Manager schema and tfvars example', () => {
  const schema = () => parseYaml(readFileSync(join(MODULE_DIR, 'schema.yaml'), 'utf8'))

  it('describes every variable in schema.yaml, in one group, with a title and the right required flag', () => {
    assert.deepEqual(schemaViolations(mod, schema()), [])
  })

  it('catches a schema that misses a variable or gets its flags wrong', () => {
    const s = structuredClone(schema()) as { variables: Record<string, Record<string, Json>> }
    delete s.variables.region
    s.variables.image.required = false
    s.variables.enable_mutations.type = 'string'
    const found = schemaViolations(mod, s)
    assert.ok(found.includes('region: missing from schema variables'))
    assert.ok(found.includes('image: required should be true'))
    assert.ok(found.some((v) => v.startsWith('enable_mutations: schema type string')))
  })

  it('reads schema.yaml strictly: YAML it does not support is an error, not a guess', () => {
    assert.throws(() => parseYaml('variables: [a, b]\n'), SyntaxError)
    assert.throws(() => parseYaml('a: 1\n  b: 2\n'), SyntaxError)
    assert.deepEqual(parseYaml('a:\n  - x\n  - k: 1\n    j: "two"\n'), { a: ['x', { k: 1, j: 'two' }] })
  })

  it('sets only declared variables in terraform.tfvars.example, and every required one', async () => {
    const example = await parseFile(
      'tfvars',
      readFileSync(join(MODULE_DIR, 'terraform.tfvars.example'), 'utf8'),
    )
    const set = Object.keys(example.json)
    for (const name of set) assert.ok(mod.variables.has(name), `${name} is not a variable`)
    for (const [name, body] of mod.variables) {
      if (!('default' in body)) assert.ok(set.includes(name), `${name} is required but not in the example`)
    }
  })
})

describe('terraform module: built from infra/routes.json', () => {
  it('reads routes.json with jsondecode(file()) from the folder above', () => {
    assert.equal(local('spec'), '${jsondecode(file("${path.module}/../routes.json"))}')
    assert.ok(existsSync(resolve(MODULE_DIR, '../routes.json')))
    // The MCP routes; the anonymous ones are the OAuth facade's (local.oauth_routes).
    assert.equal(local('routes'), '${[for r in local.spec.routes : r if !try(r.anonymous, false)]}')
    assert.equal(local('oauth_routes'), '${[for r in local.spec.routes : r if try(r.anonymous, false)]}')
    assert.equal(local('auth'), '${local.spec.authentication}')
    assert.equal(local('prefix'), '${local.spec.scopePrefix}')
    assert.equal(local('groups'), '${[for r in local.routes : r.group if try(r.group, null) != null]}')
  })

  it('builds the MCP routes from local.routes: path, methods, function and scopes of each', () => {
    const specification = block(mod.resources.get('oci_apigateway_deployment.mcp')?.specification)
    const routes = ((specification.dynamic ?? {}) as Record<string, Json>).routes as Record<string, Json>[]
    const mcp = routes.find((r) => r.for_each === '${{ for r in local.routes : r.path => r }}')
    assert.ok(mcp, 'a dynamic routes block iterates local.routes')
    const content = block(mcp.content)
    assert.equal(content.path, '${routes.value.path}')
    assert.equal(content.methods, '${routes.value.methods}')
    // One function per route, except where routes.json names a zeroHop: dynamic routing on that header.
    const backend = block(content.backend)
    const zeroHop = 'contains(keys(local.zero_hop_keys), routes.value.path)'
    assert.equal(backend.type, `\${${zeroHop} ? "DYNAMIC_ROUTING_BACKEND" : "ORACLE_FUNCTIONS_BACKEND"}`)
    assert.equal(backend.function_id, `\${${zeroHop} ? null : local.function_ids[routes.value.function]}`)
    const dyn = backend.dynamic as Record<string, Record<string, Json>[]>
    assert.equal(
      block(dyn.selection_source[0].content).selector,
      'request.headers[${selection_source.value}]',
    )
    const [byKey, fallback] = dyn.routing_backends
    assert.equal(byKey.for_each, '${try(local.zero_hop_keys[routes.value.path], [])}')
    assert.deepEqual(block(block(byKey.content).key), {
      type: 'WILDCARD',
      name: '${routing_backends.value.name}',
      expression: '${routing_backends.value.expression}',
      is_default: false,
    })
    assert.equal(
      block(block(byKey.content).backend).function_id,
      '${local.function_ids[routing_backends.value.function]}',
    )
    assert.equal(block(block(fallback.content).key).is_default, true)
    assert.equal(
      block(block(fallback.content).backend).function_id,
      '${local.function_ids[routing_backends.value]}',
    )
    const authorization = block(block(content.request_policies).authorization)
    assert.equal(authorization.allowed_scope, '${local.route_scopes[routes.value.path]}')
    assert.equal(
      specification.routes,
      undefined,
      'no static routes block: every route comes from routes.json',
    )
  })

  it('computes the zero-hop keys as zeroHopKeys in infra/routes.ts does', () => {
    // The HCL, word for word; the function below is its transliteration.
    assert.equal(
      local('zero_hop_keys'),
      squash(`\${{ for r in local.routes : r.path => concat(
        [for g, f in local.group_function : { name = g, expression = replace(r.zeroHop.groupKey, "{group}", g), function = f }],
        [for i, k in try(r.zeroHop.keys, []) : { name = "\${k.group}-\${i + 1}", expression = k.expression, function = local.group_function[k.group] }],
      ) if try(r.zeroHop, null) != null }}`),
    )
    const groupFunction = Object.fromEntries(
      spec.routes.flatMap((r) => (r.group ? [[r.group, r.function]] : [])),
    ) as Record<string, string>
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name)
    for (const route of spec.routes.filter((r) => r.zeroHop)) {
      const z = route.zeroHop as NonNullable<typeof route.zeroHop>
      const terraformKeys = [
        ...Object.entries(groupFunction).map(([g, f]) => ({
          name: g,
          expression: z.groupKey.replace('{group}', g),
          function: f,
        })),
        ...(z.keys ?? []).map((k, i) => ({
          name: `${k.group}-${i + 1}`,
          expression: k.expression,
          function: groupFunction[k.group],
        })),
      ]
      assert.deepEqual(terraformKeys.sort(byName), zeroHopKeys(spec, route).sort(byName), route.path)
    }
  })

  it('computes each route’s ANY_OF scopes as allowedScopes in infra/routes.ts does', () => {
    // The HCL, word for word; the function below is its transliteration.
    assert.equal(
      local('route_scopes'),
      squash(`\${{ for r in local.routes : r.path => concat(
        ["\${local.prefix}.read", "\${local.prefix}.write"],
        flatten([for g in try([r.group], local.groups) : ["\${local.prefix}.\${g}.read", "\${local.prefix}.\${g}.write"]]),
      ) }}`),
    )
    const groups = spec.routes.flatMap((r) => (r.group ? [r.group] : []))
    const p = spec.scopePrefix
    const terraformScopes = (r: RoutesSpec['routes'][number]) => [
      `${p}.read`,
      `${p}.write`,
      ...(r.group !== undefined ? [r.group] : groups).flatMap((g) => [`${p}.${g}.read`, `${p}.${g}.write`]),
    ]
    for (const route of spec.routes)
      assert.deepEqual(terraformScopes(route), allowedScopes(spec, route), route.path)
  })

  it('serves metadata only at the metadata path and its path-inserted forms, naming each route’s resource', () => {
    assert.equal(
      local('metadata_routes'),
      squash(`\${merge(
        { (local.spec.metadataPath) = local.router_path },
        { for r in local.routes : "\${local.spec.metadataPath}\${r.path}" => r.path },
      )}`),
    )
    assert.equal(
      local('router_path'),
      '${one([for r in local.routes : r.path if try(r.group, null) == null])}',
    )
    // Evaluated: the anonymous paths are the metadata path and its path-inserted forms, never an MCP route.
    const anonymous = [spec.metadataPath, ...spec.routes.map((r) => `${spec.metadataPath}${r.path}`)]
    for (const path of anonymous) {
      assert.ok(path === spec.metadataPath || path.startsWith(`${spec.metadataPath}/`), path)
      assert.ok(!spec.routes.some((r) => r.path === path), `${path} is not an MCP route`)
    }
  })

  it('deploys one function per routes.json function, plus events, from the one image', () => {
    assert.equal(
      local('group_functions'),
      '${toset([for r in local.routes : r.function if try(r.group, null) != null])}',
    )
    assert.equal(
      local('worker_functions'),
      '${setunion(local.group_functions, ["events", local.oauth_function])}',
    )
    assert.equal(local('oauth_function'), '${local.spec.authorizationServer.function}')
    assert.equal(mod.resources.get('oci_functions_function.fn')?.for_each, '${local.worker_functions}')
    assert.equal(mod.resources.get('oci_functions_function.router')?.display_name, '${local.router_function}')
    for (const address of ['oci_functions_function.fn', 'oci_functions_function.router']) {
      assert.equal(mod.resources.get(address)?.image, '${var.image}')
    }
    for (const r of spec.routes)
      assert.ok(FUNCTION_NAMES.includes(r.function), `${r.function} is in the image`)
  })

  it('writes no route path literally', async () => {
    const paths = [...spec.routes.map((r) => r.path), spec.metadataPath]
    assert.deepEqual(hardCodedRoutePaths(mod, paths), [])
    const bad = await moduleFromText('locals {\n  extra = { path = "/mcp/compute" }\n  m = "/mcp"\n}\n')
    assert.equal(hardCodedRoutePaths(bad, paths).length, 2)
  })
})

describe('terraform module: function configuration', () => {
  const allowed = new Set<string>(SETTINGS.map((s) => s.name))

  it('uses only configuration names from functions/core/config.ts', () => {
    assert.deepEqual(configKeyViolations(mod, allowed), [])
  })

  it('catches a configuration key that no function reads', async () => {
    const bad = await moduleFromText(
      'resource "oci_functions_function" "f" {\n  config = merge(local.a, { MCP_TYPO = "1" })\n}\n',
    )
    assert.deepEqual(configKeyViolations(bad, allowed), ['MCP_TYPO is not a known setting'])
  })

  it('configures what each function needs, and never the client secret itself', () => {
    const used = configKeys(mod)
    for (const k of [
      'MCP_FUNCTION',
      'OCI_AUTH',
      'MCP_ENABLE_MUTATIONS',
      'MCP_TOKEN_AUDIENCE',
      'MCP_JWKS_URL',
      'MCP_RESOURCE_METADATA_URL',
      'MCP_TOKEN_EXCHANGE_URL',
      'MCP_TOKEN_EXCHANGE_CLIENT_ID',
      SECRET_OCID_KEY,
      'MCP_INVOKER',
      'MCP_INVOKE_ENDPOINT',
      'MCP_GROUP_FUNCTION_IDS',
      'MCP_EVENT_BINDINGS',
      'OCI_REGION',
      'OCI_COMPARTMENT_ID',
    ]) {
      assert.ok(used.has(k), `${k} is configured`)
    }
    assert.ok(!used.has('MCP_TOKEN_EXCHANGE_CLIENT_SECRET'), 'the client secret is never in configuration')
    assert.ok(!used.has('OIC_CLIENT_SECRET'), 'nor the OIC client secret')
    const router = local('router_config')
    for (const k of ['MCP_INVOKER = "oci"', 'OCI_AUTH = "resource_principal"', 'MCP_GROUP_FUNCTION_IDS']) {
      assert.ok(router.includes(k), `router: ${k}`)
    }
  })

  it('passes infra/events/bindings.json to the events function, within the 4 KB configuration limit', () => {
    assert.equal(local('event_spec'), '${jsondecode(file("${path.module}/../events/bindings.json"))}')
    assert.deepEqual(mod.locals.get('events_config'), {
      MCP_EVENT_BINDINGS: '${jsonencode(local.event_spec)}',
    })
    const bindings = JSON.parse(readFileSync(resolve(MODULE_DIR, '../events/bindings.json'), 'utf8')) as {
      bindings: { tool: string }[]
    }
    // Evaluated as event_groups is: every bound tool's group must be a group the gateway serves.
    const groups = spec.routes.flatMap((r) => (r.group ? [r.group] : []))
    for (const b of bindings.bindings) assert.ok(groups.includes(b.tool.split('_')[0]), b.tool)
    // The events function's whole configuration, with an OCID and a region of generous length.
    const config = {
      MCP_FUNCTION: 'events',
      OCI_AUTH: 'resource_principal',
      MCP_ENABLE_MUTATIONS: 'false',
      OCI_REGION: 'x'.repeat(30),
      OCI_COMPARTMENT_ID: 'x'.repeat(120),
      MCP_EVENT_BINDINGS: JSON.stringify(bindings),
    }
    const size = Object.entries(config).reduce((n, [k, v]) => n + k.length + Buffer.byteLength(v), 0)
    assert.ok(size <= 4096, `events configuration is about ${size} bytes`)
  })

  it('has IAM tool grants for every group in routes.json, and for no other', () => {
    const grants = mod.locals.get('tool_grants') as Record<string, Json>
    const groups = spec.routes.flatMap((r) => (r.group ? [r.group] : []))
    for (const g of groups) assert.ok(g in grants, `tool_grants.${g}`)
    assert.deepEqual(Object.keys(grants).sort(), [...groups].sort())
    assert.deepEqual([...groups].sort(), [...GROUP_NAMES].sort(), 'routes.json serves every group catalog')
  })

  it('fits each group’s grants to its tools: write grants exactly for groups with write tools that sign OCI requests', () => {
    const grants = mod.locals.get('tool_grants') as Record<string, Record<string, Json>>
    for (const catalog of GROUP_CATALOGS) {
      const entry = grants[catalog.group]
      const read = entry.read as string[]
      const write = entry.write as string[]
      assert.ok(Array.isArray(read) && Array.isArray(write), `${catalog.group}: read and write lists`)
      const signs = entry.signs_oci_requests !== false
      const writes = catalog.tools.some((t) => t.access === 'write')
      if (!signs) assert.deepEqual([...read, ...write], [], `${catalog.group} signs no OCI request`)
      else {
        assert.ok(read.length > 0, `${catalog.group}: read grants`)
        assert.equal(write.length > 0, writes, `${catalog.group}: write grants iff write tools`)
      }
    }
    assert.equal(grants.integration.signs_oci_requests, false, 'integration calls OIC with its own token')
  })

  it('gives the exchange client and its secret only to group functions that sign OCI requests', async () => {
    assert.equal(
      local('exchange_functions'),
      '${toset([ for f, g in local.function_group : f if local.token_exchange && try(local.tool_grants[g].signs_oci_requests, true) ])}',
    )
    const configGuard =
      '{ for k, v in local.exchange_config : k => v if contains(local.exchange_functions, name) }'
    const grantGuard = 'contains(local.exchange_functions, f) ? local.exchange_secret_grants : []'
    assert.deepEqual(unguardedUses(mod, 'exchange_config', [configGuard]), [])
    assert.deepEqual(unguardedUses(mod, 'exchange_secret_grants', [grantGuard]), [])
    assert.ok(local('worker_config').includes(configGuard))
    assert.ok(local('function_grants').includes(grantGuard))
    assert.ok(
      local('worker_config').includes(
        'OCI_AUTH = contains(local.exchange_functions, name) ? "token_exchange" : "resource_principal"',
      ),
    )
    const bad = await moduleFromText(`
      locals {
        worker_config = { for name in local.w : name => merge({ for k, v in local.exchange_config : k => v if name != "events" }) }
      }
    `)
    assert.equal(unguardedUses(bad, 'exchange_config', [configGuard]).length, 1)
  })
})
