// The schema pieces of listing a compartment's subtree: the input option and the "where to look" answer of an
// empty listing. Zod only, so catalogs (which the router loads) can use them without the OCI SDK.
import { z } from 'zod'

export const subtreeField = z
  .boolean()
  .default(false)
  .describe(
    'Also list the accessible sub-compartments of compartment_id (at any depth). Resources seldom live in the tenancy root itself; each row then names its compartment_id.',
  )

export const whereToLookField = z
  .object({
    note: z.string(),
    sub_compartments: z
      .array(z.object({ id: z.string(), name: z.string() }))
      .describe('The compartment’s direct sub-compartments: pass one as compartment_id.'),
    compartment_id_in_subtree: z
      .boolean()
      .describe('True when calling again with compartment_id_in_subtree: true would look in them all.'),
  })
  .optional()
  .describe('Present when nothing was found here but sub-compartments exist: where to look instead.')

export type WhereToLook = z.infer<typeof whereToLookField>

/** The output fields every listing with the option carries; rows add compartment_id and compartment_name. */
export const subtreeOutput = {
  compartment_id_in_subtree: z.boolean().describe('Whether sub-compartments were listed too.'),
  subtree_incomplete: z
    .literal(true)
    .optional()
    .describe('Present when the subtree was too large to walk whole.'),
  where_to_look: whereToLookField,
}

export const rowCompartment = {
  compartment_id: z.string().optional().describe('The row’s compartment, when sub-compartments were listed.'),
  compartment_name: z.string().optional(),
}
