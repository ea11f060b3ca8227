// Small conversions from SDK values to result fields, and the compartment a call works in.
export { compartmentFor, defined, isoTime, pageFields } from '../core/values.ts'

/** Maps with at most `limit` calls in flight, keeping order: N+1 reads stay gentle on OCI's rate limits. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await fn(items[i])
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return out
}

/** Reads every page of an OCI list call. */
export async function readAll<T>(fetch: (page?: string) => Promise<{ items: T[]; opcNextPage?: string }>) {
  const items: T[] = []
  let page: string | undefined
  do {
    const r = await fetch(page)
    items.push(...r.items)
    page = r.opcNextPage
  } while (page)
  return items
}
