# OCI Events. infra/events/bindings.json says what the events function does with an event (which tool, with
# which arguments, where the result goes); the rules from var.event_bindings say which events reach it. Each rule
# delivers matching events (CloudEvents 0.1) to a function, `events` by default. Object Storage emits object
# events only for buckets with object_events_enabled = true.
#
# Arguments checked against the oracle/oci provider reference (website/docs/r/events_rule.html.markdown):
# actions { actions { action_type = "FAAS", is_enabled, function_id } }, compartment_id, condition,
# display_name, is_enabled.

locals {
  event_spec = jsondecode(file("${path.module}/../events/bindings.json"))
  # Tools are named <group>_<verb>_<noun>: the groups whose permissions the events function needs.
  event_groups = distinct([for b in local.event_spec.bindings : split("_", b.tool)[0]])
  # Buckets the function writes results to (its own configured action, allowed whatever enable_mutations says).
  event_result_buckets = distinct([for b in local.event_spec.bindings : b.result.bucket if try(b.result.bucket, null) != null])
}

resource "oci_events_rule" "binding" {
  for_each = { for b in var.event_bindings : b.name => b }

  compartment_id = coalesce(each.value.compartment_ocid, local.target_compartment_id)
  display_name   = "${var.name_prefix}-${each.key}"
  description    = "OCI MCP Functions: ${join(", ", each.value.event_types)} to the ${each.value.function} function."
  is_enabled     = true
  # The binding's own filter, with eventType set from its event_types.
  condition = jsonencode(merge(jsondecode(each.value.condition), { eventType = each.value.event_types }))

  actions {
    actions {
      action_type = "FAAS"
      is_enabled  = true
      function_id = local.function_ids[each.value.function]
    }
  }

  lifecycle {
    precondition {
      condition     = contains(tolist(local.worker_functions), each.value.function)
      error_message = "Event binding ${each.key}: function must be events or a group function, not ${each.value.function}."
    }
  }
}
