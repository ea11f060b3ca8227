// Security rules of the Terraform module, each also run on a bad snippet to show it can fail: token
// authentication only, every route authenticated but the metadata document, 0.0.0.0/0 only where allowed,
// compartment-scoped policies, and the gateway's auth exactly as infra/routes.json specifies it.
import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { CLAIM_HEADERS } from '../../functions/core/claims.ts'
import { loadRoutes, type RoutesSpec } from '../../infra/routes.ts'
import { block, type Json, loadModule, moduleFromText, squash, type TfModule } from './hcl-module.ts'
import {
  jwtAuthenticationUses,
  openCidrViolations,
  policyScopeViolations,
  policyStatements,
  routeAuthViolations,
  secretGrantViolations,
} from './rules.ts'

const METADATA_ITERABLE = '${local.metadata_routes}'
const FACADE_ITERABLE = '${{ for r in local.oauth_routes : r.path => r }}'

let mod: TfModule
let spec: RoutesSpec

before(async () => {
  mod = await loadModule()
  spec = loadRoutes()
})

const authentication = () =>
  block(
    block(block(mod.resources.get('oci_apigateway_deployment.mcp')?.specification).request_policies)
      .authentication,
  )

describe('terraform security: gateway authentication', () => {
  it('never uses JWT_AUTHENTICATION', async () => {
    assert.deepEqual(jwtAuthenticationUses(mod), [])
    const bad = await moduleFromText(
      'resource "oci_apigateway_deployment" "d" {\n  specification {\n    request_policies {\n      authentication { type = "JWT_AUTHENTICATION" }\n    }\n  }\n}\n',
    )
    assert.equal(jwtAuthenticationUses(bad).length, 1)
    assert.ok(
      routeAuthViolations(bad, spec.metadataPath, METADATA_ITERABLE)[0].includes('not TOKEN_AUTHENTICATION'),
    )
  })

  it('authenticates every route except the stock-response metadata documents', () => {
    assert.deepEqual(routeAuthViolations(mod, spec.metadataPath, METADATA_ITERABLE, FACADE_ITERABLE), [])
    // Without the facade's iterable allowed, its anonymous function routes are exactly what is flagged.
    assert.deepEqual(routeAuthViolations(mod, spec.metadataPath, METADATA_ITERABLE).length, 1)
    // The facade's anonymous routes are routes.json's anonymous ones, all to the facade function, none under /mcp.
    const anonymous = spec.routes.filter((r) => r.anonymous)
    assert.ok(anonymous.length > 0)
    for (const r of anonymous) {
      assert.equal(r.function, spec.authorizationServer?.function, r.path)
      assert.ok(!r.path.startsWith('/mcp'), r.path)
    }
  })

  it('catches an anonymous function route, a route without authorization, and anonymous non-metadata paths', async () => {
    const bad = await moduleFromText(`
      resource "oci_apigateway_deployment" "d" {
        specification {
          request_policies {
            authentication { type = "TOKEN_AUTHENTICATION" }
          }
          routes {
            path = "/open"
            backend {
              type        = "ORACLE_FUNCTIONS_BACKEND"
              function_id = "x"
            }
            request_policies {
              authorization { type = "ANONYMOUS" }
            }
          }
          routes {
            path = "/default"
            backend { type = "ORACLE_FUNCTIONS_BACKEND" }
          }
          dynamic "routes" {
            for_each = local.other
            content {
              path = routes.key
              backend {
                type = "STOCK_RESPONSE_BACKEND"
                status = 200
              }
              request_policies {
                authorization { type = "ANONYMOUS" }
              }
            }
          }
        }
      }
    `)
    assert.equal(routeAuthViolations(bad, spec.metadataPath, METADATA_ITERABLE).length, 3)
  })

  it('validates tokens as routes.json says: header, scheme, issuers, clock skew, the domain JWKS, the audience', () => {
    const auth = authentication()
    assert.equal(auth.type, 'TOKEN_AUTHENTICATION')
    assert.equal(auth.token_header, '${local.auth.tokenHeader}')
    assert.equal(auth.token_auth_scheme, '${local.auth.tokenAuthScheme}')
    assert.equal(auth.max_clock_skew_in_seconds, '${local.auth.maxClockSkewInSeconds}')
    const validation = block(auth.validation_policy)
    assert.equal(validation.type, 'REMOTE_JWKS')
    assert.equal(validation.uri, '${local.jwks_url}')
    assert.equal(mod.locals.get('jwks_url'), '${local.idcs_url}${local.auth.jwksPath}')
    assert.deepEqual(block(validation.additional_validation_policy), {
      issuers: '${local.auth.issuers}',
      audiences: ['${var.token_audience}'],
    })
    assert.equal(spec.authentication.type, 'TOKEN_AUTHENTICATION')
  })

  it('answers a missing or invalid token with 401 and WWW-Authenticate naming the metadata document', () => {
    const failure = block(authentication().validation_failure_policy)
    assert.equal(failure.type, 'MODIFY_RESPONSE')
    assert.equal(failure.response_code, '401')
    const item = block(block(block(failure.response_header_transformations).set_headers).items)
    assert.deepEqual(item, {
      name: 'WWW-Authenticate',
      values: ['Bearer resource_metadata="${local.metadata_url}"'],
      if_exists: 'OVERWRITE',
    })
    assert.equal(mod.locals.get('metadata_url'), '${local.base_url}${local.spec.metadataPath}')
    assert.equal(mod.locals.get('base_url'), 'https://${oci_apigateway_gateway.mcp.hostname}')
  })

  it('forwards exactly the claims of routes.json, overwriting client headers', () => {
    // The functions read the same map (functions/core/claims.ts); those without token verification need these.
    for (const claim of ['sub', 'scope', 'client_id'] as const)
      assert.ok(CLAIM_HEADERS[claim], `${claim} is forwarded`)
    const specification = block(mod.resources.get('oci_apigateway_deployment.mcp')?.specification)
    const routes = ((specification.dynamic ?? {}) as Record<string, Json>).routes as Record<string, Json>[]
    const mcp = block(routes[0].content)
    const setHeaders = block(block(block(mcp.request_policies).header_transformations).set_headers)
    const items = ((setHeaders.dynamic ?? {}) as Record<string, Json>).items as Record<string, Json>[]
    assert.equal(items[0].for_each, '${local.auth.claimHeaders}')
    assert.deepEqual(block(items[0].content), {
      name: '${items.value}',
      values: ['$${request.auth[${items.key}]}'],
      if_exists: 'OVERWRITE',
    })
  })

  it('sends the OAuth facade’s anonymous routes to its function, and nothing else', () => {
    const specification = block(mod.resources.get('oci_apigateway_deployment.mcp')?.specification)
    const routes = ((specification.dynamic ?? {}) as Record<string, Json>).routes as Record<string, Json>[]
    const facade = routes.find((r) => r.for_each === FACADE_ITERABLE)
    assert.ok(facade, 'a dynamic routes block iterates local.oauth_routes')
    const content = block(facade.content)
    assert.deepEqual(block(content.backend), {
      type: 'ORACLE_FUNCTIONS_BACKEND',
      function_id: '${local.function_ids[routes.value.function]}',
    })
    assert.deepEqual(block(block(content.request_policies).authorization), { type: 'ANONYMOUS' })
    // The facade gets no claim headers and no token check: it needs none, and a client cannot forge any.
    assert.equal(block(content.request_policies).header_transformations, undefined)
  })

  it('grants the facade only its secrets and creating objects in its own bucket', () => {
    const grants = (mod.locals.get('oauth_grants') ?? []) as string[]
    assert.equal(grants.length, 3)
    assert.ok(
      grants.slice(0, 2).every((g) => /read secret-bundles .* where target\.secret\.id = '\$\{var\./.test(g)),
    )
    assert.match(
      grants[2],
      /manage objects .* where all \{target\.bucket\.name = '\$\{local\.oauth_bucket\}', request\.permission = 'OBJECT_CREATE'\}/,
    )
    assert.equal(mod.resources.get('oci_objectstorage_bucket.oauth_state')?.access_type, 'NoPublicAccess')
  })

  it('serves the metadata document (RFC 9728) from a stock response naming the facade and the route scopes', () => {
    const specification = block(mod.resources.get('oci_apigateway_deployment.mcp')?.specification)
    const routes = ((specification.dynamic ?? {}) as Record<string, Json>).routes as Record<string, Json>[]
    const metadata = routes.find((r) => r.for_each === METADATA_ITERABLE)
    assert.ok(metadata)
    const backend = block(block(metadata.content).backend)
    assert.equal(backend.type, 'STOCK_RESPONSE_BACKEND')
    const body = squash(String(backend.body))
    for (const field of [
      'resource = "${local.base_url}${routes.value}"',
      'authorization_servers = [local.base_url]',
      'scopes_supported = local.route_scopes[routes.value]',
      'bearer_methods_supported = ["header"]',
    ]) {
      assert.ok(body.includes(field), field)
    }
  })
})

describe('terraform security: network and IAM', () => {
  it('opens 0.0.0.0/0 only for HTTPS into the gateway, in egress rules and in route rules', () => {
    assert.deepEqual(openCidrViolations(mod), [])
  })

  it('catches 0.0.0.0/0 on another port, in another security list’s ingress, or elsewhere', async () => {
    const bad = await moduleFromText(`
      resource "oci_core_security_list" "gateway" {
        ingress_security_rules {
          protocol = "6"
          source   = "0.0.0.0/0"
          tcp_options {
            min = 22
            max = 22
          }
        }
      }
      resource "oci_core_security_list" "functions" {
        ingress_security_rules {
          protocol = "6"
          source   = "0.0.0.0/0"
          tcp_options {
            min = 443
            max = 443
          }
        }
      }
      resource "oci_core_network_security_group_security_rule" "r" {
        source = "0.0.0.0/0"
      }
    `)
    assert.equal(openCidrViolations(bad).length, 3)
  })

  it('scopes every policy statement to a compartment, except the allow-listed tenancy statements', () => {
    assert.deepEqual(policyScopeViolations(mod), [])
  })

  it('catches a tenancy-wide or name-scoped statement', async () => {
    const bad = await moduleFromText(`
      resource "oci_identity_policy" "p" {
        statements = [
          "Allow dynamic-group id \${oci_identity_dynamic_group.fn.id} to manage all-resources in tenancy",
          "Allow group Admins to read buckets in compartment Sandbox",
        ]
      }
      locals {
        grants = [for g in local.x : "Allow dynamic-group id %s to manage objects in tenancy"]
      }
    `)
    assert.equal(policyScopeViolations(bad).length, 3)
  })

  it('grants every Vault secret by its OCID only: read secret-bundles, in a compartment, where target.secret.id', async () => {
    assert.deepEqual(secretGrantViolations(mod), [])
    const bad = await moduleFromText(`
      locals {
        g = [
          "Allow dynamic-group id %s to read secret-bundles in compartment id \${local.c}",
          "Allow dynamic-group id %s to use secrets in compartment id \${local.c} where target.secret.id = '\${var.s}'",
          "Allow dynamic-group id %s to manage all-resources in compartment id \${local.c}",
        ]
      }
    `)
    assert.equal(secretGrantViolations(bad).length, 3)
  })

  it('grants the gateway access to the functions with the statement DESIGN.md gives', () => {
    const statements = policyStatements(mod)
    assert.ok(
      statements.includes(
        "ALLOW any-user to use functions-family in compartment id ${var.compartment_ocid} where ALL {request.principal.type = 'ApiGateway', request.resource.compartment.id = '${var.compartment_ocid}'}",
      ),
    )
    assert.ok(
      statements.some((s) =>
        /to read secret-bundles in compartment id .+ where target\.secret\.id = /.test(s),
      ),
      'the secret is readable only by OCID',
    )
    assert.ok(
      statements.some((s) =>
        s.includes('to use fn-invocation in compartment id ${var.compartment_ocid} where any'),
      ),
    )
  })
})
