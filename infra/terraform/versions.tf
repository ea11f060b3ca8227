# Terraform and provider versions. TOKEN_AUTHENTICATION with validation_failure_policy MODIFY_RESPONSE, the
# functions application `shape` and oci_identity_domains_identity_propagation_trust all need a 6.x provider or newer.
terraform {
  required_version = ">= 1.5.0"

  required_providers {
    oci = {
      source  = "oracle/oci"
      version = ">= 6.0.0, < 8.0.0"
    }
  }
}
