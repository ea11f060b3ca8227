# Inputs of the stack. Safe defaults: mutations off, token exchange (the caller's own OCI identity), a new network.

# --- Tenancy ---------------------------------------------------------------------------------------------------

variable "tenancy_ocid" {
  description = "OCID of the tenancy (dynamic groups and policies are created at its root)."
  type        = string
}

variable "region" {
  description = "Region to deploy to, for example eu-frankfurt-1. The image must be in this region's OCIR."
  type        = string
}

variable "compartment_ocid" {
  description = "Compartment for the functions, the gateway, the network and the logs."
  type        = string
}

variable "target_compartment_ocid" {
  description = "Compartment the tools work in by default (OCI_COMPARTMENT_ID) and that resource-principal policies are scoped to. Empty: compartment_ocid."
  type        = string
  default     = ""
}

variable "name_prefix" {
  description = "Prefix of every display name, dynamic group and policy name (names of dynamic groups and policies are tenancy-wide)."
  type        = string
  default     = "oci-mcp"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,20}$", var.name_prefix))
    error_message = "name_prefix: 2 to 21 lowercase letters, digits or dashes, starting with a letter."
  }
}

# --- Functions -------------------------------------------------------------------------------------------------

variable "image" {
  description = "Full OCIR reference of the one image, for example fra.ocir.io/<namespace>/oci-mcp-functions:0.1.0."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9.-]+/[a-z0-9_-]+/[^:@\\s]+(:[A-Za-z0-9_.-]+|@sha256:[a-f0-9]{64})$", var.image))
    error_message = "image is a full OCIR reference with a tag or digest: <registry host>/<namespace>/<repository>:<tag>."
  }
}

variable "container_repository_name" {
  description = "Create a private OCIR repository with this name for the image. Empty: the repository exists already."
  type        = string
  default     = ""
}

variable "function_shape" {
  description = "Processor architecture of the functions application; it must match the image."
  type        = string
  default     = "GENERIC_X86"

  validation {
    condition     = contains(["GENERIC_X86", "GENERIC_ARM", "GENERIC_X86_ARM"], var.function_shape)
    error_message = "function_shape is GENERIC_X86, GENERIC_ARM or GENERIC_X86_ARM."
  }
}

variable "function_memory_in_mbs" {
  description = "Memory of each function (MB) unless function_overrides says otherwise."
  type        = number
  default     = 256

  validation {
    condition     = var.function_memory_in_mbs >= 128 && var.function_memory_in_mbs <= 3072
    error_message = "OCI Functions memory is 128 to 3072 MB."
  }
}

variable "function_timeout_in_seconds" {
  description = "Timeout of each function (seconds) unless function_overrides says otherwise."
  type        = number
  default     = 30

  validation {
    condition     = var.function_timeout_in_seconds >= 5 && var.function_timeout_in_seconds <= 300
    error_message = "OCI Functions timeouts are at most 300 seconds."
  }
}

variable "function_overrides" {
  description = "Per function (router, a group name, or events): memory_in_mbs, timeout_in_seconds, provisioned_concurrency (provisioned concurrency units; 0 is none)."
  type = map(object({
    memory_in_mbs           = optional(number)
    timeout_in_seconds      = optional(number)
    provisioned_concurrency = optional(number)
  }))
  default = {
    # The router waits for the group it calls, so it gets more time than a group.
    router = { timeout_in_seconds = 60 }
  }
}

variable "router_backends_dir" {
  description = "Absolute path, inside the function image, of a folder of backend declarations (*.json) the router reads besides the `backends` of infra/routes.json (MCP_BACKENDS_DIR). Empty (the default): the router gets no MCP_BACKENDS_DIR and its backends are those of routes.json. A folder must be baked into the image (README, section Gateway)."
  type        = string
  default     = ""

  validation {
    condition     = var.router_backends_dir == "" || can(regex("^/[A-Za-z0-9._/-]+$", var.router_backends_dir))
    error_message = "router_backends_dir is an absolute path inside the image, or empty."
  }
}

variable "enable_mutations" {
  description = "Allow tools that change resources (MCP_ENABLE_MUTATIONS) and grant the write permissions they need."
  type        = bool
  default     = false
}

variable "request_state_key_ocid" {
  description = "OCID of the Vault secret holding the key (at least 32 random characters, for example `openssl rand -base64 48`) that signs the confirmation rounds of destructive tools (MCP 2026-07-28). Without it each container signs with its own key, so a confirmation answered by another container of the same function is refused and the client asked again."
  type        = string
  default     = ""

  validation {
    condition     = var.request_state_key_ocid == "" || can(regex("^ocid1\\.vaultsecret\\.[a-z0-9]+\\.[a-z0-9-]*\\.[a-z0-9]+$", var.request_state_key_ocid))
    error_message = "request_state_key_ocid is a Vault secret OCID, ocid1.vaultsecret.<realm>.<region>.<id>, or empty."
  }
}

