// What discovery searches: our tools and the backends' the caller may use, as descriptors, each under a domain.
import { toolVisible } from '../core/access.ts'
import type { Access, GroupCatalog } from '../core/catalog.ts'
import { toolDescriptor } from '../core/descriptors.ts'
import type { ToolContext } from '../core/tool-runner.ts'
import { backendToolAccess, backendVisible } from './backends/access.ts'
import type { Gateway } from './backends/gateway.ts'

/** A backend tool's descriptor has the same fields; its output schema is its server's to give or not. */
export interface FoundDescriptor {
  name: string
  title: string
  description: string
  inputSchema: Record<string, unknown>
  outputSchema?: Record<string, unknown>
  annotations: object
}

export interface Findable {
  /** One of our groups, or a backend's name: a backend is a domain of its own. */
  domain: string
  access: Access
  d: FoundDescriptor
}

export interface Domain {
  name: string
  title: string
  description: string
}

/**
 * Every tool the caller may use, ours first. The backends' come from the gateway's cache, brought up to date
 * first (each backend bounded by MCP_BACKEND_TIMEOUT_MS, once per TTL): discovery mode lists no backend tool, so
 * nothing else would fill it.
 */
export async function findable(
  catalogs: readonly GroupCatalog[],
  gateway: Gateway | undefined,
  ctx: ToolContext,
): Promise<{ tools: Findable[]; domains: Domain[] }> {
  const tools: Findable[] = catalogs.flatMap((c) =>
    c.tools
      .filter((t) => toolVisible(t, c.group, ctx.caller, ctx.env))
      .map((t) => ({ domain: c.group, access: t.access, d: toolDescriptor(t) })),
  )
  const domains: Domain[] = catalogs.map(({ group, title, description }) => ({
    name: group,
    title,
    description,
  }))
  if (!gateway?.configured(ctx.env)) return { tools, domains }
  await gateway.refresh(ctx.env)
  for (const t of gateway.visible(ctx.caller, ctx.env))
    tools.push({
      domain: t.backend.name,
      access: backendToolAccess(t.tool),
      d: { annotations: {}, ...gateway.descriptor(t) } as unknown as FoundDescriptor,
    })
  for (const b of gateway.declarations(ctx.env).backends)
    if (backendVisible(b, ctx.caller))
      domains.push({
        name: b.name,
        title: b.name,
        description: b.description ?? `External MCP server ${b.name} (tools ${b.name}__…).`,
      })
  return { tools, domains }
}

export const words = (text: string) =>
  text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1)

/** Parameter names and their descriptions, from the JSON Schema: the same for our tools and the backends'. */
function parameterText(inputSchema: Record<string, unknown>): string {
  const props = (inputSchema.properties ?? {}) as Record<string, { description?: unknown }>
  return Object.entries(props)
    .flatMap(([k, v]) => [k, typeof v?.description === 'string' ? v.description : ''])
    .join(' ')
}

/** Text a tool is found by, weighted: its name counts most, then title, description, then parameters. */
function haystack(d: FoundDescriptor): [string[], number][] {
  return [
    [words(d.name.replace(/_/g, ' ')), 5],
    [words(d.title), 3],
    [words(d.description), 1],
    [words(parameterText(d.inputSchema)), 0.5],
  ]
}

export function score(d: FoundDescriptor, query: string[]): number {
  const fields = haystack(d)
  let total = 0
  for (const q of query) {
    let best = 0
    for (const [ws, weight] of fields) {
      if (ws.includes(q)) best = Math.max(best, weight)
      else if (ws.some((w) => w.startsWith(q) || (q.length > 3 && w.startsWith(q.slice(0, -1)))))
        best = Math.max(best, weight * 0.6)
    }
    if (best === 0) return 0
    total += best
  }
  return Math.round(total * 100) / 100
}
