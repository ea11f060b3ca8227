# Who may do what: one dynamic group per function, so each function gets only its own grants, and one policy.
#
# Every statement is scoped to a compartment (`in compartment id …`) except the statements marked TENANCY SCOPE
# below (each allow-listed in test/terraform/rules.ts). Grants are whole statements in which %s stands for the function's dynamic group.
# The policy is attached at the tenancy root so that it may name the functions', the target's and the secrets'
# compartments wherever they are; attaching it there does not widen any statement. A Vault secret is readable
# only by its OCID, in its own compartment, and only by the functions that use it.

locals {
  # What each group's tools need when they sign with the function's own resource principal. With token exchange
  # the caller's own OCI permissions apply instead and none of this is granted. A group missing here gets no
  # permission at all (test/terraform checks that every group in routes.json has an entry, and no other).
  # `signs_oci_requests = false`: the group's tools make no OCI call for the caller, so with token exchange it gets
  # neither the exchange client nor its secret (local.exchange_functions).
  tool_grants = {
    objectstorage = {
      # GetNamespace needs no permission; ListBuckets, ListObjects, HeadObject, GetObject do.
      read = [
        "Allow dynamic-group id %s to read buckets in compartment id ${local.target_compartment_id}",
        "Allow dynamic-group id %s to read objects in compartment id ${local.target_compartment_id}",
      ]
      # PutObject, DeleteObject; CreatePreauthenticatedRequest needs PAR_MANAGE on the bucket and nothing more.
      write = [
        "Allow dynamic-group id %s to manage objects in compartment id ${local.target_compartment_id}",
        "Allow dynamic-group id %s to manage buckets in compartment id ${local.target_compartment_id} where request.permission = 'PAR_MANAGE'",
      ]
    }
    identity = {
      read = [
        # TENANCY SCOPE: ListCompartments walks the tree from the tenancy root.
        "Allow dynamic-group id %s to inspect compartments in tenancy",
        # TENANCY SCOPE: GetTenancy and ListRegionSubscriptions act on the tenancy itself.
        "Allow dynamic-group id %s to inspect tenancies in tenancy",
      ]
      write = []
    }
    compute = {
      # ListInstances/GetInstance, the VNIC chain to IPs, shapes and images, and the instance metrics.
      read = [
        "Allow dynamic-group id %s to read instance-family in compartment id ${local.target_compartment_id}",
        "Allow dynamic-group id %s to read virtual-network-family in compartment id ${local.target_compartment_id}",
        "Allow dynamic-group id %s to read metrics in compartment id ${local.target_compartment_id}",
      ]
      # InstanceAction is INSTANCE_POWER_ACTIONS, part of `use instances`.
      write = ["Allow dynamic-group id %s to use instances in compartment id ${local.target_compartment_id}"]
    }
    network = {
      read  = ["Allow dynamic-group id %s to read virtual-network-family in compartment id ${local.target_compartment_id}"]
      write = []
    }
    database = {
      read = [
        "Allow dynamic-group id %s to read autonomous-database-family in compartment id ${local.target_compartment_id}",
        "Allow dynamic-group id %s to read database-family in compartment id ${local.target_compartment_id}",
      ]
      # Start/Stop Autonomous Database are AUTONOMOUS_DATABASE_UPDATE, part of `use autonomous-databases`.
      write = ["Allow dynamic-group id %s to use autonomous-databases in compartment id ${local.target_compartment_id}"]
    }
    observability = {
      read = [
        "Allow dynamic-group id %s to read metrics in compartment id ${local.target_compartment_id}",
        "Allow dynamic-group id %s to read alarms in compartment id ${local.target_compartment_id}",
        "Allow dynamic-group id %s to read log-content in compartment id ${local.target_compartment_id}",
        "Allow dynamic-group id %s to read log-groups in compartment id ${local.target_compartment_id}",
      ]
      write = []
    }
    cost = {
      # TENANCY SCOPE: the Usage API reports on the whole tenancy; OCI grants it only at the root.
      read  = ["Allow dynamic-group id %s to read usage-report in tenancy"]
      write = []
    }
    security = {
      read = [
        # TENANCY SCOPE: security_analyze_policies walks the compartment tree from the tenancy root by default.
        "Allow dynamic-group id %s to inspect compartments in tenancy",
        # TENANCY SCOPE: users and groups exist only at the tenancy root.
        "Allow dynamic-group id %s to inspect users in tenancy",
        "Allow dynamic-group id %s to inspect groups in tenancy",
        # TENANCY SCOPE: policies attached at the root are listed there.
        "Allow dynamic-group id %s to inspect policies in tenancy",
        "Allow dynamic-group id %s to read cloud-guard-family in compartment id ${local.target_compartment_id}",
      ]
      write = []
    }
    # Skills read through the compute, network, database and observability functions' code: their reads only.
    skills = {
      read = [
        "Allow dynamic-group id %s to read instance-family in compartment id ${local.target_compartment_id}",
        "Allow dynamic-group id %s to read virtual-network-family in compartment id ${local.target_compartment_id}",
        "Allow dynamic-group id %s to read autonomous-database-family in compartment id ${local.target_compartment_id}",
        "Allow dynamic-group id %s to read metrics in compartment id ${local.target_compartment_id}",
        "Allow dynamic-group id %s to read alarms in compartment id ${local.target_compartment_id}",
        # TENANCY SCOPE: skills_cost_report reads the Usage API, granted only at the root.
        "Allow dynamic-group id %s to read usage-report in tenancy",
      ]
      write = []
    }
    # Oracle Integration is called with the group's own OIC token, not an OCI signature: no OCI permission. Its
    # only OCI call reads its OIC client's secret (local.oic_secret_grants), with its resource principal.
    integration = {
      read               = []
      write              = []
      signs_oci_requests = false
    }
  }

  # By group; writes only when mutations are enabled.
  read_grants    = { for g in local.groups : g => try(local.tool_grants[g].read, []) }
  write_grants   = { for g in local.groups : g => var.enable_mutations ? try(local.tool_grants[g].write, []) : [] }
  function_group = { for r in local.routes : r.function => r.group if try(r.group, null) != null }

  router_invoke_targets = join(", ", [for f in sort(tolist(local.group_functions)) : "target.function.id = '${oci_functions_function.fn[f].id}'"])

  event_result_targets = join(", ", [for b in local.event_result_buckets : "target.bucket.name = '${b}'"])

  # Each secret's compartment, read from the secret itself.
  exchange_secret_compartment_id = try(data.oci_vault_secret.exchange[0].compartment_id, var.compartment_ocid)
  oic_secret_compartment_id      = try(data.oci_vault_secret.oic[0].compartment_id, var.compartment_ocid)
  request_state_compartment_id   = try(data.oci_vault_secret.request_state[0].compartment_id, var.compartment_ocid)

  # The exchange client's secret, for the functions that exchange the caller's token.
  exchange_secret_grants = [
    "Allow dynamic-group id %s to read secret-bundles in compartment id ${local.exchange_secret_compartment_id} where target.secret.id = '${var.token_exchange_client_secret_ocid}'",
  ]
  # The OIC client's secret, for the integration function, when Oracle Integration is configured.
  oic_secret_grants = local.oic_configured ? [
    "Allow dynamic-group id %s to read secret-bundles in compartment id ${local.oic_secret_compartment_id} where target.secret.id = '${var.oic_client_secret_ocid}'",
  ] : []

  # The confirmation key, for the group functions, when set.
  request_state_grants = var.request_state_key_ocid != "" ? [
    "Allow dynamic-group id %s to read secret-bundles in compartment id ${local.request_state_compartment_id} where target.secret.id = '${var.request_state_key_ocid}'",
  ] : []

  # The Vault secrets the routes.json backends name (a bearer token, an OAuth client secret): the router reads each
  # with its resource principal, one statement per secret, in the compartment the secret is in.
  backend_secret_ocids = toset(flatten([
    for b in try(local.spec.backends, []) : [
      for ref in [try(b.auth_method.token, null), try(b.auth_method.client_secret, null)] : ref.ocid if try(ref.ocid, null) != null
    ]
  ]))
  backend_secret_grants = [
    for id in sort(tolist(local.backend_secret_ocids)) :
    "Allow dynamic-group id %s to read secret-bundles in compartment id ${data.oci_vault_secret.backend[id].compartment_id} where target.secret.id = '${id}'"
  ]

  function_grants = merge(
    # The router invokes the group functions, and reads its backends' secrets.
    {
      (local.router_function) = concat([
        "Allow dynamic-group id %s to use fn-invocation in compartment id ${var.compartment_ocid} where any {${local.router_invoke_targets}}",
      ], local.backend_secret_grants)
    },
    # Groups: their tools' permissions with resource principal; the exchange client's secret with token exchange;
    # the integration function the OIC client's secret.
    {
      for f, g in local.function_group : f => concat(
        var.identity_mode == "resource_principal" ? concat(local.read_grants[g], local.write_grants[g]) : [],
        contains(local.exchange_functions, f) ? local.exchange_secret_grants : [],
        contains(local.oic_functions, f) ? local.oic_secret_grants : [],
        local.request_state_grants,
      )
    },
    # The OAuth facade: its two Vault secrets, and creating (never reading) single-use markers in its bucket.
    { (local.oauth_function) = local.oauth_grants },
    # Events: the tools its bindings call, always with its resource principal, and its result buckets.
    {
      events = concat(
        flatten([for g in local.event_groups : concat(try(local.read_grants[g], []), try(local.write_grants[g], []))]),
        length(local.event_result_buckets) > 0 ? [
          "Allow dynamic-group id %s to manage objects in compartment id ${local.target_compartment_id} where any {${local.event_result_targets}}",
        ] : [],
      )
    },
  )

  policy_statements = concat(
    # The gateway may call the functions (DESIGN.md §3, OCI API Gateway).
    [
      "ALLOW any-user to use functions-family in compartment id ${var.compartment_ocid} where ALL {request.principal.type = 'ApiGateway', request.resource.compartment.id = '${var.compartment_ocid}'}",
    ],
    # OCI Events may deliver to the functions, when a rule exists.
    length(var.event_bindings) > 0 ? [
      "Allow service cloudEvents to use functions-family in compartment id ${var.compartment_ocid}",
    ] : [],
    flatten([for f, grants in local.function_grants : [for g in grants : format(g, oci_identity_dynamic_group.fn[f].id)]]),
  )
}

