// POST /oauth2/v1/introspect (RFC 7662): HTTP Basic client authentication, then the state of a token.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { DomainContext } from './context.ts'
import { OAuthError } from './errors.ts'
import { basicCredentials, NO_STORE, readForm, sendJson } from './http.ts'
import { verifyAccessToken } from './tokens.ts'

export async function handleIntrospect(
  ctx: DomainContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  // IDCS documents Basic client authentication here; a public client has no secret to present.
  if (!basicCredentials(req)) throw new OAuthError('invalid_client', 'Client authentication is required')
  const form = await readForm(req)
  const client = ctx.clients.authenticate(req, form)
  if (client.type !== 'confidential') throw new OAuthError('invalid_client', 'Client authentication failed')
  ctx.metrics.inc('identity_domain_introspections_total')
  const token = form.get('token')
  if (!token) throw new OAuthError('invalid_request', 'token is required')
  const claims = await verifyAccessToken(ctx, token).catch(() => undefined)
  // RFC 7662 §2.2: anything not a live token of ours — expired, forged, opaque — is just inactive.
  if (!claims) return sendJson(res, 200, { active: false }, NO_STORE)
  sendJson(
    res,
    200,
    {
      active: true,
      scope: claims.scope,
      client_id: claims.client_id,
      client_guid: claims.client_guid,
      token_type: 'JWT',
      sub_type: claims.sub_type,
      exp: claims.exp,
      iat: claims.iat,
      sub: claims.sub,
      iss: claims.iss,
      aud: claims.aud,
      jti: claims.jti,
      ...(claims.user_ocid ? { user_ocid: claims.user_ocid } : {}),
    },
    NO_STORE,
  )
}
