# Providers (the stack's region, and the home region for IAM writes) and the optional OCIR repository.

provider "oci" {
  region = var.region
}

# IAM (dynamic groups, policies) can only be written in the tenancy's home region.
provider "oci" {
  alias  = "home"
  region = local.home_region
}

data "oci_identity_region_subscriptions" "tenancy" {
  tenancy_id = var.tenancy_ocid
}

locals {
  home_region = one([for r in data.oci_identity_region_subscriptions.tenancy.region_subscriptions : r.region_name if r.is_home_region])
}

# Optional: a private repository to push the one image to (push before the functions are created, see README).
resource "oci_artifacts_container_repository" "image" {
  count          = var.container_repository_name == "" ? 0 : 1
  compartment_id = var.compartment_ocid
  display_name   = var.container_repository_name
  is_public      = false
  is_immutable   = false
}
