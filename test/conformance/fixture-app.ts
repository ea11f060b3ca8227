// The conformance suites' fixture server (test-only, never deployed): the tools, resources and prompts their
// server scenarios call, as an McpApp on the same core (protocol.ts, http.ts, the Fn adapter) as every group.
import type { PromptSpec, ResourceSpec } from '../../functions/core/catalog.ts'
import type { ToolDescriptor } from '../../functions/core/descriptors.ts'
import { McpFunctionsError } from '../../functions/core/errors.ts'
import type { McpApp } from '../../functions/core/protocol.ts'
import type { CallToolResult } from '../../functions/core/tool-runner.ts'

/** A 1×1 red PNG and a 1-sample silent WAV: the smallest real media the scenarios accept. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=='
const WAV = 'UklGRiYAAABXQVZFZm10IBAAAAABAAEAQB8AAIA+AAACABAAZGF0YQIAAAAAAA=='

const noArgs = { type: 'object', properties: {} }

type Content = Record<string, unknown>
const tool = (name: string, description: string, inputSchema: Record<string, unknown> = noArgs) =>
  ({ name, title: name, description, inputSchema }) as unknown as ToolDescriptor

const TOOLS: [ToolDescriptor, () => Content[]][] = [
  [
    tool('test_simple_text', 'Returns simple text'),
    () => [{ type: 'text', text: 'This is a simple text response for testing.' }],
  ],
  [
    tool('test_image_content', 'Returns a PNG image'),
    () => [{ type: 'image', data: PNG, mimeType: 'image/png' }],
  ],
  [
    tool('test_audio_content', 'Returns a WAV sound'),
    () => [{ type: 'audio', data: WAV, mimeType: 'audio/wav' }],
  ],
  [
    tool('test_embedded_resource', 'Returns an embedded resource'),
    () => [
      {
        type: 'resource',
        resource: {
          uri: 'test://embedded-resource',
          mimeType: 'text/plain',
          text: 'This is an embedded resource content.',
        },
      },
    ],
  ],
  [
    tool('test_multiple_content_types', 'Returns text, an image and a resource'),
    () => [
      { type: 'text', text: 'Multiple content types test:' },
      { type: 'image', data: PNG, mimeType: 'image/png' },
      {
        type: 'resource',
        resource: {
          uri: 'test://mixed-content-resource',
          mimeType: 'application/json',
          text: '{"test":"data","value":123}',
        },
      },
    ],
  ],
  [tool('test_error_handling', 'Always fails'), () => []],
  [
    tool('json_schema_2020_12_tool', 'Tool with JSON Schema 2020-12 features', {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      $defs: {
        address: { type: 'object', properties: { street: { type: 'string' }, city: { type: 'string' } } },
      },
      properties: { name: { type: 'string' }, address: { $ref: '#/$defs/address' } },
      additionalProperties: false,
    }),
    () => [{ type: 'text', text: 'ok' }],
  ],
]

const RESOURCES: (ResourceSpec & { text?: string; blob?: string })[] = [
  {
    uri: 'test://static-text',
    name: 'static-text',
    title: 'Static text',
    description: 'A static text resource',
    mimeType: 'text/plain',
    text: 'This is the content of the static text resource.',
  },
  {
    uri: 'test://static-binary',
    name: 'static-binary',
    title: 'Static binary',
    description: 'A static PNG resource',
    mimeType: 'image/png',
    blob: PNG,
  },
]

const TEMPLATE = /^test:\/\/template\/([^/]+)\/data$/

const PROMPTS: PromptSpec[] = [
  {
    name: 'test_simple_prompt',
    title: 'Simple prompt',
    description: 'A prompt without arguments',
    arguments: [],
    render: () => 'This is a simple prompt for testing.',
  },
  {
    name: 'test_prompt_with_arguments',
    title: 'Prompt with arguments',
    description: 'A prompt with two required arguments',
    arguments: [
      { name: 'arg1', description: 'First test argument', required: true },
      { name: 'arg2', description: 'Second test argument', required: true },
    ],
    render: (a) => `Prompt with arguments: arg1='${a.arg1}', arg2='${a.arg2}'`,
  },
]

export const fixtureApp: McpApp = {
  serverInfo: { name: 'oci-mcp-conformance-fixture', title: 'Conformance fixture', version: '1.0.0' },
  listTools: () => TOOLS.map(([d]) => d),
  async callTool(name) {
    const found = TOOLS.find(([d]) => d.name === name)
    if (!found) throw new McpFunctionsError('ERR_TOOL_UNKNOWN', `Unknown tool: ${name}`)
    if (name === 'test_error_handling')
      return {
        isError: true,
        content: [{ type: 'text', text: 'This tool intentionally returns an error for testing' }],
      }
    return { content: found[1]() } as unknown as CallToolResult
  },
  listResources: () => RESOURCES.map(({ text: _t, blob: _b, ...spec }) => spec),
  listResourceTemplates: () => [
    {
      uriTemplate: 'test://template/{id}/data',
      name: 'template',
      title: 'Template',
      description: 'A resource template with an id',
      mimeType: 'application/json',
    },
  ],
  async readResource(uri) {
    const fixed = RESOURCES.find((r) => r.uri === uri)
    if (fixed) {
      const { text, blob } = fixed
      return { contents: [{ uri, mimeType: fixed.mimeType, ...(text ? { text } : { blob }) }] }
    }
    const id = TEMPLATE.exec(uri)?.[1]
    if (id)
      return {
        contents: [
          {
            uri,
            mimeType: 'application/json',
            text: JSON.stringify({ id, templateTest: true, data: `Data for ID: ${id}` }),
          },
        ],
      }
    throw new McpFunctionsError('ERR_RESOURCE_UNKNOWN', `Resource not found: ${uri}`)
  },
  listPrompts: () => PROMPTS,
}
