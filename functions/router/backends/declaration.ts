// External MCP servers behind the router: what a declaration may say, validated, with errors naming file and field.
import { z } from 'zod'
import { McpFunctionsError } from '../../core/errors.ts'
import { GROUP_NAMES } from '../groups.ts'

const secretRef = z
  .object({
    ocid: z
      .string()
      .regex(
        // As the Terraform checks it before writing the OCID into a policy statement (infra/terraform/iam.tf).
        /^ocid1\.vaultsecret\.[a-z0-9]+\.[a-z0-9-]*\.[a-z0-9]+$/,
        'an OCI Vault secret OCID (ocid1.vaultsecret.<realm>.<region>.<id>)',
      )
      .optional()
      .describe('OCI Vault secret read with the router’s resource principal (deployed).'),
    env: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]*$/, 'an environment variable name')
      .optional()
      .describe('Environment variable of the router holding the value (local runs, tests).'),
  })
  .strict()
  .refine((s) => Boolean(s.ocid) !== Boolean(s.env), 'exactly one of ocid or env')

/** https, or http to a loopback address only: a token or client secret never crosses a network in the clear. */
const secureUrl = z.url({ protocol: /^https?$/ }).refine((raw) => {
  const url = new URL(raw)
  return url.protocol === 'https:' || ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)
}, 'https (http only to 127.0.0.1, localhost or [::1])')

const auth = z.discriminatedUnion('method', [
  z.object({ method: z.literal('none') }).strict(),
  z.object({ method: z.literal('bearer'), token: secretRef }).strict(),
  z
    .object({
      method: z.literal('oauth_client_credentials'),
      token_url: secureUrl,
      client_id: z.string().min(1),
      client_secret: secretRef,
      scope: z.string().optional(),
    })
    .strict(),
  // The router's own identity, never the caller's: requests carry an OCI HTTP signature by its resource principal.
  z.object({ method: z.literal('resource_principal') }).strict(),
])

export const backendDeclaration = z
  .object({
    name: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,23}$/, 'lower-case letters, digits and -, starting with a letter, ≤ 24')
      // Its tools (<name>__…) would otherwise be routed to that group's function at the gateway (zero-hop).
      .refine((name) => !GROUP_NAMES.includes(name), 'the name of one of our groups')
      .describe('Short name; the prefix of its tools (<name>__<tool>).'),
    url: secureUrl.describe('The backend’s Streamable HTTP endpoint.'),
    transport: z.literal('streamable-http').default('streamable-http'),
    auth_method: auth.default({ method: 'none' }),
    namespace_tools: z.boolean().default(true),
    tags: z.array(z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/)).default([]),
    scopes: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe(
        'Caller scopes, any one of which lets a caller see and call its tools; default the global ones.',
      ),
    write_scopes: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe(
        'Scopes of which a caller also needs one to call its tools that are not read-only; default the global write.',
      ),
    description: z.string().max(500).optional(),
  })
  .strict()

export type BackendDeclaration = z.output<typeof backendDeclaration>

const fieldOf = (path: PropertyKey[]) =>
  path.reduce<string>(
    (out, p) => (typeof p === 'number' ? `${out}[${p}]` : out ? `${out}.${String(p)}` : String(p)),
    '',
  )

/** Validates one source's declarations (an object or a list); a problem names the file and the field. */
export function parseDeclarations(file: string, raw: unknown, base = ''): BackendDeclaration[] {
  const list = Array.isArray(raw) ? raw : [raw]
  return list.map((entry, i) => {
    const parsed = backendDeclaration.safeParse(entry)
    if (parsed.success) return parsed.data
    const issue = parsed.error.issues[0]
    const at = Array.isArray(raw) ? [i, ...issue.path] : issue.path
    const field = `${base}${base && at.length && typeof at[0] !== 'number' ? '.' : ''}${fieldOf(at)}`
    throw new McpFunctionsError(
      'ERR_CONFIG_INVALID',
      `Backend declaration ${file}${field ? ` field ${field}` : ''}: ${issue.message}`,
      { details: { file, field }, hint: 'Fix the declaration; README, section Gateway, lists the fields.' },
    )
  })
}

/** Names must be unique across every source: they are the tools' namespace. */
export function assertUniqueNames(backends: readonly BackendDeclaration[]): void {
  const seen = new Set<string>()
  for (const b of backends) {
    if (seen.has(b.name))
      throw new McpFunctionsError('ERR_CONFIG_INVALID', `Backend ${b.name} is declared twice`, {
        details: { field: 'name' },
      })
    seen.add(b.name)
  }
}
