// Test helpers: a domain on an ephemeral port in a temporary data directory, and form requests.
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type IdentityDomain, type IdentityDomainOptions, startIdentityDomain } from './index.ts'

export const AUDIENCE = 'oci-mcp-functions'

export interface TestDomain {
  domain: IdentityDomain
  dataDir: string
  logs: string[]
  /** Stops the domain and removes its data directory. */
  dispose(): Promise<void>
}

export async function startTestDomain(options: Partial<IdentityDomainOptions> = {}): Promise<TestDomain> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'idcs-test-')))
  const logs: string[] = []
  const domain = await startIdentityDomain({
    port: 0,
    audience: AUDIENCE,
    ...options,
    dataDir,
    log: (l) => logs.push(l),
  }).catch(async (error: unknown) => {
    if (!options.dataDir) await rm(dataDir, { recursive: true, force: true })
    throw error
  })
  return {
    domain,
    dataDir,
    logs,
    async dispose() {
      await domain.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

export const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`

export async function postForm(
  url: string,
  params: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(params),
    redirect: 'manual',
  })
  const text = await res.text()
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : {} }
}

/** A token request from the dev client with HTTP Basic authentication. */
export function devToken(domain: IdentityDomain, params: Record<string, string>) {
  return postForm(domain.tokenUrl, params, {
    Authorization: basic(domain.devClient.clientId, domain.devClient.clientSecret),
  })
}

export async function passwordToken(
  domain: IdentityDomain,
  userName: string,
  scope?: string,
): Promise<string> {
  const user = domain.users.find((u) => u.userName === userName)!
  const res = await devToken(domain, {
    grant_type: 'password',
    username: user.userName,
    password: user.password,
    ...(scope ? { scope } : {}),
  })
  if (res.status !== 200) throw new Error(`password grant failed: ${JSON.stringify(res.body)}`)
  return res.body.access_token as string
}

export const decodePayload = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'))

export function rsaSessionKey(bits = 2048) {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: bits })
  return {
    publicKey,
    privateKey,
    spkiBase64: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    pem: publicKey.export({ type: 'spki', format: 'pem' }) as string,
  }
}

export function pkcePair() {
  const verifier = randomBytes(32).toString('base64url')
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') }
}
