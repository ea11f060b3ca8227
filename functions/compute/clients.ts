// The OCI clients the compute group uses: Compute, Virtual Network (VNICs) and Monitoring (metrics).
import { ComputeClient, VirtualNetworkClient } from 'oci-core'
import { MonitoringClient } from 'oci-monitoring'
import { ociClient } from '../core/oci-clients.ts'
import type { ToolContext } from '../core/tool-runner.ts'

export const computeClient = (ctx: ToolContext, region?: string) => ociClient(ctx, ComputeClient, region)
export const networkClient = (ctx: ToolContext, region?: string) =>
  ociClient(ctx, VirtualNetworkClient, region)
export const monitoringClient = (ctx: ToolContext, region?: string) =>
  ociClient(ctx, MonitoringClient, region)
