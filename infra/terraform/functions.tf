# One functions application; one function per routes.json function (router and groups) plus `events`, all from
# the one image: MCP_FUNCTION chooses which function a deployment runs.
#
# Configuration keys are names from functions/core/config.ts (SETTINGS). The exchange client's secret is never
# in configuration (plain text, ≤ 4 KB): MCP_TOKEN_EXCHANGE_CLIENT_SECRET_OCID names the Vault secret, which the
# function reads through the Secrets API (GetSecretBundle) with its resource principal. The same holds for the
# Oracle Integration client's secret (OIC_CLIENT_SECRET_OCID), which only the integration function gets.

locals {
  # Same for every function.
  base_config = {
    MCP_ENABLE_MUTATIONS = tostring(var.enable_mutations)
    OCI_REGION           = var.region
    OCI_COMPARTMENT_ID   = local.target_compartment_id
  }

  # Functions reached through the gateway verify the bearer token again, name the metadata document and check Origin.
  http_config = {
    MCP_TOKEN_ISSUER          = local.auth.issuers[0]
    MCP_TOKEN_AUDIENCE        = var.token_audience
    MCP_JWKS_URL              = local.jwks_url
    MCP_RESOURCE_METADATA_URL = local.metadata_url
    # The gateway's CORS policy and the functions' Origin check read one list (a foreign Origin is 403).
    MCP_ALLOWED_ORIGINS = join(",", var.cors_allowed_origins)
  }

  # Group functions that exchange the caller's token for a UPST: with token_exchange, those whose tools sign OCI
  # requests (tool_grants in iam.tf names the groups that sign none). Only they get the exchange client and may
  # read its secret; the others sign their one OCI call (the Vault read) with their resource principal.
  exchange_functions = toset([
    for f, g in local.function_group : f if local.token_exchange && try(local.tool_grants[g].signs_oci_requests, true)
  ])

  exchange_config = {
    MCP_TOKEN_EXCHANGE_URL                = local.idcs_token_url
    MCP_TOKEN_EXCHANGE_CLIENT_ID          = var.token_exchange_client_id
    MCP_TOKEN_EXCHANGE_CLIENT_SECRET_OCID = var.token_exchange_client_secret_ocid
  }

  # The Oracle Integration connection, only when configured (empty optional values are left out). The secret is
  # named by its Vault OCID, never put here. Merged into the configuration of local.oic_functions only.
  oic_config = {
    for k, v in {
      OIC_INSTANCE_URL         = trimsuffix(var.oic_instance_url, "/")
      OIC_INTEGRATION_INSTANCE = var.oic_integration_instance
      OIC_TOKEN_URL            = local.oic_token_url
      OIC_CLIENT_ID            = var.oic_client_id
      OIC_CLIENT_SECRET_OCID   = var.oic_client_secret_ocid
      OIC_SCOPE                = var.oic_scope
    } : k => v if local.oic_configured && v != ""
  }

  # The key of the groups' confirmation rounds, named by its Vault OCID (never the key itself), when set.
  request_state_config = var.request_state_key_ocid != "" ? { MCP_REQUEST_STATE_KEY_OCID = var.request_state_key_ocid } : {}

  # What the events function does with an event: infra/events/bindings.json, passed whole (minified).
  events_config = {
    MCP_EVENT_BINDINGS = jsonencode(local.event_spec)
  }

  # Groups sign OCI requests as var.identity_mode says. `events` has no caller token to exchange, and a group
  # that signs no OCI request has no use for one: both use their resource principal.
  worker_config = {
    for name in local.worker_functions : name => merge(
      local.base_config,
      { MCP_FUNCTION = name, OCI_AUTH = contains(local.exchange_functions, name) ? "token_exchange" : "resource_principal" },
      { for k, v in local.http_config : k => v if !contains(["events", local.oauth_function], name) },
      { for k, v in local.oauth_config : k => v if name == local.oauth_function },
      { for k, v in local.exchange_config : k => v if contains(local.exchange_functions, name) },
      { for k, v in local.oic_config : k => v if contains(local.oic_functions, name) },
      { for k, v in local.request_state_config : k => v if contains(keys(local.function_group), name) },
      { for k, v in local.events_config : k => v if name == "events" },
    )
  }

  # The router makes no OCI call of its own but the Functions invoke, signed with its resource principal.
  router_config = merge(local.base_config, local.http_config, {
    MCP_FUNCTION        = local.router_function
    OCI_AUTH            = "resource_principal"
    MCP_INVOKER         = "oci"
    MCP_INVOKE_ENDPOINT = oci_functions_function.fn[sort(tolist(local.group_functions))[0]].invoke_endpoint
    # group=<function ocid>,… — about 110 bytes a group, well inside the 4 KB configuration limit.
    MCP_GROUP_FUNCTION_IDS = join(",", [
      for r in local.routes : "${r.group}=${oci_functions_function.fn[r.function].id}" if try(r.group, null) != null
    ])
    },
    # Deployed, backends come from routes.json; a drop-in folder only when one was baked into the image.
    var.router_backends_dir != "" ? { MCP_BACKENDS_DIR = var.router_backends_dir } : {},
  )

  function_settings = {
    for name in local.all_functions : name => {
      memory_in_mbs           = coalesce(try(var.function_overrides[name].memory_in_mbs, null), var.function_memory_in_mbs)
      timeout_in_seconds      = coalesce(try(var.function_overrides[name].timeout_in_seconds, null), var.function_timeout_in_seconds)
      provisioned_concurrency = coalesce(try(var.function_overrides[name].provisioned_concurrency, null), 0)
    }
  }

  function_ids = merge(
    { for name, fn in oci_functions_function.fn : name => fn.id },
    { (local.router_function) = oci_functions_function.router.id },
  )
}

