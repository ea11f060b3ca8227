// A backend tool's name in the router's catalog: namespaced, in the characters and length clients accept.
import { createHash } from 'node:crypto'

/** Clients (Claude, OpenAI, Gemini function calling) refuse tool names over 64 characters. */
export const MAX_TOOL_NAME = 64
const SEPARATOR = '__'
const HASH_LENGTH = 8

/**
 * `<backend>__<tool>`; characters outside [A-Za-z0-9_-] become `_`. A name that had to change or is too long
 * keeps its readable start and ends in a hash of the original, so the same tool always gets the same name and
 * two tools never share one.
 */
export function namespacedToolName(backend: string, tool: string, namespaced = true): string {
  const original = namespaced ? `${backend}${SEPARATOR}${tool}` : tool
  const safe = original.replace(/[^A-Za-z0-9_-]/g, '_')
  if (safe === original && safe.length <= MAX_TOOL_NAME) return safe
  const hash = createHash('sha256').update(original).digest('hex').slice(0, HASH_LENGTH)
  return `${safe.slice(0, MAX_TOOL_NAME - HASH_LENGTH - 1)}_${hash}`
}
