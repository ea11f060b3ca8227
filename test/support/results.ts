// Checks on a tool's result in handler tests: the data against the output schema, an error's code, the text.
import assert from 'node:assert/strict'
import type { ToolSpec } from '../../functions/core/catalog.ts'
import type { CallToolResult } from '../../functions/core/tool-runner.ts'

/** The structured result, checked against the tool's output schema. */
export function ok(result: CallToolResult, spec: ToolSpec): Record<string, unknown> {
  assert.equal(result.isError, undefined, result.content[0]?.text)
  spec.output.parse(result.structuredContent)
  return result.structuredContent as Record<string, unknown>
}

/** The code of a tool error result. */
export function errorCode(result: CallToolResult): string | undefined {
  assert.equal(result.isError, true, 'expected a tool error')
  return /^Error (ERR_[A-Z_]+)/.exec(result.content[0].text)?.[1]
}

/** All the result's text content, one block a line. */
export const resultText = (r: CallToolResult) => r.content.map((c) => c.text).join('\n')

/**
 * Every page of a paged list tool, following `next_cursor` (at most `maxPages`, so a cursor that never ends
 * fails the test): each page's structured result, checked against the tool's output schema.
 */
export async function allPages(
  call: (cursor: string | undefined) => Promise<CallToolResult>,
  spec: ToolSpec,
  maxPages = 100,
): Promise<Record<string, unknown>[]> {
  const pages: Record<string, unknown>[] = []
  let cursor: string | undefined
  do {
    const page = ok(await call(cursor), spec)
    pages.push(page)
    cursor = page.next_cursor as string | undefined
    assert.ok(pages.length < maxPages, 'paging does not end')
  } while (cursor)
  return pages
}
