// OCI SDK clients, built on first use per (service, region, signer) and reused across warm calls.
import { type AuthParams, type ClientConfiguration, NoRetryConfigurationDetails } from 'oci-common'
import { setting } from './config.ts'
import { deadlineHttpClient } from './oci-transport.ts'
import { type Signer, signerFor } from './signer.ts'
import type { ToolContext } from './tool-runner.ts'

export { ociCall } from './oci-call.ts'

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
  const endpoint = setting('OCI_ENDPOINT', ctx.env)
  const key = `${Client.name}|${regionId}|${endpoint ?? ''}|${signer.key}`
  let client = clients.get(key) as C | undefined
  if (!client) {
    // Retries and time limits are ociCall's, within the call's deadline; the SDK's own would retry 8 times.
    // The constructor uses both fields (the provider for the region and session refresh), though its type
    // admits only one of them.
    const params = {
      authenticationDetailsProvider: signer.provider,
      httpClient: deadlineHttpClient(signer.provider),
    }
    client = new Client(params as unknown as AuthParams, { retryConfiguration: NoRetryConfigurationDetails })
    client.regionId = regionId
    if (endpoint) client.endpoint = endpoint
    if (clients.size >= MAX_CLIENTS) clients.delete(clients.keys().next().value as string)
    clients.set(key, client)
  }
  return { client, signer, region: regionId }
}