# --- Identity ----------------------------------------------------------------------------------------------------

variable "identity_mode" {
  description = "Who OCI requests run as: token_exchange (the caller's own identity, through a UPST) or resource_principal (the function's)."
  type        = string
  default     = "token_exchange"

  validation {
    condition     = contains(["token_exchange", "resource_principal"], var.identity_mode)
    error_message = "identity_mode is token_exchange or resource_principal."
  }
}

variable "identity_domain_url" {
  description = "URL of the identity domain that issues the access tokens, https://idcs-<guid>.identity.oraclecloud.com."
  type        = string

  validation {
    condition     = can(regex("^https://[^/]+/?$", var.identity_domain_url))
    error_message = "identity_domain_url is https://<host>, without a path."
  }
}

variable "token_audience" {
  description = "Audience the access tokens must carry (the primary audience of the identity-domain resource application)."
  type        = string
}

variable "token_exchange_client_id" {
  description = "Client id of the confidential application used for token exchange. Needed when identity_mode is token_exchange."
  type        = string
  default     = ""
}

variable "token_exchange_client_secret_ocid" {
  description = "OCID of the Vault secret holding that application's client secret. The functions read it with their resource principal; it is never put in configuration."
  type        = string
  default     = ""
}

variable "create_identity_propagation_trust" {
  description = "Create the identity propagation trust that lets the confidential application exchange the domain's JWTs for UPSTs (needs identity-domain administrator rights)."
  type        = bool
  default     = false
}

variable "token_exchange_service_users" {
  description = "Optional impersonation rules of the trust: tokens matching rule (for example \"sub eq my-agent-client\") become the service user user_id (the domain user's id). Empty: every token becomes its own user."
  type = list(object({
    rule    = string
    user_id = string
  }))
  default = []
}

# --- Oracle Integration (optional) ------------------------------------------------------------------------------
# The integration group's connection to one OIC instance. All empty: not configured (the function deploys and its
# tools say so). Only the integration function gets these, and only it may read the client's secret.

variable "oic_instance_url" {
  description = "Base URL of the Oracle Integration instance the integration group monitors, https://<host> (OIC 3: https://design.integration.<region>.ocp.oraclecloud.com). Configuration only, never a tool argument. Empty: Oracle Integration is not configured."
  type        = string
  default     = ""

  validation {
    condition     = var.oic_instance_url == "" || can(regex("^https://[^/\\s?#@]+/?$", var.oic_instance_url))
    error_message = "oic_instance_url is https://<host>, without a path, or empty."
  }
}

variable "oic_integration_instance" {
  description = "The integrationInstance query value: the OIC 3 service instance name, needed with the shared design.integration host. Empty: not sent."
  type        = string
  default     = ""

  validation {
    condition     = can(regex("^[A-Za-z0-9._-]*$", var.oic_integration_instance))
    error_message = "oic_integration_instance is an instance name (letters, digits, '.', '_', '-'), not a URL."
  }
}

variable "oic_token_url" {
  description = "Token endpoint of the identity domain of the OIC instance. Empty: <identity_domain_url>/oauth2/v1/token (the instance is in the domain that issues the MCP tokens)."
  type        = string
  default     = ""

  validation {
    condition     = var.oic_token_url == "" || can(regex("^https://[^/\\s?#@]+/[^\\s?#]*$", var.oic_token_url))
    error_message = "oic_token_url is an https URL with a path, for example https://idcs-<guid>.identity.oraclecloud.com/oauth2/v1/token, or empty."
  }
}

variable "oic_client_id" {
  description = "Client id of the integration group's own confidential application (client-credentials grant, allowed the OIC instance's scope). The caller's token is never forwarded to OIC."
  type        = string
  default     = ""
}

variable "oic_client_secret_ocid" {
  description = "OCID of the Vault secret holding that application's client secret. Only the integration function may read it (with its resource principal); it is never put in configuration."
  type        = string
  default     = ""

  validation {
    condition     = var.oic_client_secret_ocid == "" || can(regex("^ocid1\\.vaultsecret\\.[a-z0-9]+\\.[a-z0-9-]*\\.[a-z0-9]+$", var.oic_client_secret_ocid))
    error_message = "oic_client_secret_ocid is a Vault secret OCID, ocid1.vaultsecret.<realm>.<region>.<id>, or empty."
  }
}

