# The OAuth authorization-server facade (functions/oauth): its anonymous routes (from infra/routes.json, see
# apigateway.tf), its configuration and secrets, the bucket of its single-use markers, and optionally its
# confidential application in the identity domain.
#
# Facts relied on: RFC 8414 metadata at https://<host>/.well-known/oauth-authorization-server for an issuer
# without a path (path_prefix "/"); IDCS resource scopes are requested fully qualified, <audience><scope>; Object
# Storage PutObject with `if-none-match: *` fails with 412 when the object exists (one winner across containers).

locals {
  oauth_function = local.spec.authorizationServer.function
  oauth_routes   = [for r in local.spec.routes : r if try(r.anonymous, false)]
  oauth_bucket   = "${var.name_prefix}-oauth-state"
  # The facade's callback, the confidential application's one redirect URI: the anonymous route ending in /callback.
  oauth_callback_url = "${local.base_url}${one([for r in local.oauth_routes : r.path if endswith(r.path, "/callback")])}"

  oauth_config = {
    OAUTH_ISSUER             = local.base_url
    OAUTH_IDCS_URL           = local.idcs_url
    OAUTH_CLIENT_ID          = var.oauth_client_id
    OAUTH_CLIENT_SECRET_OCID = var.oauth_client_secret_ocid
    OAUTH_SEALING_KEY_OCID   = var.oauth_sealing_key_ocid
    OAUTH_RESOURCE           = local.mcp_url
    OAUTH_REDIRECT_URIS      = join(" ", var.oauth_redirect_uris)
    OAUTH_STATE_NAMESPACE    = data.oci_objectstorage_namespace.oauth.namespace
    OAUTH_STATE_BUCKET       = local.oauth_bucket
    MCP_TOKEN_AUDIENCE       = var.token_audience
  }

  oauth_client_secret_compartment_id = try(data.oci_vault_secret.oauth_client[0].compartment_id, var.compartment_ocid)
  oauth_sealing_key_compartment_id   = try(data.oci_vault_secret.oauth_sealing[0].compartment_id, var.compartment_ocid)

  oauth_grants = [
    "Allow dynamic-group id %s to read secret-bundles in compartment id ${local.oauth_client_secret_compartment_id} where target.secret.id = '${var.oauth_client_secret_ocid}'",
    "Allow dynamic-group id %s to read secret-bundles in compartment id ${local.oauth_sealing_key_compartment_id} where target.secret.id = '${var.oauth_sealing_key_ocid}'",
    # Only OBJECT_CREATE, only in its bucket: a marker is created once and never read, overwritten or deleted.
    "Allow dynamic-group id %s to manage objects in compartment id ${var.compartment_ocid} where all {target.bucket.name = '${local.oauth_bucket}', request.permission = 'OBJECT_CREATE'}",
  ]
}

data "oci_objectstorage_namespace" "oauth" {
  compartment_id = var.tenancy_ocid
}

data "oci_vault_secret" "oauth_client" {
  count     = var.oauth_client_secret_ocid != "" ? 1 : 0
  secret_id = var.oauth_client_secret_ocid
}

data "oci_vault_secret" "oauth_sealing" {
  count     = var.oauth_sealing_key_ocid != "" ? 1 : 0
  secret_id = var.oauth_sealing_key_ocid
}

# Single-use markers: used/code/<id> and used/refresh/<id>, empty objects. Private, and deleted by age.
resource "oci_objectstorage_bucket" "oauth_state" {
  compartment_id = var.compartment_ocid
  namespace      = data.oci_objectstorage_namespace.oauth.namespace
  name           = local.oauth_bucket
  access_type    = "NoPublicAccess"
  versioning     = "Disabled"
}

resource "oci_objectstorage_object_lifecycle_policy" "oauth_state" {
  namespace = data.oci_objectstorage_namespace.oauth.namespace
  bucket    = oci_objectstorage_bucket.oauth_state.name

  rules {
    name        = "expire-single-use-markers"
    action      = "DELETE"
    is_enabled  = true
    target      = "objects"
    time_amount = var.oauth_state_retention_days
    time_unit   = "DAYS"
  }
}

# The facade's confidential application: authorization code + refresh token, redirect URI the facade's callback,
# the MCP resource's scopes. Arguments as the oracle/oci provider's oci_identity_domains_app.
resource "oci_identity_domains_app" "oauth" {
  count = var.create_oauth_application ? 1 : 0

  idcs_endpoint = local.idcs_url
  schemas       = ["urn:ietf:params:scim:schemas:oracle:idcs:App"]
  display_name  = "${var.name_prefix}-oauth-facade"
  description   = "OCI MCP Functions: the authorization-server facade MCP clients sign in through."
  active        = true

  based_on_template {
    value         = "CustomWebAppTemplateId"
    well_known_id = "CustomWebAppTemplateId"
  }

  is_oauth_client = true
  client_type     = "confidential"
  allowed_grants  = ["authorization_code", "refresh_token"]
  redirect_uris   = [local.oauth_callback_url]

  dynamic "allowed_scopes" {
    for_each = toset(["${local.prefix}.read", "${local.prefix}.write"])
    content {
      fqs = "${var.token_audience}${allowed_scopes.value}"
    }
  }
}
