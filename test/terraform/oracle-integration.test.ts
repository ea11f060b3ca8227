// The integration group's Oracle Integration connection in the Terraform module: optional variables, OIC_*
// settings for the integration function only and only when configured, and a grant to read exactly its client's
// Vault secret. Each rule also runs on a bad snippet to show it can fail.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { before, describe, it } from 'node:test'
import { SETTINGS } from '../../functions/core/config.ts'
import { loadRoutes, type RoutesSpec } from '../../infra/routes.ts'
import {
  type Body,
  block,
  loadModule,
  MODULE_DIR,
  moduleFromText,
  parseFile,
  squash,
  type TfModule,
} from './hcl-module.ts'
import { policyStatements, secretGrantViolations, settingsOutside, unguardedUses } from './rules.ts'
import { parseYaml } from './yaml-subset.ts'

const OIC_VARIABLES = [
  'oic_instance_url',
  'oic_integration_instance',
  'oic_token_url',
  'oic_client_id',
  'oic_client_secret_ocid',
  'oic_scope',
]

/** What functions/integration reads; OIC_CLIENT_SECRET (the plain secret) is for local runs only. */
const OIC_KEYS = [
  'OIC_INSTANCE_URL',
  'OIC_INTEGRATION_INSTANCE',
  'OIC_TOKEN_URL',
  'OIC_CLIENT_ID',
  'OIC_CLIENT_SECRET_OCID',
  'OIC_SCOPE',
]

/** The one way the OIC settings and the OIC secret grant may be used: for the integration function. */
const OIC_CONFIG_GUARD = '{ for k, v in local.oic_config : k => v if contains(local.oic_functions, name) }'
const OIC_GRANT_GUARD = 'contains(local.oic_functions, f) ? local.oic_secret_grants : []'

let mod: TfModule
let spec: RoutesSpec
const local = (name: string) => squash(String(mod.locals.get(name)))

before(async () => {
  mod = await loadModule()
  spec = loadRoutes()
})

/**
 * A variable's validation, transliterated: the condition must be `can(regex("…", var.x))`, optionally after
 * `var.x == "" ||`; the RE2 pattern (HCL-unescaped) is simple enough to run as a JavaScript RegExp.
 */
function validator(name: string): (value: string) => boolean {
  const condition = String(block(mod.variables.get(name)?.validation).condition)
  const m = new RegExp(
    `^\\$\\{(var\\.${name} == "" \\|\\| )?can\\(regex\\("((?:[^"\\\\]|\\\\.)*)", var\\.${name}\\)\\)\\}$`,
  ).exec(condition)
  assert.ok(m, `${name}: validation is can(regex(…)), optionally allowing "": ${condition}`)
  const pattern = new RegExp(JSON.parse(`"${m[2]}"`) as string)
  return (value) => (value === '' && m[1] !== undefined) || pattern.test(value)
}

