// Reads OCI IAM policy statements (Allow <subject> to <verb> <resource> in <location> [where …]) into parts.

export type Verb = 'inspect' | 'read' | 'use' | 'manage'

export type SubjectKind =
  | 'group'
  | 'dynamic-group'
  | 'any-user'
  | 'any-group'
  | 'service'
  | 'resource'
  | 'unknown'

export interface Subject {
  kind: SubjectKind
  /** Group, dynamic-group or service names (or OCIDs, `id …`), as written, quotes removed. */
  names: string[]
}

export type LocationKind = 'tenancy' | 'compartment' | 'compartment-id'

export interface ParsedStatement {
  kind: 'allow'
  subject: Subject
  /** A verb, or null when the statement grants a permission list instead. */
  verb: Verb | null
  /** Permissions of a `{PERM_A, PERM_B}` grant. */
  permissions: string[]
  /** Resource type or family, e.g. all-resources, virtual-network-family, buckets; null with permissions only. */
  resource: string | null
  location: { kind: LocationKind; name: string }
  /** The text after `where`, if any. */
  condition: string | null
}

export type ParseResult =
  | ParsedStatement
  /** Define, Endorse, Admit and other cross-tenancy statements: valid, but not grants within this tenancy. */
  | { kind: 'other'; keyword: string }
  | { kind: 'unparsed'; reason: string }

const STATEMENT =
  /^allow\s+(?<subject>.+?)\s+to\s+(?:(?<verb>inspect|read|use|manage)\s+(?<resource>[^\s{}]+)|\{(?<perms>[^}]*)\}(?:\s+(?<presource>(?!in\s)[^\s{}]+))?)\s+in\s+(?<location>tenancy|compartment\s+id\s+\S+|compartment\s+(?:'[^']+'|"[^"]+"|\S+))(?:\s+where\s+(?<condition>[\s\S]+?))?\s*$/i

const unquote = (s: string) => s.trim().replace(/^(['"])(.*)\1$/, '$2')

function parseSubject(text: string): Subject {
  const t = text.trim()
  const lower = t.toLowerCase()
  if (lower === 'any-user') return { kind: 'any-user', names: [] }
  if (lower === 'any-group') return { kind: 'any-group', names: [] }
  const m = /^(group|dynamic-group|service|resource)\s+([\s\S]+)$/i.exec(t)
  if (!m) return { kind: 'unknown', names: [t] }
  const kind = m[1].toLowerCase() as SubjectKind
  // `group A, B`, `group id ocid1…, id ocid1…`, `group 'Domain'/'Name'`; `resource <type> <name>`.
  const names = m[2]
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean)
    .map((n) =>
      n
        .split('/')
        .map((part) => unquote(part))
        .join('/'),
    )
  return { kind, names }
}

function parseLocation(text: string): ParsedStatement['location'] {
  const t = text.trim()
  if (/^tenancy$/i.test(t)) return { kind: 'tenancy', name: 'tenancy' }
  const id = /^compartment\s+id\s+(\S+)$/i.exec(t)
  if (id) return { kind: 'compartment-id', name: id[1] }
  return { kind: 'compartment', name: unquote(t.replace(/^compartment\s+/i, '')) }
}

/** Parses one statement. Whitespace and case of keywords are free, as in OCI. */
export function parseStatement(statement: string): ParseResult {
  const text = statement.trim().replace(/\s+/g, ' ')
  const keyword = /^\w+/.exec(text)?.[0].toLowerCase() ?? ''
  if (['define', 'endorse', 'admit'].includes(keyword)) return { kind: 'other', keyword }
  if (keyword !== 'allow')
    return {
      kind: 'unparsed',
      reason: `statements start with Allow, Define, Endorse or Admit, not '${keyword}'`,
    }
  const m = STATEMENT.exec(text)
  if (!m?.groups)
    return { kind: 'unparsed', reason: 'not of the form Allow <subject> to <verb> <resource> in <location>' }
  const g = m.groups
  return {
    kind: 'allow',
    subject: parseSubject(g.subject),
    verb: g.verb ? (g.verb.toLowerCase() as Verb) : null,
    permissions: g.perms
      ? g.perms
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean)
      : [],
    resource: (g.resource ?? g.presource)?.toLowerCase() ?? null,
    location: parseLocation(g.location),
    condition: g.condition?.trim() || null,
  }
}
