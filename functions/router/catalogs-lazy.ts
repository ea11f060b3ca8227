// The router's catalogs as the bundle loads them: plain data from the build, the zod catalog loaded on first need.
import type { Access, GroupCatalog, ResourceSpec, ToolAnnotations, ToolSpec } from '../core/catalog.ts'

/** What tools/list, access checks and routing read of a catalog: JSON the build writes (scripts/build.ts). */
export interface CatalogSummary {
  group: string
  title: string
  description: string
  tools: { name: string; title: string; description: string; access: Access; annotations: ToolAnnotations }[]
  resources?: ResourceSpec[]
}

export function catalogSummary(c: GroupCatalog): CatalogSummary {
  return {
    group: c.group,
    title: c.title,
    description: c.description,
    tools: c.tools.map(({ name, title, description, access, annotations }) => ({
      name,
      title,
      description,
      access,
      annotations,
    })),
    ...(c.resources ? { resources: c.resources.map((r) => ({ ...r })) } : {}),
  }
}

/**
 * A catalog whose data fields come from `summary` and whose code and schemas (tool input/output, templates,
 * prompts) come from `load()` the first time one is read. Building ten catalogs' zod schemas costs a cold router
 * more than Node itself takes to start, and a first tools/list needs none of them.
 */
export function lazyCatalog(summary: CatalogSummary, load: () => GroupCatalog): GroupCatalog {
  let real: GroupCatalog | undefined
  const loaded = () => {
    real ??= load()
    return real
  }
  const realTool = (name: string): ToolSpec => {
    const spec = loaded().tools.find((t) => t.name === name)
    if (!spec) throw new Error(`${summary.group}: the build's catalog has ${name}, the loaded one does not`)
    return spec
  }
  const tools = summary.tools.map(
    (t) =>
      Object.defineProperties(
        { ...t },
        {
          input: { enumerable: true, get: () => realTool(t.name).input },
          output: { enumerable: true, get: () => realTool(t.name).output },
          describeChange: { enumerable: true, get: () => realTool(t.name).describeChange },
        },
      ) as ToolSpec,
  )
  return Object.defineProperties(
    { group: summary.group, title: summary.title, description: summary.description, tools },
    {
      ...(summary.resources ? { resources: { enumerable: true, value: summary.resources } } : {}),
      resourceTemplates: { enumerable: true, get: () => loaded().resourceTemplates },
      prompts: { enumerable: true, get: () => loaded().prompts },
    },
  ) as GroupCatalog
}
