// The router's backends in the Terraform module: MCP_BACKENDS_DIR only when a folder is baked into the image, and a
// `read secret-bundles` statement for each Vault secret the routes.json backends name — the module's own expressions
// evaluated by `terraform console` on sample declarations.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { before, describe, it } from 'node:test'
import { type Body, block, loadModule, MODULE_DIR, squash, type TfModule } from './hcl-module.ts'
import { policyStatements, secretGrantViolations, settingsOutside, unguardedUses } from './rules.ts'
import { parseYaml } from './yaml-subset.ts'

const STATEMENT =
  "Allow dynamic-group id %s to read secret-bundles in compartment id ${data.oci_vault_secret.backend[id].compartment_id} where target.secret.id = '${id}'"
const ROUTER_GRANTS_GUARD = '], local.backend_secret_grants)'
const DIR_GUARD = 'var.router_backends_dir != "" ? { MCP_BACKENDS_DIR = var.router_backends_dir } : {}'

let mod: TfModule
const local = (name: string) => squash(String(mod.locals.get(name)))
/** An expression as written in the module, without the ${ } hcl2json wraps it in. */
const expression = (text: string) => text.replace(/^\$\{/, '').replace(/\}$/, '')

let terraform = false
try {
  execFileSync('terraform', ['version'], { stdio: 'ignore' })
  terraform = true
} catch {}

