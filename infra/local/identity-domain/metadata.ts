// The discovery documents: OpenID Connect discovery and RFC 8414 authorization server metadata.
import type { DomainContext } from './context.ts'
import { BASE_SCOPES } from './scopes.ts'
import { GRANT_TYPES } from './token-endpoint.ts'

export const PATHS = {
  authorize: '/oauth2/v1/authorize',
  token: '/oauth2/v1/token',
  introspect: '/oauth2/v1/introspect',
  register: '/oauth2/v1/register',
  jwks: '/admin/v1/SigningCert/jwk',
  /** Our own path: in OCI this key belongs to the auth service that signs UPSTs and RPSTs, not to IDCS. */
  securityTokenJwks: '/internal/security-token/jwk',
  metrics: '/metrics',
} as const

/**
 * Real identity domains publish `issuer: "https://identity.oraclecloud.com/"` in
 * /.well-known/openid-configuration — the same fixed value as the tokens' `iss` — while every
 * endpoint is under the domain URL (Oracle's REST reference for the discovery document, and a captured
 * document in micronaut-security's OracleCloudEndSessionEndpointTest). RFC 8414 §3.3 wants the
 * issuer to equal the URL the metadata was fetched from, so a strict client fails against a real
 * domain; the MCP SDK does not compare them. ctx.metadataIssuer is that value by default, or the
 * domain URL when the domain was started with metadataIssuer: 'domain-url'.
 *
 * Beyond what IDCS publishes: registration_endpoint (only with the dynamicRegistration stand-in option) and
 * code_challenge_methods_supported (IDCS accepts PKCE S256 but does not advertise it).
 */
export function authorizationServerMetadata(ctx: DomainContext): Record<string, unknown> {
  const at = (path: string) => `${ctx.url}${path}`
  return {
    issuer: ctx.metadataIssuer,
    authorization_endpoint: at(PATHS.authorize),
    token_endpoint: at(PATHS.token),
    introspection_endpoint: at(PATHS.introspect),
    jwks_uri: at(PATHS.jwks),
    ...(ctx.dynamicRegistration ? { registration_endpoint: at(PATHS.register) } : {}),
    scopes_supported: [...BASE_SCOPES],
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: GRANT_TYPES,
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
    introspection_endpoint_auth_methods_supported: ['client_secret_basic'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    claims_supported: ['aud', 'exp', 'iat', 'iss', 'jti', 'sub'],
  }
}
