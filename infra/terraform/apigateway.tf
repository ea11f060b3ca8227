# The public API gateway and its one deployment, built from infra/routes.json: token authentication against the
# identity domain's JWKS, ANY_OF scope authorization per route, the validated claims forwarded as headers, and
# the RFC 9728 metadata documents served by the gateway itself (the only anonymous routes).
#
# Checked against the oracle/oci provider's oci_apigateway_deployment reference (website/docs/r/
# apigateway_deployment.html.markdown): for type = "TOKEN_AUTHENTICATION" the arguments are token_header,
# token_auth_scheme, max_clock_skew_in_seconds, is_anonymous_access_allowed, validation_policy { type =
# "REMOTE_JWKS", uri, max_cache_duration_in_hours, additional_validation_policy { issuers, audiences } } and
# validation_failure_policy { type = "MODIFY_RESPONSE", response_code, response_header_transformations {
# set_headers { items { name, values, if_exists } } } }. The top-level `issuers`/`audiences` arguments belong to
# the older JWT authentication type, documented as no longer recommended and not used here.

resource "oci_apigateway_gateway" "mcp" {
  compartment_id = var.compartment_ocid
  display_name   = "${var.name_prefix}-gateway"
  endpoint_type  = "PUBLIC"
  subnet_id      = local.gateway_subnet_id
}