/** Evaluates `expr` in a module of `locals` (name → HCL expression) beside a routes.json of `spec`. */
function evaluate(locals: Record<string, string>, spec: unknown, expr: string): unknown {
  const dir = mkdtempSync(join(tmpdir(), 'tf-backends-'))
  try {
    writeFileSync(join(dir, 'routes.json'), JSON.stringify(spec))
    const body = Object.entries(locals)
      .map(([k, v]) => `  ${k} = ${v}`)
      .join('\n')
    writeFileSync(join(dir, 'main.tf'), `locals {\n${body}\n}\n`)
    const out = execFileSync('terraform', ['console'], {
      cwd: dir,
      input: `jsonencode(${expr})\n`,
      env: { ...process.env, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' },
      stdio: ['pipe', 'pipe', 'ignore'],
    })
    return JSON.parse(JSON.parse(out.toString().trim()))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

before(async () => {
  mod = await loadModule()
})

describe('terraform: the router’s MCP_BACKENDS_DIR', () => {
  it('is set only from router_backends_dir, only when not empty, and only for the router', () => {
    const v = mod.variables.get('router_backends_dir') as Body
    assert.equal(v.type, '${string}')
    assert.equal(v.default, '')
    assert.ok(local('router_config').includes(DIR_GUARD), local('router_config'))
    assert.deepEqual(settingsOutside(mod, 'MCP_BACKENDS_DIR', 'router_config'), [])
    assert.ok(!local('worker_config').includes('router_backends_dir'))
    const schema = parseYaml(readFileSync(join(MODULE_DIR, 'schema.yaml'), 'utf8')) as {
      variables: Record<string, { required?: boolean }>
    }
    assert.equal(schema.variables.router_backends_dir?.required, false)
  })

  it('evaluates to no MCP_BACKENDS_DIR when empty, and to the folder when set', { skip: !terraform }, () => {
    const config = (dir: string) =>
      evaluate(
        { dir: JSON.stringify(dir), config: DIR_GUARD.replaceAll('var.router_backends_dir', 'local.dir') },
        {},
        'local.config',
      )
    assert.deepEqual(config(''), {})
    assert.deepEqual(config('/function/backends.d'), { MCP_BACKENDS_DIR: '/function/backends.d' })
  })
})

describe('terraform: the router reads its backends’ Vault secrets', () => {
  it('one read secret-bundles statement per secret, in the secret’s compartment, given to the router only', () => {
    assert.deepEqual(secretGrantViolations(mod), [])
    assert.ok(policyStatements(mod).includes(STATEMENT))
    assert.equal(
      local('backend_secret_grants'),
      `\${[ for id in sort(tolist(local.backend_secret_ocids)) : "${STATEMENT}" ]}`,
    )
    const data = mod.data.get('oci_vault_secret.backend') as Body
    assert.equal(data.for_each, '${local.backend_secret_ocids}')
    assert.equal(data.secret_id, '${each.value}')
    assert.deepEqual(unguardedUses(mod, 'backend_secret_grants', [ROUTER_GRANTS_GUARD]), [])
    assert.ok(local('function_grants').includes(`(local.router_function) = concat([`))
    const conditions = (
      block(mod.resources.get('oci_identity_policy.mcp')?.lifecycle).precondition as Body[]
    ).map((p) => squash(String(p.condition)))
    assert.ok(conditions.some((c) => c.includes('local.backend_secret_ocids')))
  })

  it('names exactly the secret OCIDs of the backends’ bearer tokens and client secrets', {
    skip: !terraform,
  }, () => {
    const spec = {
      backends: [
        { name: 'a', auth_method: { method: 'bearer', token: { ocid: 'ocid1.vaultsecret.oc1.iad.aaaa' } } },
        { name: 'b', auth_method: { method: 'bearer', token: { env: 'LOCAL_ONLY' } } },
        { name: 'c' },
        { name: 'd', auth_method: { method: 'resource_principal' } },
        {
          name: 'e',
          auth_method: {
            method: 'oauth_client_credentials',
            client_secret: { ocid: 'ocid1.vaultsecret.oc1.iad.eeee' },
          },
        },
        { name: 'f', auth_method: { method: 'bearer', token: { ocid: 'ocid1.vaultsecret.oc1.iad.aaaa' } } },
      ],
    }
    const locals = {
      spec: 'jsondecode(file("${path.module}/routes.json"))',
      backend_secret_ocids: expression(String(mod.locals.get('backend_secret_ocids'))),
      // The data source, as Terraform would read it: each secret's compartment.
      secrets:
        '{ for id in local.backend_secret_ocids : id => { compartment_id = "ocid1.compartment.oc1..c-${id}" } }',
      backend_secret_grants: expression(String(mod.locals.get('backend_secret_grants'))).replaceAll(
        'data.oci_vault_secret.backend',
        'local.secrets',
      ),
    }
    assert.deepEqual(evaluate(locals, spec, 'local.backend_secret_grants'), [
      "Allow dynamic-group id %s to read secret-bundles in compartment id ocid1.compartment.oc1..c-ocid1.vaultsecret.oc1.iad.aaaa where target.secret.id = 'ocid1.vaultsecret.oc1.iad.aaaa'",
      "Allow dynamic-group id %s to read secret-bundles in compartment id ocid1.compartment.oc1..c-ocid1.vaultsecret.oc1.iad.eeee where target.secret.id = 'ocid1.vaultsecret.oc1.iad.eeee'",
    ])
    assert.deepEqual(evaluate(locals, { backends: [] }, 'local.backend_secret_grants'), [])
    assert.deepEqual(evaluate(locals, {}, 'local.backend_secret_grants'), [])
  })

  it('refuses, before any policy is written, an OCID that could end the quoted target early', {
    skip: !terraform,
  }, () => {
    const condition = expression(
      String(
        (block(mod.resources.get('oci_identity_policy.mcp')?.lifecycle).precondition as Body[])
          .map((p) => String(p.condition))
          .find((c) => c.includes('local.backend_secret_ocids')),
      ),
    )
    const ok = (ocid: string) =>
      evaluate({ backend_secret_ocids: JSON.stringify([ocid]), ok: condition }, {}, 'local.ok')
    assert.equal(ok('ocid1.vaultsecret.oc1.iad.amaaaaaaexample'), true)
    assert.equal(ok("ocid1.vaultsecret.oc1.iad.x' or '1' = '1"), false)
    assert.equal(ok('ocid1.vault.oc1.iad.amaaaa'), false)
  })
})
