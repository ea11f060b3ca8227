// Small conversions from SDK values to result fields.
export { compartmentFor, defined, isoTime, pageFields } from '../core/values.ts'
