// The tools a caller may use, each with the group (or backend) and tags it is filed under, for REST and exports.
import type { ToolDescriptor } from '../../core/descriptors.ts'
import type { Gateway } from '../backends/gateway.ts'

export interface FiledTool {
  tool: ToolDescriptor
  /** One of our groups, `router` for the router's own tools, or a backend's name. */
  group: string
  tags: string[]
}

export function fileTools(
  tools: readonly ToolDescriptor[],
  groupOf: ReadonlyMap<string, string>,
  gateway: Gateway,
): FiledTool[] {
  return tools.map((tool) => {
    const group = groupOf.get(tool.name)
    if (group) return { tool, group, tags: [group] }
    const backend = gateway.find(tool.name)?.backend
    if (backend) return { tool, group: backend.name, tags: [backend.name, 'backend', ...backend.tags] }
    return { tool, group: 'router', tags: ['router'] }
  })
}

/** `group=a,b` keeps tools of those groups or backends; `tags=x,y` those carrying any of the tags. */
export function filterTools(tools: FiledTool[], query: URLSearchParams): FiledTool[] {
  const list = (name: string) =>
    (query.get(name) ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
  const groups = list('group')
  const tags = list('tags')
  return tools.filter(
    (t) =>
      (!groups.length || groups.includes(t.group)) && (!tags.length || t.tags.some((x) => tags.includes(x))),
  )
}