variable "oic_scope" {
  description = "Scope the integration group requests: the OIC instance's primary audience followed by urn:opc:resource:consumer::all, for example https://<instance-host>:443urn:opc:resource:consumer::all. Empty: no scope is requested."
  type        = string
  default     = ""
}

# --- Gateway -----------------------------------------------------------------------------------------------------

variable "rate_limit_per_client" {
  description = "Requests per second the gateway accepts from one client IP address."
  type        = number
  default     = 20

  validation {
    condition     = var.rate_limit_per_client >= 1
    error_message = "rate_limit_per_client is at least 1."
  }
}

variable "cors_allowed_origins" {
  description = "Browser origins (scheme://host[:port]) allowed to call the endpoint besides its own, for browser-based MCP clients: the gateway's CORS policy, and the functions refuse any other Origin with 403 (MCP_ALLOWED_ORIGINS). Empty: no CORS policy, no foreign origin."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for o in var.cors_allowed_origins : can(regex("^https?://[^/*\\s]+$", o))])
    error_message = "Each entry must be an origin such as https://app.example.com: scheme and host, no path, no wildcard."
  }
}

# --- Network -----------------------------------------------------------------------------------------------------

variable "function_subnet_id" {
  description = "Existing private subnet for the functions. Empty: create one in a new VCN."
  type        = string
  default     = ""
}

variable "gateway_subnet_id" {
  description = "Existing public subnet for the API gateway. Empty: create one in a new VCN."
  type        = string
  default     = ""
}

variable "vcn_cidr_block" {
  description = "CIDR block of the VCN created when a subnet id is not given."
  type        = string
  default     = "10.60.0.0/16"

  validation {
    condition     = can(cidrsubnet(var.vcn_cidr_block, 8, 2))
    error_message = "vcn_cidr_block must be a CIDR block of /22 or larger."
  }
}

# --- Events and logs ---------------------------------------------------------------------------------------------

variable "event_bindings" {
  description = "OCI Events rules that deliver events to a function (what it does with them: infra/events/bindings.json): name, event_types (for example com.oraclecloud.objectstorage.createobject), condition (extra JSON filter, for example {\"data\":{\"additionalDetails\":{\"bucketName\":[\"uploads\"]}}}), function (default events), compartment_ocid (default the target compartment)."
  type = list(object({
    name             = string
    event_types      = list(string)
    condition        = optional(string, "{}")
    function         = optional(string, "events")
    compartment_ocid = optional(string)
  }))
  default = []
}

variable "log_retention_days" {
  description = "Retention of the function invoke logs and the gateway logs, in days (30, 60, 90, 120, 150 or 180)."
  type        = number
  default     = 30

  validation {
    condition     = contains([30, 60, 90, 120, 150, 180], var.log_retention_days)
    error_message = "log_retention_days is a multiple of 30 from 30 to 180."
  }
}

# --- OAuth authorization-server facade (functions/oauth) -------------------------------------------------------
# MCP clients sign in through the facade, which relays them to the identity domain as one confidential
# application. Create that application (create_oauth_application) or name an existing one.

variable "oauth_client_id" {
  description = "Client id of the identity-domain confidential application the facade relays every MCP client onto (redirect URI https://<gateway host>/oauth/callback, grants authorization_code and refresh_token, the MCP resource's scopes)."
  type        = string
}

variable "oauth_client_secret_ocid" {
  description = "OCID of the Vault secret holding that application's client secret. Only the oauth function may read it."
  type        = string
}

variable "oauth_sealing_key_ocid" {
  description = "OCID of the Vault secret holding the facade's sealing key (at least 32 random characters, for example `openssl rand -base64 48`): it seals client ids, state, codes and refresh tokens."
  type        = string
}

variable "oauth_redirect_uris" {
  description = "Exact redirect URIs of hosted MCP clients the facade accepts besides loopback ones (RFC 8252), for example [\"https://claude.ai/api/mcp/auth_callback\"]."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for u in var.oauth_redirect_uris : can(regex("^https://[^#]+$", u))])
    error_message = "oauth_redirect_uris are https URIs without a fragment."
  }
}

variable "create_oauth_application" {
  description = "Create the facade's confidential application in the identity domain (needs identity-domain administrator rights). Its client id and secret then go into oauth_client_id and the Vault secret."
  type        = bool
  default     = false
}

variable "oauth_state_retention_days" {
  description = "Days the facade's single-use markers (used codes and refresh tokens) are kept; at least the identity domain's refresh-token lifetime."
  type        = number
  default     = 8

  validation {
    condition     = var.oauth_state_retention_days >= 1
    error_message = "oauth_state_retention_days is at least 1."
  }
}
