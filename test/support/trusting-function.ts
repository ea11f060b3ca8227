// A function that trusts the gateway's claim headers (MCP_VERIFY_TOKEN=false, MCP_TRUST_CLAIM_HEADERS=true, as a
// deployment may choose) and shows its caller: behind the edge, what it reports is exactly what the edge let through.
import { z } from 'zod'
import { defineTool, type GroupCatalog } from '../../functions/core/catalog.ts'
import type { GroupImplementation } from '../../functions/core/group-app.ts'
import { serveGroup } from '../../functions/core/serve.ts'
import { implement } from '../../functions/core/tool-runner.ts'

// Set before the first call reads it: the entry point is this function's configuration.
process.env.MCP_VERIFY_TOKEN = 'false'
process.env.MCP_TRUST_CLAIM_HEADERS = 'true'

const show = defineTool({
  name: 'trusting_show_caller',
  title: 'Show the caller',
  description: 'Returns the caller the function was given.',
  input: z.object({}),
  output: z.object({
    sub: z.string(),
    scopes: z.array(z.string()),
    claims: z.record(z.string(), z.unknown()),
  }),
  access: 'read',
  annotations: { readOnlyHint: true },
})

const write = defineTool({
  name: 'trusting_write',
  title: 'A write',
  description: 'Needs a write scope; changes nothing.',
  input: z.object({}),
  output: z.object({ written: z.boolean(), sub: z.string() }),
  access: 'write',
  annotations: { readOnlyHint: false, destructiveHint: false },
})

const catalog: GroupCatalog = {
  group: 'trusting',
  title: 'Trusting',
  description: 'A test function that trusts claim headers.',
  tools: [show, write],
}

const implementation: GroupImplementation = {
  catalog,
  tools: [
    implement(show, async (_input, ctx) => ({
      data: {
        sub: ctx.caller.claims.sub,
        scopes: [...ctx.caller.scopes].sort(),
        claims: { ...ctx.caller.claims } as Record<string, unknown>,
      },
      markdown: ctx.caller.claims.sub,
    })),
    implement(write, async (_input, ctx) => ({
      data: { written: true, sub: ctx.caller.claims.sub },
      markdown: 'written',
    })),
  ],
}

serveGroup(implementation)
