// identity_whoami and identity_get_token_claims: answered from the validated claims and the signer, never the token.
import { mdFields } from '../core/format.ts'
import { resolveRegion } from '../core/oci-clients.ts'
import { signerFor } from '../core/signer.ts'
import { implement } from '../core/tool-runner.ts'
import { getTokenClaims, type signerKinds, whoami } from './catalog.ts'

type SignerKind = (typeof signerKinds)[number]

const isoFromEpoch = (seconds: number | undefined) =>
  typeof seconds === 'number' ? new Date(seconds * 1000).toISOString() : undefined

const SIGNER_TEXT: Record<SignerKind, string> = {
  token_exchange: 'your own OCI identity (token exchange): OCI applies your IAM policies',
  resource_principal: 'the function’s resource principal: OCI applies the function’s policies, not yours',
  config_file: 'an API key from the server’s OCI config file: OCI applies that user’s policies, not yours',
}

export const whoamiTool = implement(whoami, async (_input, ctx) => {
  const { claims, scopes } = ctx.caller
  const signer = await signerFor(ctx.caller, ctx.env)
  const kind = signer.kind
  const data = {
    caller: {
      subject: claims.sub,
      display_name: claims.user_displayname,
      user_ocid: claims.user_ocid,
      client_id: claims.client_id,
      scopes: [...scopes].sort(),
      expires_at: isoFromEpoch(claims.exp),
    },
    oci: { signer: kind, tenancy_id: signer.tenancyId, region: resolveRegion(signer, undefined, ctx.env) },
  }
  const markdown = [
    '## Caller',
    mdFields([
      ['Subject', data.caller.subject],
      ['Name', data.caller.display_name],
      ['User OCID', data.caller.user_ocid],
      ['Client', data.caller.client_id],
      ['Scopes', data.caller.scopes.join(' ')],
      ['Token expires', data.caller.expires_at],
    ]),
    '## OCI identity',
    `OCI requests are signed with ${SIGNER_TEXT[kind]}.`,
    mdFields([
      ['Tenancy', data.oci.tenancy_id],
      ['Default region', data.oci.region],
    ]),
  ].join('\n\n')
  return { data, markdown }
})

export const getTokenClaimsTool = implement(getTokenClaims, async (_input, ctx) => {
  const c = ctx.caller.claims
  const data = {
    sub: c.sub,
    uid: c.uid,
    user_displayname: c.user_displayname,
    aud: c.aud,
    iss: c.iss,
    jti: c.jti,
    exp: c.exp === undefined ? undefined : Number(c.exp),
    scope: c.scope,
    client_id: c.client_id,
  }
  const exp = isoFromEpoch(data.exp)
  const markdown = `## Access token claims\n\n${mdFields([
    ['sub', data.sub],
    ['uid', data.uid],
    ['user_displayname', data.user_displayname],
    ['aud', Array.isArray(data.aud) ? data.aud.join(', ') : data.aud],
    ['iss', data.iss],
    ['jti', data.jti],
    ['exp', exp ? `${data.exp} (${exp})` : undefined],
    ['scope', data.scope],
    ['client_id', data.client_id],
  ])}`
  return { data, markdown }
})
