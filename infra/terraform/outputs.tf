# What a user needs after apply: the endpoint, the metadata document, a client configuration, the function OCIDs.

output "mcp_url" {
  description = "The MCP endpoint (Streamable HTTP). Each group is also at <mcp_url>/<group>."
  value       = local.mcp_url
}

output "protected_resource_metadata_url" {
  description = "The RFC 9728 protected-resource metadata document named in WWW-Authenticate."
  value       = local.metadata_url
}

output "client_config" {
  description = "Client configuration snippets: a Claude Code command and a VS Code .vscode/mcp.json."
  value = jsonencode({
    claude_code = "claude mcp add --transport http oci ${local.mcp_url} --header \"Authorization: Bearer $TOKEN\""
    vscode = {
      servers = {
        oci = {
          type    = "http"
          url     = local.mcp_url
          headers = { Authorization = "Bearer $${input:oci-token}" }
        }
      }
      inputs = [{ id = "oci-token", type = "promptString", description = "OCI MCP access token", password = true }]
    }
  })
}

output "function_ids" {
  description = "OCID of each function, by name."
  value       = local.function_ids
}

output "functions_invoke_endpoint" {
  description = "Invoke endpoint of the functions application."
  value       = oci_functions_function.router.invoke_endpoint
}

output "gateway_hostname" {
  description = "Hostname of the API gateway."
  value       = oci_apigateway_gateway.mcp.hostname
}
