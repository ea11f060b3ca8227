// What a group publishes without loading any OCI SDK code: tools, resources and prompts, described by zod schemas.
import { z } from 'zod'

export type Access = 'read' | 'write'

export interface ToolAnnotations {
  readOnlyHint: boolean
  destructiveHint?: boolean
  idempotentHint?: boolean
  openWorldHint?: boolean
}

export interface ToolSpec<I extends z.ZodObject = z.ZodObject, O extends z.ZodObject = z.ZodObject> {
  name: string
  title: string
  description: string
  input: I
  output: O
  /** `write` tools change resources: they need a write scope and a deployment with mutations enabled. */
  access: Access
  annotations: ToolAnnotations
  /**
   * For destructive tools: what a call changes, from its parsed input ("deletes object x in bucket y"), shown to
   * the user when a 2026-07-28 client is asked to confirm. Without it the confirmation lists the arguments.
   */
  describeChange?: (input: z.output<I>) => string
}

export interface ResourceSpec {
  uri: string
  name: string
  title: string
  description: string
  mimeType: string
}

export interface ResourceTemplateSpec {
  uriTemplate: string
  name: string
  title: string
  description: string
  mimeType: string
  /** Matches a concrete URI and returns its variables, or undefined. */
  match(uri: string): Record<string, string> | undefined
  /**
   * The variables' schema, built from the same field schemas as the tools that take them, so a name a tool
   * refuses is refused here too (ERR_INPUT_INVALID) before any reader runs.
   */
  variables?: z.ZodObject
}

export interface PromptSpec {
  name: string
  title: string
  description: string
  arguments: { name: string; description: string; required?: boolean }[]
  /** Pure text rendering: prompts need no OCI call, so the router answers them itself. */
  render(args: Record<string, string>): string
}

export interface GroupCatalog {
  group: string
  title: string
  description: string
  tools: ToolSpec[]
  resources?: ResourceSpec[]
  resourceTemplates?: ResourceTemplateSpec[]
  prompts?: PromptSpec[]
}

export const defineTool = <I extends z.ZodObject, O extends z.ZodObject>(
  spec: ToolSpec<I, O>,
): ToolSpec<I, O> => spec

/** Every tool takes this: how the text content is written. */
export const responseFormat = z
  .enum(['markdown', 'json'])
  .default('markdown')
  .describe(
    'markdown: a readable summary; json: the same data as JSON text. structuredContent always holds the data.',
  )

export const cursorField = z
  .string()
  .max(4096)
  .optional()
  .describe('Opaque cursor from a previous result’s next_cursor, to continue the listing.')

export const limitField = (max: number, fallback: number) =>
  z.number().int().min(1).max(max).default(fallback).describe(`Most items to return (1–${max}).`)

export const regionField = z
  .string()
  .regex(/^[a-z]{2,}-[a-z]+-\d+$/, 'a region identifier such as us-ashburn-1')
  .optional()
  .describe('OCI region, e.g. us-ashburn-1; defaults to the deployment’s region.')

export const compartmentField = z
  .string()
  .regex(/^ocid1\.(compartment|tenancy)\.[a-z0-9-]+\.[a-z0-9-]*\.[a-z0-9]+$/, 'a compartment or tenancy OCID')
  .optional()
  .describe('Compartment OCID; defaults to the configured compartment, else the tenancy.')

export const pageInfo = {
  next_cursor: z
    .string()
    .optional()
    .describe('Pass as cursor to get the next page; absent on the last page.'),
  truncated_by_budget: z
    .boolean()
    .describe('True when the response-size budget, not the limit, ended this page.'),
}

/** A template such as `oci://buckets/{bucket}/objects/{name}`; the last variable may span slashes. */
export function uriTemplateMatcher(template: string): (uri: string) => Record<string, string> | undefined {
  const names: string[] = []
  const parts = template.split(/(\{[a-z_]+\})/i)
  const lastVar = parts.filter((p) => p.startsWith('{')).length
  let seen = 0
  const pattern = parts
    .map((part) => {
      if (!part.startsWith('{')) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      names.push(part.slice(1, -1))
      seen += 1
      return seen === lastVar && template.endsWith(part) ? '(.+)' : '([^/]+)'
    })
    .join('')
  const re = new RegExp(`^${pattern}$`)
  return (uri) => {
    const m = re.exec(uri)
    if (!m) return undefined
    try {
      return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1])]))
    } catch {
      return undefined // a malformed %-escape names no resource
    }
  }
}
