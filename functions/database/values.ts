// Small conversions from SDK values to result fields.

/** Dates from the SDK may arrive as Date or as string; results carry ISO text. */
export function isoTime(value: Date | string | undefined | null): string | undefined {
  if (value === undefined || value === null) return undefined
  const date = value instanceof Date ? value : new Date(value)
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString()
}

/** The page fields of a result, leaving next_cursor out on the last page. */
export const pageFields = (page: { next_cursor?: string; truncated_by_budget: boolean }) => ({
  ...(page.next_cursor ? { next_cursor: page.next_cursor } : {}),
  truncated_by_budget: page.truncated_by_budget,
})

/** OCI sends null for unset fields although the SDK types say otherwise; results carry them as absent. */
export const opt = <T>(value: T | null | undefined): T | undefined => (value === null ? undefined : value)
