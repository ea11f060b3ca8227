# Everything derived from infra/routes.json, the one route and auth specification (the local edge reads it too):
# route paths, functions, scopes, forwarded claims and the metadata path never appear literally in this module.

locals {
  spec   = jsondecode(file("${path.module}/../routes.json"))
  auth   = local.spec.authentication
  # The MCP routes (token-authenticated); the anonymous ones are the OAuth facade's (oauth.tf).
  routes = [for r in local.spec.routes : r if !try(r.anonymous, false)]

  # Dynamic-routing keys per route with a zeroHop (routes.json), built as infra/routes.ts zeroHopKeys builds them for
  # the local edge: one WILDCARD key per group, then the extra ones.
  group_function = { for r in local.routes : r.group => r.function if try(r.group, null) != null }
  zero_hop_keys = {
    for r in local.routes : r.path => concat(
      [for g, f in local.group_function : { name = g, expression = replace(r.zeroHop.groupKey, "{group}", g), function = f }],
      [for i, k in try(r.zeroHop.keys, []) : { name = "${k.group}-${i + 1}", expression = k.expression, function = local.group_function[k.group] }],
    ) if try(r.zeroHop, null) != null
  }
  prefix = local.spec.scopePrefix

  # A route with a group is a group function; the route without one is the router.
  groups          = [for r in local.routes : r.group if try(r.group, null) != null]
  router_function = one([for r in local.routes : r.function if try(r.group, null) == null])
  router_path     = one([for r in local.routes : r.path if try(r.group, null) == null])
  group_functions = toset([for r in local.routes : r.function if try(r.group, null) != null])

  # `events` serves OCI Events rules: it is not on the gateway and not in routes.json.
  # The OAuth authorization-server facade is one more function, behind anonymous routes (oauth.tf).
  worker_functions = setunion(local.group_functions, ["events", local.oauth_function])
  all_functions    = setunion(local.worker_functions, [local.router_function])

  # ANY_OF scopes of each route, as allowedScopes in infra/routes.ts: the global read/write scopes, then the
  # route's own group's (every group's for the router).
  route_scopes = {
    for r in local.routes : r.path => concat(
      ["${local.prefix}.read", "${local.prefix}.write"],
      flatten([for g in try([r.group], local.groups) : ["${local.prefix}.${g}.read", "${local.prefix}.${g}.write"]]),
    )
  }

  # RFC 9728 protected-resource metadata, served anonymously by the gateway itself: the document at the
  # metadata path names the router's resource; the path-inserted ones (<metadata path><route path>) name each
  # route's own resource.
  metadata_routes = merge(
    { (local.spec.metadataPath) = local.router_path },
    { for r in local.routes : "${local.spec.metadataPath}${r.path}" => r.path },
  )

  # The gateway's hostname is known before the deployment exists, so the deployment can name its own URLs.
  base_url     = "https://${oci_apigateway_gateway.mcp.hostname}"
  mcp_url      = "${local.base_url}${local.router_path}"
  metadata_url = "${local.base_url}${local.spec.metadataPath}"

  idcs_url              = trimsuffix(var.identity_domain_url, "/")
  idcs_token_url        = "${local.idcs_url}/oauth2/v1/token"
  jwks_url              = "${local.idcs_url}${local.auth.jwksPath}"
  target_compartment_id = coalesce(var.target_compartment_ocid, var.compartment_ocid)
  token_exchange        = var.identity_mode == "token_exchange"
}

# Oracle Integration: the group whose tools call one OIC instance with the group's own client-credentials token
# (never the caller's). Its settings and its client's secret go to that group's function only, and only when the
# connection is configured; unconfigured, the function deploys and its tools say so.
locals {
  oic_group      = "integration"
  oic_functions  = toset([for r in local.routes : r.function if try(r.group, null) == local.oic_group])
  oic_configured = var.oic_instance_url != "" && var.oic_client_id != "" && var.oic_client_secret_ocid != ""
  # Any OIC variable set: then the three above must all be (checked on the functions).
  oic_requested = anytrue([
    for v in [var.oic_instance_url, var.oic_integration_instance, var.oic_token_url, var.oic_client_id, var.oic_client_secret_ocid, var.oic_scope] : v != ""
  ])
  # The OIC instance's identity domain may be another one than the MCP tokens'.
  oic_token_url = coalesce(var.oic_token_url, local.idcs_token_url)
}
