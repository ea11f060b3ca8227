// The identity domain's persisted state: keys, clients, passwords, refresh tokens — one JSON file,
// mode 0600, replaced atomically so a crash never leaves half a file of secrets.
import { randomBytes, randomUUID } from 'node:crypto'
import { chmod, mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { newRsaPrivateKeyPem, newSigningKey } from './keys.ts'
import { BASE_SCOPES } from './scopes.ts'

export const STATE_FILE = 'identity-domain.json'

export const ClientSchema = z.object({
  clientId: z.string(),
  clientName: z.string(),
  /** The application's GUID (`client_guid`). */
  guid: z.string(),
  type: z.enum(['confidential', 'public']),
  secret: z.string().optional(),
  redirectUris: z.array(z.string()),
  grantTypes: z.array(z.string()),
  scopes: z.union([z.array(z.string()), z.literal('any')]),
  createdAt: z.number(),
})
export type StoredClient = z.infer<typeof ClientSchema>

export const RefreshTokenSchema = z.object({
  clientId: z.string(),
  userName: z.string().optional(),
  scopes: z.array(z.string()),
  /** Every token rotated from one grant shares a family; a replayed old token revokes the family. */
  familyId: z.string(),
  expiresAt: z.number(),
  rotated: z.boolean(),
})
export type StoredRefreshToken = z.infer<typeof RefreshTokenSchema>

const StateSchema = z.object({
  version: z.literal(1),
  signingKey: z.object({ privateKeyPem: z.string(), certificate: z.string() }),
  securityTokenKey: z.object({ privateKeyPem: z.string() }),
  devClient: ClientSchema,
  /** userName → password of each seeded user, generated on first start. */
  passwords: z.record(z.string(), z.string()),
  clients: z.array(ClientSchema),
  /** sha256(refresh token) → grant; the tokens themselves are never written. */
  refreshTokens: z.record(z.string(), RefreshTokenSchema),
})
export type State = z.infer<typeof StateSchema>

export const randomHex = (bytes = 16) => randomBytes(bytes).toString('hex')
const newPassword = () => randomBytes(18).toString('base64url')

export class Store {
  private pending: Promise<void> = Promise.resolve()

  private constructor(
    readonly file: string,
    readonly state: State,
  ) {}

  /** Loads the state, creating what is missing; a seed user added since the last start gets a password. */
  static async open(dataDir: string, userNames: string[], certificateName: string): Promise<Store> {
    await mkdir(dataDir, { recursive: true, mode: 0o700 })
    const file = join(dataDir, STATE_FILE)
    const existing = await readState(file)
    const state = existing ?? (await initialState(certificateName))
    const store = new Store(file, state)
    let changed = existing === undefined
    for (const userName of userNames) {
      if (state.passwords[userName] === undefined) {
        state.passwords[userName] = newPassword()
        changed = true
      }
    }
    if (changed) await store.save()
    else if (((await stat(file)).mode & 0o077) !== 0) await chmod(file, 0o600)
    return store
  }

  /** Writes the current state; writes are queued so two saves never interleave. */
  save(): Promise<void> {
    const snapshot = `${JSON.stringify(this.state, null, 2)}\n`
    const run = this.pending.then(() => writeAtomically(this.file, snapshot))
    this.pending = run.catch(() => {})
    return run
  }

  /** Settles once every queued write has finished. */
  flush(): Promise<void> {
    return this.pending
  }
}

async function readState(file: string): Promise<State | undefined> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  const parsed = StateSchema.safeParse(json)
  // Never regenerate over a file we cannot read: it holds the keys clients already trust.
  if (!parsed.success)
    throw new Error(`${file} is not a valid identity-domain state file; move it away to start afresh`)
  return parsed.data
}

async function initialState(certificateName: string): Promise<State> {
  const [signingKey, securityTokenKeyPem] = await Promise.all([
    newSigningKey(certificateName),
    newRsaPrivateKeyPem(),
  ])
  return {
    version: 1,
    signingKey,
    securityTokenKey: { privateKeyPem: securityTokenKeyPem },
    devClient: {
      clientId: randomHex(),
      clientName: 'Local development client',
      guid: randomHex(),
      type: 'confidential',
      // The shape of an IDCS-generated secret.
      secret: `idcscs-${randomUUID()}`,
      redirectUris: [],
      grantTypes: ['client_credentials', 'password', 'urn:ietf:params:oauth:grant-type:token-exchange'],
      scopes: [...BASE_SCOPES],
      createdAt: Math.floor(Date.now() / 1000),
    },
    passwords: {},
    clients: [],
    refreshTokens: {},
  }
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}.${randomHex(4)}.tmp`
  const handle = await open(temp, 'w', 0o600)
  try {
    await handle.writeFile(text, 'utf8')
    await handle.sync()
  } finally {
    await handle.close()
  }
  try {
    await rename(temp, file)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}