data "oci_vault_secret" "exchange" {
  count     = local.token_exchange && var.token_exchange_client_secret_ocid != "" ? 1 : 0
  secret_id = var.token_exchange_client_secret_ocid
}

data "oci_vault_secret" "request_state" {
  count     = var.request_state_key_ocid != "" ? 1 : 0
  secret_id = var.request_state_key_ocid
}

data "oci_vault_secret" "backend" {
  for_each  = local.backend_secret_ocids
  secret_id = each.value
}

data "oci_vault_secret" "oic" {
  count     = local.oic_configured ? 1 : 0
  secret_id = var.oic_client_secret_ocid
}

resource "oci_identity_dynamic_group" "fn" {
  provider = oci.home
  for_each = local.all_functions

  compartment_id = var.tenancy_ocid
  name           = "${var.name_prefix}-fn-${each.key}"
  description    = "The ${each.key} function of ${var.name_prefix} (OCI MCP Functions)."
  # The function itself, in its compartment: a function never holds another function's grants.
  matching_rule = "ALL {resource.type = 'fnfunc', resource.compartment.id = '${var.compartment_ocid}', resource.id = '${local.function_ids[each.key]}'}"
}

resource "oci_identity_policy" "mcp" {
  provider = oci.home

  compartment_id = var.tenancy_ocid
  name           = "${var.name_prefix}-functions"
  description    = "OCI MCP Functions: gateway to functions, router to groups, each function's own tool permissions."
  statements     = local.policy_statements

  lifecycle {
    precondition {
      condition     = alltrue([for g in local.event_groups : contains(local.groups, g)])
      error_message = "infra/events/bindings.json may only bind tools of the groups in infra/routes.json."
    }
    precondition {
      # Each OCID goes into a policy statement between quotes: nothing but an OCID may get there.
      condition     = alltrue([for id in local.backend_secret_ocids : can(regex("^ocid1\\.vaultsecret\\.[a-z0-9]+\\.[a-z0-9-]*\\.[a-z0-9]+$", id))])
      error_message = "A secret ocid of infra/routes.json backends is not a Vault secret OCID (ocid1.vaultsecret.<realm>.<region>.<id>)."
    }
    precondition {
      condition     = !contains(local.event_groups, local.oic_group)
      error_message = "infra/events/bindings.json may not bind ${local.oic_group} tools: only the ${local.oic_group} function holds the Oracle Integration connection."
    }
  }
}
