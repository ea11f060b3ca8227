// Turns a signature keyId into the public key to check and the principal to authorize: API keys and ST$ tokens.
import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto'
import { createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose'
import { AuthFailure } from './errors.ts'
import type { PolicyPrincipal } from './policy.ts'
import type { Store } from './store.ts'

export interface Principal extends PolicyPrincipal {
  authType: 'api_key' | 'session_token'
}

export interface ResolvedKey {
  publicKey: KeyObject
  principal: Principal
}

export class PrincipalResolver {
  readonly #store: Store
  readonly #jwksUrl?: string
  #jwks?: ReturnType<typeof createRemoteJWKSet>
  readonly #apiKeys = new Map<string, KeyObject>()

  constructor(store: Store, options: { sessionTokenJwksUrl?: string }) {
    this.#store = store
    this.#jwksUrl = options.sessionTokenJwksUrl
  }

  resolve = async (keyId: string): Promise<ResolvedKey> =>
    keyId.startsWith('ST$') ? this.#fromSessionToken(keyId.slice(3)) : this.#fromApiKey(keyId)

  #fromApiKey(keyId: string): ResolvedKey {
    const [tenancyId, userId, fingerprint, ...rest] = keyId.split('/')
    const state = this.#store.state
    if (rest.length > 0 || !fingerprint) throw new AuthFailure('malformed_authorization', 'keyId')
    const user = state.users.find((u) => u.id === userId)
    const record = state.apiKeys.find((k) => k.userId === userId && k.fingerprint === fingerprint)
    if (tenancyId !== state.tenancy.id || !user || !record) throw new AuthFailure('unknown_key')
    let publicKey = this.#apiKeys.get(keyId)
    if (!publicKey) {
      publicKey = createPublicKey(record.publicKeyPem)
      this.#apiKeys.set(keyId, publicKey)
    }
    return {
      publicKey,
      principal: { id: user.id, type: 'user', groups: user.groups, dynamicGroups: [], authType: 'api_key' },
    }
  }

  async #fromSessionToken(token: string): Promise<ResolvedKey> {
    if (!this.#jwksUrl) throw new AuthFailure('invalid_session_token', 'no JWKS configured')
    // Built on first use: a stack that never sees a session token never fetches the JWKS.
    this.#jwks ??= createRemoteJWKSet(new URL(this.#jwksUrl))
    let claims: JWTPayload
    try {
      ;({ payload: claims } = await jwtVerify(token, this.#jwks, {
        algorithms: ['RS256'],
        requiredClaims: ['exp', 'sub'],
      }))
    } catch (error) {
      throw new AuthFailure('invalid_session_token', (error as { code?: string }).code)
    }
    return { publicKey: sessionKey(claims), principal: this.#principalFromClaims(claims) }
  }

  #principalFromClaims(claims: JWTPayload): Principal {
    const state = this.#store.state
    if (claims.ptype === 'user') {
      const user = state.users.find((u) => u.id === claims.sub)
      if (!user || (claims.tenant !== undefined && claims.tenant !== state.tenancy.id)) {
        throw new AuthFailure('unknown_principal', 'user')
      }
      return { id: user.id, type: 'user', groups: user.groups, dynamicGroups: [], authType: 'session_token' }
    }
    if (claims.ptype === 'resource') {
      const compartmentId = claims.res_compartment
      if (
        claims.res_tenant !== state.tenancy.id ||
        typeof compartmentId !== 'string' ||
        !this.#store.compartmentExists(compartmentId)
      ) {
        throw new AuthFailure('unknown_principal', 'resource')
      }
      return {
        id: claims.sub!,
        type: 'resource',
        compartmentId,
        groups: [],
        // Every dynamic group here matches "resources whose compartment is in this tenancy".
        dynamicGroups: state.dynamicGroups.map((g) => g.name),
        authType: 'session_token',
      }
    }
    throw new AuthFailure('unknown_principal', `ptype ${String(claims.ptype)}`)
  }
}

/** The session's public key travels inside the token as a JSON *string* claim named jwk. */
function sessionKey(claims: JWTPayload): KeyObject {
  if (typeof claims.jwk !== 'string') throw new AuthFailure('invalid_session_token', 'jwk claim')
  try {
    const jwk = JSON.parse(claims.jwk) as JsonWebKey
    if (jwk.kty !== 'RSA') throw new Error('not RSA')
    return createPublicKey({ key: jwk, format: 'jwk' })
  } catch {
    throw new AuthFailure('invalid_session_token', 'jwk claim')
  }
}