resource "oci_functions_application" "mcp" {
  compartment_id = var.compartment_ocid
  display_name   = "${var.name_prefix}-functions"
  subnet_ids     = [local.function_subnet_id]
  shape          = var.function_shape
}

resource "oci_functions_function" "fn" {
  for_each = local.worker_functions

  application_id     = oci_functions_application.mcp.id
  display_name       = each.key
  image              = var.image
  memory_in_mbs      = local.function_settings[each.key].memory_in_mbs
  timeout_in_seconds = local.function_settings[each.key].timeout_in_seconds
  config             = local.worker_config[each.key]

  dynamic "provisioned_concurrency_config" {
    for_each = local.function_settings[each.key].provisioned_concurrency > 0 ? [local.function_settings[each.key].provisioned_concurrency] : []
    content {
      strategy = "CONSTANT"
      count    = provisioned_concurrency_config.value
    }
  }

  lifecycle {
    precondition {
      condition     = sum([for k, v in local.worker_config[each.key] : length(k) + length(v)]) <= 4096
      error_message = "The configuration of ${each.key} is over the 4 KB OCI Functions limit."
    }
    precondition {
      condition     = !local.token_exchange || (var.token_exchange_client_id != "" && var.token_exchange_client_secret_ocid != "")
      error_message = "identity_mode token_exchange needs token_exchange_client_id and token_exchange_client_secret_ocid."
    }
    precondition {
      condition     = !local.oic_requested || (local.oic_configured && length(local.oic_functions) > 0)
      error_message = "Oracle Integration needs oic_instance_url, oic_client_id and oic_client_secret_ocid together, and the ${local.oic_group} group in infra/routes.json."
    }
  }
}

resource "oci_functions_function" "router" {
  application_id     = oci_functions_application.mcp.id
  display_name       = local.router_function
  image              = var.image
  memory_in_mbs      = local.function_settings[local.router_function].memory_in_mbs
  timeout_in_seconds = local.function_settings[local.router_function].timeout_in_seconds
  config             = local.router_config

  dynamic "provisioned_concurrency_config" {
    for_each = local.function_settings[local.router_function].provisioned_concurrency > 0 ? [local.function_settings[local.router_function].provisioned_concurrency] : []
    content {
      strategy = "CONSTANT"
      count    = provisioned_concurrency_config.value
    }
  }

  lifecycle {
    precondition {
      condition     = sum([for k, v in local.router_config : length(k) + length(v)]) <= 4096
      error_message = "The router's configuration is over the 4 KB OCI Functions limit."
    }
  }
}
