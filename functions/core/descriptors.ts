// JSON Schema descriptors of catalog entries, computed once per process and shared by every request.
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

const jsonSchema = (schema: z.ZodObject, io: 'input' | 'output') => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >
  return rest
}

export function toolDescriptor(spec: ToolSpec): ToolDescriptor {
  let d = cache.get(spec)
  if (!d) {
    d = {
      name: spec.name,
      title: spec.title,
      description: spec.description,
      inputSchema: jsonSchema(spec.input, 'input'),
      outputSchema: jsonSchema(spec.output, 'output'),
      annotations: { title: spec.title, ...spec.annotations },
    }
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
