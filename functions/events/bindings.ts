// Event bindings: which event runs which tool with which arguments — configuration, validated at start.
// Arguments are templates over event fields (`{{data.resourceName}}`); nothing is ever evaluated as code.
import { z } from 'zod'
import { McpFunctionsError } from '../core/errors.ts'

const PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/
const PLACEHOLDER = /\{\{\s*([^}]*?)\s*\}\}/g

const template = z.string().superRefine((value, ctx) => {
  for (const [, path] of value.matchAll(PLACEHOLDER)) {
    if (!PATH.test(path))
      ctx.addIssue({ code: 'custom', message: `'{{${path}}}' is not a field path such as data.resourceName` })
  }
})

const condition = z
  .object({
    path: z.string().regex(PATH, 'a field path such as data.additionalDetails.bucketName'),
    equals: z.string().optional(),
    prefix: z.string().optional(),
    in: z.array(z.string()).optional(),
  })
  .refine(
    (c) => [c.equals, c.prefix, c.in].filter((v) => v !== undefined).length === 1,
    'give exactly one of equals, prefix, in',
  )

export const bindingSchema = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lowercase letters, digits and dashes'),
  description: z.string().optional(),
  eventTypes: z.array(z.string().min(1)).min(1),
  conditions: z.array(condition).default([]),
  tool: z.string().regex(/^[a-z]+_[a-z0-9_]+$/),
  arguments: z.record(z.string(), template),
  result: z
    .object({ bucket: z.string().min(1), object: template, namespace: template.optional() })
    .optional(),
})

export const bindingsFileSchema = z.object({ bindings: z.array(bindingSchema) })

export type Binding = z.infer<typeof bindingSchema>

/** Parses and validates bindings; every problem is reported with where it is. */
export function parseBindings(
  text: string,
  knownTools: Map<string, { access: 'read' | 'write' }>,
  mutations: boolean,
): Binding[] {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    throw new McpFunctionsError('ERR_CONFIG_INVALID', 'Event bindings are not valid JSON')
  }
  const parsed = bindingsFileSchema.safeParse(raw)
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
  const bindings = parsed.success ? parsed.data.bindings : []
  const names = new Set<string>()
  bindings.forEach((b, i) => {
    if (names.has(b.name)) problems.push(`bindings.${i}.name: '${b.name}' is used twice`)
    names.add(b.name)
    const tool = knownTools.get(b.tool)
    if (!tool) problems.push(`bindings.${i}.tool: no tool named '${b.tool}'`)
    else if (tool.access === 'write' && !mutations) {
      problems.push(`bindings.${i}.tool: '${b.tool}' changes resources and MCP_ENABLE_MUTATIONS is off`)
    }
  })
  if (problems.length) {
    throw new McpFunctionsError(
      'ERR_CONFIG_INVALID',
      `Event bindings are invalid:\n- ${problems.join('\n- ')}`,
    )
  }
  return bindings
}

function lookup(event: unknown, path: string): unknown {
  let value: unknown = event
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined
    value = (value as Record<string, unknown>)[key]
  }
  return value
}

/** `{{path}}` alone keeps the field's type; inside text, fields must be strings, numbers or booleans. */
export function render(value: string, event: unknown): unknown {
  const whole = /^\{\{\s*([^}]*?)\s*\}\}$/.exec(value)
  const missing = (path: string) =>
    new McpFunctionsError('ERR_INPUT_INVALID', `The event has no field ${path} (or it is not a plain value)`)
  if (whole) {
    const v = lookup(event, whole[1])
    if (v === undefined) throw missing(whole[1])
    return v
  }
  return value.replace(PLACEHOLDER, (_, path: string) => {
    const v = lookup(event, path)
    if (!['string', 'number', 'boolean'].includes(typeof v)) throw missing(path)
    return String(v)
  })
}

export function matches(binding: Binding, event: { eventType: string }): boolean {
  if (!binding.eventTypes.includes(event.eventType)) return false
  return binding.conditions.every((c) => {
    const v = lookup(event, c.path)
    if (typeof v !== 'string') return false
    if (c.equals !== undefined) return v === c.equals
    if (c.prefix !== undefined) return v.startsWith(c.prefix)
    return (c.in ?? []).includes(v)
  })
}
