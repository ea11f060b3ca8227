// What every endpoint of one running identity domain shares.

import type { FaultInjector } from '../faults.ts'
import type { Clients } from './clients.ts'
import type { AuthorizationCodes } from './grants/authorization-code.ts'
import type { RefreshTokens } from './grants/refresh-token.ts'
import type { SigningKey } from './keys.ts'
import type { Metrics } from './metrics.ts'
import type { Store } from './store.ts'

export interface DomainContext {
  /** Base URL of this domain, e.g. http://127.0.0.1:8081 (the "domain URL" of a real domain). */
  url: string
  /** `issuer` of the discovery documents (see metadata.ts for why it is not the domain URL). */
  metadataIssuer: string
  /** Stand-in only: open RFC 7591 registration (a real identity domain has none). Off by default. */
  dynamicRegistration: boolean
  /** The MCP resource's primary audience: every access token's `aud`. */
  audience: string
  /** Other resource applications of the domain (e.g. an Oracle Integration instance) and their scopes. */
  resources: readonly ResourceApp[]
  accessTokenTtlSeconds: number
  signingKey: SigningKey
  securityTokenKey: SigningKey
  store: Store
  clients: Clients
  codes: AuthorizationCodes
  refreshTokens: RefreshTokens
  metrics: Metrics
  /** Injected failures (see ../faults.ts); the token endpoint matches them with its grant as operation. */
  faults: FaultInjector
  /** Stand-in only: serve the fault plan at /_emulator/faults. Off by default. */
  faultEndpoint: boolean
  log: (line: string) => void
}

export const nowSeconds = () => Math.floor(Date.now() / 1000)

export interface ResourceApp {
  audience: string
  scopes: readonly string[]
}
