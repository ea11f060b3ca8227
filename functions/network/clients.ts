// The OCI client the network group uses.
import { VirtualNetworkClient } from 'oci-core'
import { ociClient } from '../core/oci-clients.ts'
import type { ToolContext } from '../core/tool-runner.ts'

export const networkClient = (ctx: ToolContext, region?: string) =>
  ociClient(ctx, VirtualNetworkClient, region)
