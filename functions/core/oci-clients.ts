// OCI SDK clients, built on first use per (service, region, signer) and reused across warm calls.
import type { AuthParams, ClientConfiguration } from 'oci-common'
import { setting } from './config.ts'
import { fromOciError } from './oci-errors.ts'
import { type Signer, signerFor } from './signer.ts'
import type { ToolContext } from './tool-runner.ts'

interface OciClient {
  endpoint: string
  regionId: string
}
type ClientClass<C extends OciClient> = new (params: AuthParams, config?: ClientConfiguration) => C

const MAX_CLIENTS = 200
const clients = new Map<string, OciClient>()

export function resolveRegion(signer: Signer, requested: string | undefined, env: NodeJS.ProcessEnv): string {
  return requested ?? setting('OCI_REGION', env) ?? signer.region ?? 'us-ashburn-1'
}

export async function ociClient<C extends OciClient>(
  ctx: ToolContext,
  Client: ClientClass<C>,
  region?: string,
): Promise<{ client: C; signer: Signer; region: string }> {
  const signer = await signerFor(ctx.caller, ctx.env)
  const regionId = resolveRegion(signer, region, ctx.env)
  const key = `${Client.name}|${regionId}|${signer.key}`
  let client = clients.get(key) as C | undefined
  if (!client) {
    client = new Client({ authenticationDetailsProvider: signer.provider })
    client.regionId = regionId
    const endpoint = setting('OCI_ENDPOINT', ctx.env)
    if (endpoint) client.endpoint = endpoint
    if (clients.size >= MAX_CLIENTS) clients.delete(clients.keys().next().value as string)
    clients.set(key, client)
  }
  return { client, signer, region: regionId }
}

/** Runs one OCI request: records its opc-request-id and turns failures into coded, actionable errors. */
export async function ociCall<T extends object>(
  ctx: ToolContext,
  what: string,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    const response = await fn()
    const id = (response as { opcRequestId?: unknown }).opcRequestId
    if (typeof id === 'string') ctx.opcRequestIds.push(id)
    return response
  } catch (error) {
    const mapped = fromOciError(error, what)
    const id = mapped.details?.opcRequestId
    if (typeof id === 'string') ctx.opcRequestIds.push(id)
    throw mapped
  }
}
