// The Monitoring and Logging Search clients for a call, and the compartment a call works in.
import { LogSearchClient } from 'oci-loggingsearch'
import { MonitoringClient } from 'oci-monitoring'
import { setting } from '../core/config.ts'
import { McpFunctionsError } from '../core/errors.ts'
import { ociClient } from '../core/oci-clients.ts'
import type { Signer } from '../core/signer.ts'
import type { ToolContext } from '../core/tool-runner.ts'

export const monitoring = (ctx: ToolContext, region?: string) => ociClient(ctx, MonitoringClient, region)

export const logSearch = (ctx: ToolContext, region?: string) => ociClient(ctx, LogSearchClient, region)

/** The compartment named, else OCI_COMPARTMENT_ID, else the tenancy; a subtree must start at the tenancy. */
export function compartmentFor(
  ctx: ToolContext,
  signer: Signer,
  input: { compartment_id?: string; compartment_id_in_subtree?: boolean },
): string {
  if (input.compartment_id_in_subtree) {
    const root = input.compartment_id ?? signer.tenancyId
    if (root !== signer.tenancyId) {
      throw new McpFunctionsError(
        'ERR_INPUT_INVALID',
        'compartment_id_in_subtree needs the tenancy as compartment',
        {
          hint: `Omit compartment_id (or pass the tenancy ${signer.tenancyId}) with compartment_id_in_subtree true, or name the one compartment without it.`,
        },
      )
    }
    return root
  }
  return input.compartment_id ?? setting('OCI_COMPARTMENT_ID', ctx.env) ?? signer.tenancyId
}