resource "oci_apigateway_deployment" "mcp" {
  compartment_id = var.compartment_ocid
  gateway_id     = oci_apigateway_gateway.mcp.id
  display_name   = "${var.name_prefix}-mcp"
  # Routes carry their full paths from routes.json, so the public URL of a route is https://<hostname><path>.
  path_prefix = "/"

  specification {
    request_policies {
      authentication {
        type                      = "TOKEN_AUTHENTICATION"
        token_header              = local.auth.tokenHeader
        token_auth_scheme         = local.auth.tokenAuthScheme
        max_clock_skew_in_seconds = local.auth.maxClockSkewInSeconds
        # Required for routes with ANONYMOUS authorization; only the metadata documents have one. Every other
        # route names ANY_OF scopes and so needs a valid token.
        is_anonymous_access_allowed = true

        validation_policy {
          type                        = "REMOTE_JWKS"
          uri                         = local.jwks_url
          max_cache_duration_in_hours = 1

          additional_validation_policy {
            issuers   = local.auth.issuers
            audiences = [var.token_audience]
          }
        }

        # A missing or invalid token: 401 naming the metadata document (MCP authorization, RFC 9728 §5.1).
        validation_failure_policy {
          type          = "MODIFY_RESPONSE"
          response_code = "401"

          response_header_transformations {
            set_headers {
              items {
                name      = "WWW-Authenticate"
                values    = ["Bearer resource_metadata=\"${local.metadata_url}\""]
                if_exists = "OVERWRITE"
              }
            }
          }
        }
      }

      rate_limiting {
        rate_in_requests_per_second = var.rate_limit_per_client
        rate_key                    = "CLIENT_IP"
      }

      # The same list the functions check Origin against (MCP_ALLOWED_ORIGINS): the gateway answers preflights and
      # reflects an allowed origin (never "*"); without entries there is no CORS policy and browsers stay out.
      dynamic "cors" {
        for_each = length(var.cors_allowed_origins) > 0 ? [var.cors_allowed_origins] : []
        content {
          allowed_origins              = cors.value
          allowed_methods              = ["GET", "POST", "DELETE", "OPTIONS"]
          allowed_headers              = ["Authorization", "Content-Type", "Mcp-Protocol-Version", "Mcp-Session-Id", "Mcp-Method", "Mcp-Name", "Last-Event-Id"]
          exposed_headers              = ["WWW-Authenticate", "Mcp-Session-Id", "Opc-Request-Id"]
          is_allow_credentials_enabled = false
          max_age_in_seconds           = 600
        }
      }
    }

    # The MCP routes: /mcp → router, /mcp/<group> → that group's function. /mcp routes dynamically on the Mcp-Name
    # header (routes.json zeroHop): a group's tools/call or resources/read goes straight to the group's function,
    # one invocation instead of two; the rest, and clients that send no Mcp-Name, to the router.
    dynamic "routes" {
      for_each = { for r in local.routes : r.path => r }
      content {
        path    = routes.value.path
        methods = routes.value.methods

        backend {
          type        = contains(keys(local.zero_hop_keys), routes.value.path) ? "DYNAMIC_ROUTING_BACKEND" : "ORACLE_FUNCTIONS_BACKEND"
          function_id = contains(keys(local.zero_hop_keys), routes.value.path) ? null : local.function_ids[routes.value.function]

          dynamic "selection_source" {
            for_each = contains(keys(local.zero_hop_keys), routes.value.path) ? [routes.value.zeroHop.selector] : []
            content {
              type     = "SINGLE"
              selector = "request.headers[${selection_source.value}]"
            }
          }

          dynamic "routing_backends" {
            for_each = try(local.zero_hop_keys[routes.value.path], [])
            content {
              key {
                type       = "WILDCARD"
                name       = routing_backends.value.name
                expression = routing_backends.value.expression
                is_default = false
              }
              backend {
                type        = "ORACLE_FUNCTIONS_BACKEND"
                function_id = local.function_ids[routing_backends.value.function]
              }
            }
          }

          # No key matched, or no header: the route's own function (the router).
          dynamic "routing_backends" {
            for_each = contains(keys(local.zero_hop_keys), routes.value.path) ? [routes.value.function] : []
            content {
              key {
                type       = "ANY_OF"
                name       = "default"
                values     = []
                is_default = true
              }
              backend {
                type        = "ORACLE_FUNCTIONS_BACKEND"
                function_id = local.function_ids[routing_backends.value]
              }
            }
          }
        }

        request_policies {
          authorization {
            type          = "ANY_OF"
            allowed_scope = local.route_scopes[routes.value.path]
          }

          # Validated claims become headers; OVERWRITE replaces any a client sent itself.
          header_transformations {
            set_headers {
              dynamic "items" {
                for_each = local.auth.claimHeaders
                content {
                  name      = items.value
                  values    = ["$${request.auth[${items.key}]}"]
                  if_exists = "OVERWRITE"
                }
              }
            }
          }
        }
      }
    }

    # REST for clients that do not speak MCP (routes.json restRoutes): the OpenAPI document and POST /tools/{name},
    # to the router, with the router's scopes and the same claim headers as /mcp.
    dynamic "routes" {
      for_each = { for r in try(local.spec.restRoutes, []) : r.path => r }
      content {
        path    = routes.value.path
        methods = routes.value.methods

        backend {
          type        = "ORACLE_FUNCTIONS_BACKEND"
          function_id = local.function_ids[routes.value.function]
        }

        request_policies {
          authorization {
            type          = "ANY_OF"
            allowed_scope = local.route_scopes[local.router_path]
          }

          header_transformations {
            set_headers {
              dynamic "items" {
                for_each = local.auth.claimHeaders
                content {
                  name      = items.value
                  values    = ["$${request.auth[${items.key}]}"]
                  if_exists = "OVERWRITE"
                }
              }
            }
          }
        }
      }
    }

    # The OAuth facade's endpoints: anonymous (the browser and the clients have no token yet), to its function.
    dynamic "routes" {
      for_each = { for r in local.oauth_routes : r.path => r }
      content {
        path    = routes.value.path
        methods = routes.value.methods

        backend {
          type        = "ORACLE_FUNCTIONS_BACKEND"
          function_id = local.function_ids[routes.value.function]
        }

        request_policies {
          authorization {
            type = "ANONYMOUS"
          }
        }
      }
    }

    # The protected-resource metadata documents (RFC 9728), anonymous, answered by the gateway without a function.
    dynamic "routes" {
      for_each = local.metadata_routes
      content {
        path    = routes.key
        methods = ["GET"]

        backend {
          type   = "STOCK_RESPONSE_BACKEND"
          status = 200
          body = jsonencode({
            resource                 = "${local.base_url}${routes.value}"
            # The OAuth facade (oauth.tf) at the gateway's own URL: its issuer, RFC 8414 metadata at the root.
            authorization_servers    = [local.base_url]
            scopes_supported         = local.route_scopes[routes.value]
            bearer_methods_supported = ["header"]
            resource_name            = "OCI MCP Functions"
          })

          headers {
            name  = "Content-Type"
            value = "application/json"
          }
        }

        request_policies {
          authorization {
            type = "ANONYMOUS"
          }
        }
      }
    }
  }

  lifecycle {
    precondition {
      condition     = local.auth.type == "TOKEN_AUTHENTICATION"
      error_message = "infra/routes.json must name TOKEN_AUTHENTICATION, the only authentication this module builds."
    }
  }
}
