// Decides whether an object's body can be shown as text: by its declared media type, else by its bytes.

const TEXT_APPLICATION_SUBTYPES = new Set([
  'json',
  'x-ndjson',
  'ndjson',
  'xml',
  'yaml',
  'x-yaml',
  'toml',
  'javascript',
  'x-javascript',
  'ecmascript',
  'typescript',
  'sql',
  'graphql',
  'csv',
  'x-sh',
  'x-shellscript',
  'x-python',
  'x-www-form-urlencoded',
  'x-properties',
  'x-tex',
  'x-terraform',
  'hcl',
])

/** Media types that say nothing about the content, so the bytes decide. */
const GENERIC = new Set(['application/octet-stream', 'binary/octet-stream', 'application/unknown'])

function mediaType(contentType: string | undefined): { type: string; subtype: string } | undefined {
  const essence = contentType?.split(';')[0].trim().toLowerCase()
  const m = essence ? /^([a-z0-9!#$&^_.+-]+)\/([a-z0-9!#$&^_.+-]+)$/.exec(essence) : null
  return m ? { type: m[1], subtype: m[2] } : undefined
}

/** 'text' and 'binary' are the declared type's verdict; 'unknown' leaves it to the bytes. */
export function declaredKind(contentType: string | undefined): 'text' | 'binary' | 'unknown' {
  const media = mediaType(contentType)
  if (!media || GENERIC.has(`${media.type}/${media.subtype}`)) return 'unknown'
  if (media.type === 'text') return 'text'
  const suffix = media.subtype.includes('+') ? media.subtype.slice(media.subtype.lastIndexOf('+') + 1) : ''
  if (media.type === 'application' && TEXT_APPLICATION_SUBTYPES.has(media.subtype)) return 'text'
  if (['json', 'xml', 'yaml'].includes(suffix)) return 'text'
  return 'binary'
}

// C0 controls other than tab, newline, vertical tab, form feed, carriage return and escape mark binary data.
const BINARY_CONTROL = /[\x00-\x08\x0e-\x1a\x1c-\x1f]/

/** The bytes as text when they are valid UTF-8 without binary control characters. */
export function decodeText(bytes: Uint8Array): string | undefined {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return undefined
  }
  return BINARY_CONTROL.test(text) ? undefined : text
}
