# The network, created only for the subnets not given: a private subnet for the functions (egress through a NAT
# gateway for the identity domain, a service gateway for OCI services and OCIR) and a public subnet for the API
# gateway (HTTPS in from anywhere). 0.0.0.0/0 appears only in that HTTPS ingress, in egress rules and in routes.

locals {
  create_function_subnet = var.function_subnet_id == ""
  create_gateway_subnet  = var.gateway_subnet_id == ""
  create_vcn             = local.create_function_subnet || local.create_gateway_subnet

  function_subnet_id = local.create_function_subnet ? oci_core_subnet.functions[0].id : var.function_subnet_id
  gateway_subnet_id  = local.create_gateway_subnet ? oci_core_subnet.gateway[0].id : var.gateway_subnet_id
}

data "oci_core_services" "osn" {
  count = local.create_function_subnet ? 1 : 0

  filter {
    name   = "name"
    values = ["All .* Services In Oracle Services Network"]
    regex  = true
  }
}

resource "oci_core_vcn" "mcp" {
  count          = local.create_vcn ? 1 : 0
  compartment_id = var.compartment_ocid
  display_name   = "${var.name_prefix}-vcn"
  cidr_blocks    = [var.vcn_cidr_block]
  dns_label      = "ocimcp"
}

# --- Public subnet: the API gateway -------------------------------------------------------------------------------

resource "oci_core_internet_gateway" "mcp" {
  count          = local.create_gateway_subnet ? 1 : 0
  compartment_id = var.compartment_ocid
  vcn_id         = oci_core_vcn.mcp[0].id
  display_name   = "${var.name_prefix}-igw"
  enabled        = true
}

resource "oci_core_route_table" "gateway" {
  count          = local.create_gateway_subnet ? 1 : 0
  compartment_id = var.compartment_ocid
  vcn_id         = oci_core_vcn.mcp[0].id
  display_name   = "${var.name_prefix}-gateway-routes"

  route_rules {
    destination       = "0.0.0.0/0"
    destination_type  = "CIDR_BLOCK"
    network_entity_id = oci_core_internet_gateway.mcp[0].id
  }
}

resource "oci_core_security_list" "gateway" {
  count          = local.create_gateway_subnet ? 1 : 0
  compartment_id = var.compartment_ocid
  vcn_id         = oci_core_vcn.mcp[0].id
  display_name   = "${var.name_prefix}-gateway"

  # Agents anywhere reach the endpoint over HTTPS.
  ingress_security_rules {
    protocol    = "6"
    source      = "0.0.0.0/0"
    source_type = "CIDR_BLOCK"
    stateless   = false

    tcp_options {
      min = 443
      max = 443
    }
  }

  # The identity domain's JWKS and the Functions invoke endpoint are public HTTPS endpoints.
  egress_security_rules {
    protocol         = "6"
    destination      = "0.0.0.0/0"
    destination_type = "CIDR_BLOCK"
    stateless        = false

    tcp_options {
      min = 443
      max = 443
    }
  }
}

resource "oci_core_subnet" "gateway" {
  count                      = local.create_gateway_subnet ? 1 : 0
  compartment_id             = var.compartment_ocid
  vcn_id                     = oci_core_vcn.mcp[0].id
  display_name               = "${var.name_prefix}-gateway"
  cidr_block                 = cidrsubnet(var.vcn_cidr_block, 8, 1)
  dns_label                  = "gateway"
  prohibit_public_ip_on_vnic = false
  route_table_id             = oci_core_route_table.gateway[0].id
  security_list_ids          = [oci_core_security_list.gateway[0].id]
}

# --- Private subnet: the functions -------------------------------------------------------------------------------

resource "oci_core_nat_gateway" "mcp" {
  count          = local.create_function_subnet ? 1 : 0
  compartment_id = var.compartment_ocid
  vcn_id         = oci_core_vcn.mcp[0].id
  display_name   = "${var.name_prefix}-nat"
}

resource "oci_core_service_gateway" "mcp" {
  count          = local.create_function_subnet ? 1 : 0
  compartment_id = var.compartment_ocid
  vcn_id         = oci_core_vcn.mcp[0].id
  display_name   = "${var.name_prefix}-sgw"

  services {
    service_id = data.oci_core_services.osn[0].services[0].id
  }
}

resource "oci_core_route_table" "functions" {
  count          = local.create_function_subnet ? 1 : 0
  compartment_id = var.compartment_ocid
  vcn_id         = oci_core_vcn.mcp[0].id
  display_name   = "${var.name_prefix}-functions-routes"

  # The identity domain (token exchange) is on the internet.
  route_rules {
    destination       = "0.0.0.0/0"
    destination_type  = "CIDR_BLOCK"
    network_entity_id = oci_core_nat_gateway.mcp[0].id
  }

  # OCI APIs and OCIR image pulls stay on the Oracle Services Network.
  route_rules {
    destination       = data.oci_core_services.osn[0].services[0].cidr_block
    destination_type  = "SERVICE_CIDR_BLOCK"
    network_entity_id = oci_core_service_gateway.mcp[0].id
  }
}

resource "oci_core_security_list" "functions" {
  count          = local.create_function_subnet ? 1 : 0
  compartment_id = var.compartment_ocid
  vcn_id         = oci_core_vcn.mcp[0].id
  display_name   = "${var.name_prefix}-functions"

  # No ingress: functions are invoked through the Functions service, never connected to.
  egress_security_rules {
    protocol         = "6"
    destination      = "0.0.0.0/0"
    destination_type = "CIDR_BLOCK"
    stateless        = false

    tcp_options {
      min = 443
      max = 443
    }
  }
}

resource "oci_core_subnet" "functions" {
  count                      = local.create_function_subnet ? 1 : 0
  compartment_id             = var.compartment_ocid
  vcn_id                     = oci_core_vcn.mcp[0].id
  display_name               = "${var.name_prefix}-functions"
  cidr_block                 = cidrsubnet(var.vcn_cidr_block, 8, 2)
  dns_label                  = "functions"
  prohibit_public_ip_on_vnic = true
  route_table_id             = oci_core_route_table.functions[0].id
  security_list_ids          = [oci_core_security_list.functions[0].id]
}
