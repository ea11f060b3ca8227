// JSON Schema descriptors of catalog entries: computed at build time for the bundles, lazily once per process otherwise.
import { z } from 'zod'
import type { ResourceTemplateSpec, ToolSpec } from './catalog.ts'

export interface ToolDescriptor {
  name: string
  title: string
  description: string
  inputSchema: Record<string, unknown>
  outputSchema: Record<string, unknown>
  annotations: ToolSpec['annotations'] & { title: string }
}

const cache = new WeakMap<ToolSpec, ToolDescriptor>()
/**
 * Descriptors the build computed (scripts/build.ts registers them as a catalog module loads), by tool name:
 * zod → JSON Schema conversion is the costliest part of a cold tools/list, so a bundle does none of it.
 */
const prebuilt = new Map<string, ToolDescriptor>()

export function registerPrebuiltDescriptors(descriptors: readonly ToolDescriptor[]): void {
  for (const d of descriptors) prebuilt.set(d.name, d)
}

const jsonSchema = (schema: z.ZodObject, io: 'input' | 'output') => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >
  return rest
}

/** The conversion itself, with no cache: what the build writes and what the descriptor test compares against. */
export const computeToolDescriptor = (spec: ToolSpec): ToolDescriptor => ({
  name: spec.name,
  title: spec.title,
  description: spec.description,
  inputSchema: jsonSchema(spec.input, 'input'),
  outputSchema: jsonSchema(spec.output, 'output'),
  annotations: { title: spec.title, ...spec.annotations },
})

export function toolDescriptor(spec: ToolSpec): ToolDescriptor {
  let d = cache.get(spec)
  if (!d) {
    d = prebuilt.get(spec.name) ?? computeToolDescriptor(spec)
    cache.set(spec, d)
  }
  return d
}

export const templateDescriptor = (t: ResourceTemplateSpec) => ({
  uriTemplate: t.uriTemplate,
  name: t.name,
  title: t.title,
  description: t.description,
  mimeType: t.mimeType,
})
