# Logs: the functions' invoke logs (stdout/stderr, including the audit lines) and the gateway's access and
# execution logs, in one log group.

resource "oci_logging_log_group" "mcp" {
  compartment_id = var.compartment_ocid
  display_name   = "${var.name_prefix}-logs"
  description    = "OCI MCP Functions: function invocations and API gateway traffic."
}

resource "oci_logging_log" "functions_invoke" {
  display_name       = "${var.name_prefix}-functions-invoke"
  log_group_id       = oci_logging_log_group.mcp.id
  log_type           = "SERVICE"
  is_enabled         = true
  retention_duration = var.log_retention_days

  configuration {
    compartment_id = var.compartment_ocid

    source {
      source_type = "OCISERVICE"
      service     = "functions"
      category    = "invoke"
      resource    = oci_functions_application.mcp.id
    }
  }
}

resource "oci_logging_log" "gateway" {
  for_each = toset(["access", "execution"])

  display_name       = "${var.name_prefix}-gateway-${each.key}"
  log_group_id       = oci_logging_log_group.mcp.id
  log_type           = "SERVICE"
  is_enabled         = true
  retention_duration = var.log_retention_days

  configuration {
    compartment_id = var.compartment_ocid

    source {
      source_type = "OCISERVICE"
      service     = "apigateway"
      category    = each.key
      resource    = oci_apigateway_deployment.mcp.id
    }
  }
}
