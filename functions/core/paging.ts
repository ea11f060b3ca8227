// Opaque cursors over OCI's own page tokens, with a response-size budget so one result never grows too large.
import { McpFunctionsError } from './errors.ts'

interface CursorState {
  /** The upstream page token (or start key) of the page being read; null for the first page. */
  t: string | null
  /** How many items of that page were already returned. */
  s: number
}

const VERSION = 'c1'

export function encodeCursor(state: CursorState): string {
  return `${VERSION}.${Buffer.from(JSON.stringify(state)).toString('base64url')}`
}

export function decodeCursor(cursor: string | undefined): CursorState {
  if (cursor === undefined) return { t: null, s: 0 }
  const [version, payload] = cursor.split('.', 2)
  try {
    if (version !== VERSION || !payload) throw new Error('version')
    const state = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as CursorState
    if ((state.t !== null && typeof state.t !== 'string') || !Number.isInteger(state.s) || state.s < 0) {
      throw new Error('shape')
    }
    return state
  } catch {
    throw new McpFunctionsError('ERR_INPUT_CURSOR', 'The cursor is not one this tool issued', {
      hint: 'Pass next_cursor exactly as a previous result gave it, or omit cursor to start from the beginning.',
    })
  }
}

export interface UpstreamPage<T> {
  items: T[]
  /** The upstream token of the following page, if any. */
  next?: string | null
}

export interface CollectedPage<T> {
  items: T[]
  next_cursor?: string
  truncated_by_budget: boolean
}

/**
 * Reads upstream pages from the cursor on until `limit` items or `budgetBytes` of their JSON are collected.
 * An item that alone exceeds the budget is still returned, so paging always advances.
 */
export async function collectPage<T>(options: {
  cursor?: string
  limit: number
  budgetBytes: number
  fetchPage: (token: string | null, want: number) => Promise<UpstreamPage<T>>
  /** Asked between upstream pages; true ends this call's page there, with a cursor to the next one. */
  stop?: () => boolean
}): Promise<CollectedPage<T>> {
  const { limit, budgetBytes, fetchPage } = options
  let { t: token, s: skip } = decodeCursor(options.cursor)
  const items: T[] = []
  let used = 2
  for (;;) {
    const page = await fetchPage(token, Math.min(1000, limit - items.length + skip))
    const available = page.items.slice(skip)
    for (let i = 0; i < available.length; i++) {
      const size = Buffer.byteLength(JSON.stringify(available[i])) + 1
      const full = items.length >= limit
      if (full || (items.length > 0 && used + size > budgetBytes)) {
        return { items, next_cursor: encodeCursor({ t: token, s: skip + i }), truncated_by_budget: !full }
      }
      items.push(available[i])
      used += size
    }
    if (!page.next) return { items, truncated_by_budget: false }
    token = page.next
    skip = 0
    if (items.length >= limit || options.stop?.())
      return { items, next_cursor: encodeCursor({ t: token, s: 0 }), truncated_by_budget: false }
  }
}
