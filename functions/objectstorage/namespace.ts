// The Object Storage client for a call, and the namespace it works in: configured, or looked up once per signer and region.
import { ObjectStorageClient } from 'oci-objectstorage'
import { setting } from '../core/config.ts'
import { ociCall, ociClient } from '../core/oci-clients.ts'
import type { ToolContext } from '../core/tool-runner.ts'

const namespaces = new Map<string, Promise<string>>()

export const objectStorage = (ctx: ToolContext, region?: string) =>
  ociClient(ctx, ObjectStorageClient, region)

/** The tenancy's namespace from OCI; one GetNamespace per signer and region, shared by concurrent calls. */
export async function lookupNamespace(ctx: ToolContext, region?: string): Promise<string> {
  const { client, signer, region: regionId } = await objectStorage(ctx, region)
  const key = `${signer.key}|${regionId}`
  let pending = namespaces.get(key)
  if (!pending) {
    pending = ociCall(ctx, 'Looking up the Object Storage namespace', () => client.getNamespace({})).then(
      (r) => r.value,
    )
    namespaces.set(key, pending)
    // A failed lookup is not remembered: the next call tries again.
    pending.catch(() => namespaces.delete(key))
  }
  return pending
}

/** The namespace a call works in: the one it names, else OCI_NAMESPACE, else the looked-up one. */
export async function namespaceFor(ctx: ToolContext, requested: string | undefined, region?: string) {
  return requested ?? setting('OCI_NAMESPACE', ctx.env) ?? lookupNamespace(ctx, region)
}

/** Client, region and namespace for one Object Storage call. */
export async function objectStorageTarget(ctx: ToolContext, input: { region?: string; namespace?: string }) {
  const { client, region, signer } = await objectStorage(ctx, input.region)
  const namespace = await namespaceFor(ctx, input.namespace, region)
  return { client, region, signer, namespace }
}
