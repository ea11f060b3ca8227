// A tiny group used by core tests: one read tool, one write tool, a resource template and a prompt.
import { z } from 'zod'
import {
  defineTool,
  type GroupCatalog,
  responseFormat,
  uriTemplateMatcher,
} from '../../functions/core/catalog.ts'
import { McpFunctionsError } from '../../functions/core/errors.ts'
import type { GroupImplementation } from '../../functions/core/group-app.ts'
import { implement } from '../../functions/core/tool-runner.ts'

const echo = defineTool({
  name: 'sample_echo_text',
  title: 'Echo text',
  description: 'Returns the text it is given.',
  input: z.object({ text: z.string().min(1).describe('Text to echo'), response_format: responseFormat }),
  output: z.object({ text: z.string(), caller: z.string() }),
  access: 'read',
  annotations: { readOnlyHint: true },
})

const write = defineTool({
  name: 'sample_write_thing',
  title: 'Write a thing',
  description: 'Pretends to change something; fails on request.',
  input: z.object({
    fail: z.boolean().default(false).describe('Fail with ERR_OCI_NOT_FOUND'),
    crash: z.boolean().default(false).describe('Exit the process'),
  }),
  output: z.object({ written: z.boolean() }),
  access: 'write',
  annotations: { readOnlyHint: false, destructiveHint: true },
})

export const sampleCatalog: GroupCatalog = {
  group: 'sample',
  title: 'Sample',
  description: 'A group for tests.',
  tools: [echo, write],
  resourceTemplates: [
    {
      uriTemplate: 'sample://things/{name}',
      name: 'thing',
      title: 'A thing',
      description: 'Echoes its name',
      mimeType: 'text/plain',
      match: uriTemplateMatcher('sample://things/{name}'),
    },
  ],
  prompts: [
    {
      name: 'sample_guide',
      title: 'Guide',
      description: 'Says hello',
      arguments: [{ name: 'who', description: 'Whom to greet', required: true }],
      render: (args) => `Hello ${args.who}`,
    },
  ],
}

export const sampleImplementation: GroupImplementation = {
  catalog: sampleCatalog,
  tools: [
    implement(echo, async (input, ctx) => ({
      data: { text: input.text, caller: ctx.caller.claims.sub },
      markdown: `**${input.text}**`,
    })),
    implement(write, async (input) => {
      if (input.crash) process.exit(3)
      if (input.fail)
        throw new McpFunctionsError('ERR_OCI_NOT_FOUND', 'nothing there', { hint: 'look elsewhere' })
      return { data: { written: true }, markdown: 'written' }
    }),
  ],
  resources: {
    'sample://things/{name}': async (uri, vars) => [
      { uri, mimeType: 'text/plain', text: `thing ${vars.name}` },
    ],
  },
}