describe('terraform Oracle Integration: variables', () => {
  it('declares the OIC variables as strings that default to "" (not configured)', () => {
    for (const name of OIC_VARIABLES) {
      const body = mod.variables.get(name)
      assert.ok(body, `variable ${name}`)
      assert.equal(body.type, '${string}', `${name} type`)
      assert.equal(body.default, '', `${name} default`)
    }
  })

  it('validates the URLs (https), the instance name and the secret OCID', () => {
    const cases: Record<string, [string[], string[]]> = {
      oic_instance_url: [
        ['', 'https://design.integration.eu-frankfurt-1.ocp.oraclecloud.com', 'https://oic.example.com/'],
        [
          'http://oic.example.com',
          'https://oic.example.com/ic/api',
          'oic.example.com',
          'https://a@b.example',
        ],
      ],
      oic_token_url: [
        ['', 'https://idcs-0123.identity.oraclecloud.com/oauth2/v1/token'],
        [
          'http://idcs-0123.identity.oraclecloud.com/oauth2/v1/token',
          'https://idcs-0123.identity.oraclecloud.com',
        ],
      ],
      oic_integration_instance: [
        ['', 'oic-prod-abcdefghij-fr'],
        ['https://oic.example.com', 'a b'],
      ],
      oic_client_secret_ocid: [
        ['', 'ocid1.vaultsecret.oc1.eu-frankfurt-1.amaaaaaaexample'],
        // Another resource type, and a quote that would end the policy's target.secret.id = '…' early.
        ['ocid1.vault.oc1.eu-frankfurt-1.amaaaa', "ocid1.vaultsecret.oc1.iad.x' or '1' = '1"],
      ],
    }
    for (const [name, [good, bad]] of Object.entries(cases)) {
      const valid = validator(name)
      for (const v of good) assert.ok(valid(v), `${name} accepts ${v}`)
      for (const v of bad) assert.ok(!valid(v), `${name} refuses ${v}`)
    }
  })

  it('lists them in schema.yaml under "Oracle Integration (optional)"', () => {
    const schema = parseYaml(readFileSync(join(MODULE_DIR, 'schema.yaml'), 'utf8')) as {
      variableGroups: { title: string; variables: string[] }[]
    }
    const group = schema.variableGroups.find((g) => g.title === 'Oracle Integration (optional)')
    assert.ok(group, 'the variable group')
    assert.deepEqual([...group.variables].sort(), [...OIC_VARIABLES].sort())
  })

  it('shows them, commented, in terraform.tfvars.example, with values that pass the validations', async () => {
    const text = readFileSync(join(MODULE_DIR, 'terraform.tfvars.example'), 'utf8')
    const lines = text
      .split('\n')
      .filter((l) => /^# oic_\w+\s*=/.test(l))
      .map((l) => l.slice(2))
    const example = (await parseFile('oic.tfvars', lines.join('\n'))).json
    assert.deepEqual(Object.keys(example).sort(), [...OIC_VARIABLES].sort())
    for (const name of [
      'oic_instance_url',
      'oic_token_url',
      'oic_integration_instance',
      'oic_client_secret_ocid',
    ])
      assert.ok(validator(name)(String(example[name])), `${name} example`)
  })
})

describe('terraform Oracle Integration: configuration of the integration function only', () => {
  it('picks the integration group’s function from routes.json: the integration function, not the router or events', () => {
    assert.equal(mod.locals.get('oic_group'), 'integration')
    assert.equal(
      local('oic_functions'),
      '${toset([for r in local.routes : r.function if try(r.group, null) == local.oic_group])}',
    )
    // Evaluated as the HCL does.
    const functions = spec.routes.filter((r) => r.group === 'integration').map((r) => r.function)
    assert.deepEqual(functions, ['integration'])
  })

  it('writes the OIC settings in local.oic_config only, all of them, never the plain secret', () => {
    assert.deepEqual(settingsOutside(mod, 'OIC_', 'oic_config'), [])
    const config = local('oic_config')
    for (const k of OIC_KEYS) assert.ok(new RegExp(`[{\\s]${k} =`).test(config), `${k} in oic_config`)
    assert.ok(!/OIC_CLIENT_SECRET =/.test(config), 'the plain secret is never configured')
    assert.ok(config.includes('OIC_CLIENT_SECRET_OCID = var.oic_client_secret_ocid'))
    assert.ok(config.includes('OIC_TOKEN_URL = local.oic_token_url'))
    assert.equal(local('oic_token_url'), '${coalesce(var.oic_token_url, local.idcs_token_url)}')
    assert.equal(local('idcs_token_url'), '${local.idcs_url}/oauth2/v1/token')
    // Only when configured; an empty optional value is left out.
    assert.ok(config.endsWith('} : k => v if local.oic_configured && v != "" }}'), config)
    assert.equal(
      local('oic_configured'),
      '${var.oic_instance_url != "" && var.oic_client_id != "" && var.oic_client_secret_ocid != ""}',
    )
    const known = new Set<string>(SETTINGS.map((s) => s.name))
    for (const k of OIC_KEYS) assert.ok(known.has(k), `${k} is a setting`)
  })

  it('merges local.oic_config into the configuration of local.oic_functions only', () => {
    assert.deepEqual(unguardedUses(mod, 'oic_config', [OIC_CONFIG_GUARD]), [])
    assert.ok(local('worker_config').includes(OIC_CONFIG_GUARD), 'worker_config merges it, guarded')
    assert.ok(!local('router_config').includes('oic'), 'the router gets none of it')
  })

  it('catches OIC settings elsewhere and oic_config given to other functions', async () => {
    const bad = await moduleFromText(`
      locals {
        oic_config  = { OIC_INSTANCE_URL = var.u }
        base_config = { OCI_REGION = var.r, OIC_CLIENT_ID = var.c }
        worker_config = {
          for name in local.worker_functions : name => merge(
            local.base_config,
            { for k, v in local.oic_config : k => v if name != "events" },
          )
        }
        router_config = merge(local.base_config, local.oic_config)
      }
      resource "oci_functions_function" "x" {
        config = { OIC_CLIENT_SECRET = var.s }
      }
    `)
    assert.deepEqual(settingsOutside(bad, 'OIC_', 'oic_config'), [
      'local.base_config: OIC_CLIENT_ID outside local.oic_config',
      'snippet.tf resource: OIC_CLIENT_SECRET outside local.oic_config',
    ])
    assert.equal(unguardedUses(bad, 'oic_config', [OIC_CONFIG_GUARD]).length, 2)
  })

  it('refuses a half-configured connection, and event bindings to integration tools', () => {
    const fnConditions = (
      block(mod.resources.get('oci_functions_function.fn')?.lifecycle).precondition as Body[]
    ).map((p) => squash(String(p.condition)))
    assert.ok(
      fnConditions.includes(
        '${!local.oic_requested || (local.oic_configured && length(local.oic_functions) > 0)}',
      ),
    )
    for (const name of OIC_VARIABLES)
      assert.ok(local('oic_requested').includes(`var.${name}`), `oic_requested looks at ${name}`)
    const policyConditions = (
      block(mod.resources.get('oci_identity_policy.mcp')?.lifecycle).precondition as Body[]
    ).map((p) => squash(String(p.condition)))
    assert.ok(policyConditions.includes('${!contains(local.event_groups, local.oic_group)}'))
  })
})

describe('terraform Oracle Integration: the secret grant', () => {
  const OIC_STATEMENT =
    "Allow dynamic-group id %s to read secret-bundles in compartment id ${local.oic_secret_compartment_id} where target.secret.id = '${var.oic_client_secret_ocid}'"

  it('reads exactly the one OIC secret, in the compartment the secret is in', () => {
    assert.deepEqual(secretGrantViolations(mod), [])
    assert.equal(policyStatements(mod).filter((s) => s.includes('var.oic_client_secret_ocid')).length, 1)
    assert.ok(policyStatements(mod).includes(OIC_STATEMENT))
    assert.equal(
      local('oic_secret_compartment_id'),
      '${try(data.oci_vault_secret.oic[0].compartment_id, var.compartment_ocid)}',
    )
    const data = mod.data.get('oci_vault_secret.oic') as Body
    assert.equal(data.secret_id, '${var.oic_client_secret_ocid}')
    assert.equal(data.count, '${local.oic_configured ? 1 : 0}')
  })

  it('grants it only when configured, and only to the integration function', () => {
    assert.equal(local('oic_secret_grants'), `\${local.oic_configured ? [ "${OIC_STATEMENT}", ] : []}`)
    assert.deepEqual(unguardedUses(mod, 'oic_secret_grants', [OIC_GRANT_GUARD]), [])
    const grants = local('function_grants')
    assert.ok(grants.includes(`for f, g in local.function_group : f => concat(`))
    assert.ok(grants.includes(OIC_GRANT_GUARD))
  })

  it('catches a secret grant wider than one secret, or given to every function', async () => {
    const bad = await moduleFromText(`
      locals {
        oic_secret_grants = ["Allow dynamic-group id %s to read secret-bundles in compartment id \${local.c}"]
        wide = [
          "Allow dynamic-group id %s to read secret-family in compartment id \${local.c} where target.secret.id = '\${var.s}'",
          "Allow dynamic-group id %s to manage secret-bundles in compartment id \${local.c} where target.secret.id = '\${var.s}'",
          "Allow dynamic-group id %s to read secret-bundles in compartment id \${local.c} where any {target.secret.id = '\${var.s}', target.secret.id = '\${var.t}'}",
        ]
        function_grants = { for f, g in local.function_group : f => local.oic_secret_grants }
      }
    `)
    assert.equal(secretGrantViolations(bad).length, 4)
    assert.equal(unguardedUses(bad, 'oic_secret_grants', [OIC_GRANT_GUARD]).length, 1)
  })
})
