# The identity propagation trust that lets the confidential application exchange the identity domain's own
# access tokens (JWTs) for UPSTs of the same users: POST <domain>/oauth2/v1/token with the token-exchange grant.
#
# Arguments checked against the oracle/oci provider reference (website/docs/r/
# identity_domains_identity_propagation_trust.html.markdown): idcs_endpoint, issuer, name, schemas, type (JWT),
# active, public_key_endpoint, oauth_clients, subject_type, subject_claim_name, subject_mapping_attribute,
# allow_impersonation, impersonation_service_users { rule, value }.

resource "oci_identity_domains_identity_propagation_trust" "exchange" {
  count = var.create_identity_propagation_trust && local.token_exchange ? 1 : 0

  idcs_endpoint = local.idcs_url
  schemas       = ["urn:ietf:params:scim:schemas:oracle:idcs:IdentityPropagationTrust"]
  name          = "${var.name_prefix}-token-exchange"
  description   = "OCI MCP Functions: access tokens of this domain become UPSTs of their own users."
  type          = "JWT"
  active        = true

  # The tokens are this domain's own: same issuer and signing keys the gateway validates against.
  issuer              = local.auth.issuers[0]
  public_key_endpoint = local.jwks_url

  # Only the functions' confidential application may exchange.
  oauth_clients = [var.token_exchange_client_id]

  # The token's `sub` is the user's name in the domain; the UPST is that user's.
  subject_type              = "User"
  subject_claim_name        = "sub"
  subject_mapping_attribute = "userName"

  # Tokens without a user (client credentials) can be mapped to a service user, rule by rule.
  allow_impersonation = length(var.token_exchange_service_users) > 0

  dynamic "impersonation_service_users" {
    for_each = var.token_exchange_service_users
    content {
      rule  = impersonation_service_users.value.rule
      value = impersonation_service_users.value.user_id
    }
  }
}
