// Identity tools as the router sees them: who the caller is, the tenancy, its compartments and regions.
import { z } from 'zod'
import {
  compartmentField,
  cursorField,
  defineTool,
  type GroupCatalog,
  limitField,
  pageInfo,
  regionField,
  responseFormat,
} from '../core/catalog.ts'

const readOnly = { readOnlyHint: true, idempotentHint: true, openWorldHint: true } as const
const local = { readOnlyHint: true, idempotentHint: true, openWorldHint: false } as const
const isoTime = z.string().describe('ISO 8601 time.')

export const signerKinds = ['config_file', 'resource_principal', 'token_exchange'] as const

export const whoami = defineTool({
  name: 'identity_whoami',
  title: 'Who am I',
  description:
    'Tells who is calling (from the validated access token: subject, display name, user OCID, client, scopes, expiry) and which OCI identity this server signs OCI requests with (the caller’s own via token exchange, the function’s resource principal, or a config-file API key) in which tenancy. Use it to explain permission errors. Never returns a token.',
  input: z.object({ response_format: responseFormat }),
  output: z.object({
    caller: z.object({
      subject: z.string(),
      display_name: z.string().optional(),
      user_ocid: z.string().optional(),
      client_id: z.string().optional(),
      scopes: z.array(z.string()),
      expires_at: isoTime.optional(),
    }),
    oci: z.object({
      signer: z
        .enum(signerKinds)
        .describe('token_exchange: your own OCI permissions; the others: the server’s identity.'),
      tenancy_id: z.string(),
      region: z.string(),
    }),
  }),
  access: 'read',
  annotations: local,
})

export const getTokenClaims = defineTool({
  name: 'identity_get_token_claims',
  title: 'Show my token claims',
  description:
    'Returns the validated claims of the caller’s access token that matter for authorization (sub, uid, user_displayname, aud, iss, jti, exp, scope, client_id). The token itself is never returned.',
  input: z.object({ response_format: responseFormat }),
  output: z.object({
    sub: z.string(),
    uid: z.string().optional(),
    user_displayname: z.string().optional(),
    aud: z.union([z.string(), z.array(z.string())]).optional(),
    iss: z.string().optional(),
    jti: z.string().optional(),
    exp: z.number().optional().describe('Expiry, seconds since the epoch.'),
    scope: z.string().optional(),
    client_id: z.string().optional(),
  }),
  access: 'read',
  annotations: local,
})

export const getTenancy = defineTool({
  name: 'identity_get_tenancy',
  title: 'Get the tenancy',
  description: 'Returns the tenancy’s name, description and home region key.',
  input: z.object({
    tenancy_id: z
      .string()
      .regex(/^ocid1\.tenancy\.[a-z0-9-]+\.[a-z0-9-]*\.[a-z0-9]+$/, 'a tenancy OCID')
      .optional()
      .describe('Tenancy OCID; defaults to the tenancy this server signs in.'),
    region: regionField,
    response_format: responseFormat,
  }),
  output: z.object({
    id: z.string(),
    name: z.string().optional(),
    description: z.string().optional(),
    home_region_key: z.string().optional(),
  }),
  access: 'read',
  annotations: readOnly,
})

export const lifecycleStates = ['ACTIVE', 'INACTIVE', 'CREATING', 'DELETING', 'DELETED'] as const

export const listCompartments = defineTool({
  name: 'identity_list_compartments',
  title: 'List compartments',
  description:
    'Lists the compartments directly inside a compartment (default: the tenancy, the root), or with compartment_id_in_subtree true every compartment in the tenancy you can access. Markdown shows them as a tree. Paged: pass next_cursor back as cursor with the same arguments.',
  input: z.object({
    compartment_id: compartmentField.describe(
      'Parent compartment OCID; defaults to the tenancy (root). compartment_id_in_subtree needs the tenancy.',
    ),
    compartment_id_in_subtree: z
      .boolean()
      .default(false)
      .describe('true: every accessible compartment below the tenancy, at any depth.'),
    // The name other listings share is compartment_id_in_subtree; callers written against the old name still work.
    subtree: z.boolean().optional().describe('Deprecated: the old name of compartment_id_in_subtree.'),
    lifecycle_state: z
      .enum([...lifecycleStates, 'ANY'])
      .default('ACTIVE')
      .describe('Only compartments in this state; ANY for all.'),
    limit: limitField(1000, 100),
    cursor: cursorField,
    region: regionField,
    response_format: responseFormat,
  }),
  output: z.object({
    parent_id: z.string(),
    compartment_id_in_subtree: z.boolean().describe('Whether the whole accessible subtree was listed.'),
    subtree: z.boolean().describe('Deprecated: the same as compartment_id_in_subtree.'),
    compartments: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        description: z.string().optional(),
        parent_id: z.string(),
        lifecycle_state: z.string(),
        time_created: isoTime.optional(),
      }),
    ),
    ...pageInfo,
  }),
  access: 'read',
  annotations: readOnly,
})

export const listRegionSubscriptions = defineTool({
  name: 'identity_list_region_subscriptions',
  title: 'List subscribed regions',
  description:
    'Lists the regions the tenancy is subscribed to, and which is its home region (where IAM changes are made). Pass one of these as region to other tools.',
  input: z.object({ region: regionField, response_format: responseFormat }),
  output: z.object({
    tenancy_id: z.string(),
    regions: z.array(
      z.object({
        region_key: z.string(),
        region_name: z.string(),
        status: z.string(),
        is_home_region: z.boolean(),
      }),
    ),
  }),
  access: 'read',
  annotations: readOnly,
})

export const catalog: GroupCatalog = {
  group: 'identity',
  title: 'OCI Identity',
  description:
    'Who the caller is, and the tenancy’s structure: compartments (as a tree) and subscribed regions. Read-only.',
  tools: [whoami, getTokenClaims, getTenancy, listCompartments, listRegionSubscriptions],
}
