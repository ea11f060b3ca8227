// Reading OIC monitoring payloads, whose field names differ between OIC generations (camelCase and kebab-case).

export type Json = Record<string, unknown>

export const asObject = (v: unknown): Json =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {}

/** The first of these fields that holds a finite number. */
export function num(o: Json, ...names: string[]): number | undefined {
  for (const n of names) {
    const v = typeof o[n] === 'string' && o[n] !== '' ? Number(o[n]) : o[n]
    if (typeof v === 'number' && Number.isFinite(v)) return v
  }
  return undefined
}

/** The first of these fields that holds a non-empty string (numbers are turned into text). */
export function str(o: Json, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = o[n]
    if (typeof v === 'string' && v !== '') return v
    if (typeof v === 'number') return String(v)
  }
  return undefined
}

export const items = (body: unknown): Json[] => {
  const list = asObject(body).items
  return Array.isArray(list) ? list.map(asObject) : []
}

/** OIC's `q` filter: `{timewindow:'1h', code:'X'}`; values are validated before they get here. */
export const qFilter = (fields: Record<string, string | undefined>) =>
  `{${Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}:'${v}'`)
    .join(', ')}}`

export const successRate = (succeeded: number, processed: number) =>
  processed > 0 ? Math.round((10000 * succeeded) / processed) / 100 : null

export { pageFields } from '../core/values.ts'
