// Small conversions from OCI SDK values to tool-result fields, shared by every group.
import { setting } from './config.ts'
import type { Signer } from './signer.ts'
import type { ToolContext } from './tool-runner.ts'

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

/** Drops undefined and null values, so optional result fields are absent rather than null. */
export function defined<T extends Record<string, unknown>>(
  value: T,
): { [K in keyof T]: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null)) as {
    [K in keyof T]: Exclude<T[K], null>
  }
}

/** The compartment a call names, else OCI_COMPARTMENT_ID, else the signer's tenancy (the root). */
export const compartmentFor = (ctx: ToolContext, requested: string | undefined, signer: Signer) =>
  requested ?? setting('OCI_COMPARTMENT_ID', ctx.env) ?? signer.tenancyId

/**
 * A Date for an OCI query parameter. oci-common 2.139 formats Date query values in local time with
 * unpadded hours ("T2:05:00Z" before 10:00), which OCI and the emulator refuse as RFC 3339; a string
 * is sent as it is, so the ISO text goes in its place.
 */
export const queryTime = (date: Date): Date => date.toISOString() as unknown as Date
