// A group function: a complete MCP server for its own catalog, running its handlers in-process.
import { assertGroupReadable, checkToolCall, groupReadable, toolVisible } from './access.ts'
import { assertArgumentBounds } from './argument-bounds.ts'
import type { GroupCatalog, ResourceTemplateSpec } from './catalog.ts'
import { canConfirm, confirmationGate } from './confirmation.ts'
import { templateDescriptor, toolDescriptor } from './descriptors.ts'
import { McpFunctionsError } from './errors.ts'
import type { McpApp, RequestContext, ResourceContents } from './protocol.ts'
import { loadRequestStateKey } from './request-state.ts'
import { type Implemented, runTool, type ToolContext } from './tool-runner.ts'

export type ResourceReader = (
  uri: string,
  vars: Record<string, string>,
  ctx: ToolContext,
) => Promise<ResourceContents[]>

export interface GroupImplementation {
  catalog: GroupCatalog
  tools: Implemented[]
  /** Readers keyed by a resource's uri or a template's uriTemplate. */
  resources?: Record<string, ResourceReader>
  version?: string
}

export const toolContext = (ctx: RequestContext, functionName: string): ToolContext => ({
  caller: ctx.caller,
  callId: ctx.callId,
  deadline: ctx.deadline,
  env: ctx.env,
  functionName,
  opcRequestIds: [],
})

function parsedInput(tool: Implemented, args: unknown): Record<string, unknown> | undefined {
  try {
    assertArgumentBounds(args)
  } catch {
    return undefined
  }
  const parsed = tool.spec.input.safeParse(args ?? {})
  return parsed.success ? (parsed.data as Record<string, unknown>) : undefined
}

/** A template URI's variables, checked against the template's schema as a tool checks its arguments. */
function templateVariables(uri: string, template: ResourceTemplateSpec | undefined): Record<string, string> {
  const vars = template?.match(uri) ?? {}
  const parsed = template?.variables?.safeParse(vars)
  if (parsed && !parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    throw new McpFunctionsError('ERR_INPUT_INVALID', `Invalid resource URI ${uri}: ${fields}`, {
      hint: `Use a URI of the form ${template?.uriTemplate} with valid names.`,
    })
  }
  return vars
}

export function groupApp(impl: GroupImplementation): McpApp {
  const { catalog } = impl
  const byName = new Map(impl.tools.map((t) => [t.spec.name, t]))
  for (const spec of catalog.tools) if (!byName.has(spec.name)) throw new Error(`${spec.name} has no handler`)
  return {
    serverInfo: { name: `oci-mcp-${catalog.group}`, title: catalog.title, version: impl.version ?? '0.1.0' },
    instructions: catalog.description,
    listTools: (ctx) =>
      catalog.tools.filter((t) => toolVisible(t, catalog.group, ctx.caller, ctx.env)).map(toolDescriptor),
    async callTool(name, args, ctx) {
      const tool = byName.get(name)
      if (!tool) throw new McpFunctionsError('ERR_TOOL_UNKNOWN', `Unknown tool: ${name}`)
      checkToolCall(tool.spec, catalog.group, args, ctx, catalog.group)
      return runTool(tool, args, toolContext(ctx, catalog.group))
    },
    async confirmTool(name, args, ctx) {
      const tool = byName.get(name)
      if (!tool?.spec.annotations.destructiveHint || !canConfirm(ctx)) return undefined
      // Only a call that may run is worth asking about; callTool answers every other one as before.
      checkToolCall(tool.spec, catalog.group, args, ctx, catalog.group)
      const input = parsedInput(tool, args)
      if (!input) return undefined
      await loadRequestStateKey(ctx.env)
      return confirmationGate(tool.spec, input, ctx, catalog.group)
    },
    listResources: (ctx) => (groupReadable(catalog.group, ctx.caller) ? (catalog.resources ?? []) : []),
    listResourceTemplates: (ctx) =>
      groupReadable(catalog.group, ctx.caller)
        ? (catalog.resourceTemplates ?? []).map(templateDescriptor)
        : [],
    async readResource(uri, ctx) {
      assertGroupReadable(catalog.group, ctx.caller)
      const fixed = catalog.resources?.find((r) => r.uri === uri)
      const template = fixed ? undefined : catalog.resourceTemplates?.find((t) => t.match(uri))
      const reader = impl.resources?.[fixed?.uri ?? template?.uriTemplate ?? '']
      if (!reader) throw new McpFunctionsError('ERR_RESOURCE_UNKNOWN', `Resource not found: ${uri}`)
      const vars = templateVariables(uri, template)
      return { contents: await reader(uri, vars, toolContext(ctx, catalog.group)) }
    },
    listPrompts: () => catalog.prompts ?? [],
  }
}
