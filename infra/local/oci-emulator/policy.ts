// A useful subset of the OCI IAM policy language: parse statements once, answer "may this principal do that?".
import { PolicySyntaxError } from './errors.ts'
import { isKnownResourceType, resourceTypeCovers } from './resource-types.ts'

export type Verb = 'inspect' | 'read' | 'use' | 'manage'

const VERB_RANK: Record<Verb, number> = { inspect: 0, read: 1, use: 2, manage: 3 }

export interface PolicyPrincipal {
  id: string
  type: 'user' | 'resource'
  groups: readonly string[]
  dynamicGroups: readonly string[]
  /** For resource principals: the compartment the resource lives in. */
  compartmentId?: string
}

/** What an operation needs: a verb on an individual resource type in a compartment. */
export interface Requirement {
  verb: Verb
  resourceType: string
  compartmentId: string
  /** Values for `where` clauses, e.g. `target.bucket.name`. */
  variables?: Record<string, string>
}

export interface CompartmentTree {
  tenancyId: string
  /** Parent of a compartment; undefined for the tenancy (root) and for unknown ids. */
  parentOf(id: string): string | undefined
  childByName(parentId: string, name: string): string | undefined
}

export interface PolicyDocument {
  /** Where the policy is attached; compartment paths in its statements are relative to it. */
  compartmentId: string
  statements: readonly string[]
}

type Subject = { kind: 'any-user' } | { kind: 'group' | 'dynamic-group'; names: string[] }
type Location = { kind: 'tenancy' } | { kind: 'id'; id: string } | { kind: 'path'; path: string[] }
interface Clause {
  variable: string
  negated: boolean
  value: string
}
interface Condition {
  mode: 'all' | 'any'
  clauses: Clause[]
}

export interface Statement {
  text: string
  subject: Subject
  verb: Verb
  resourceType: string
  location: Location
  condition?: Condition
  /** Compartment of the policy that holds the statement. */
  policyCompartmentId: string
}

const STATEMENT =
  /^allow\s+(any-user|(?:dynamic-group|group)\s+.+?)\s+to\s+(\S+)\s+(\S+)\s+in\s+(tenancy|compartment\s+id\s+\S+|compartment\s+\S+)(?:\s+where\s+(.+))?$/i
const CLAUSE = /\s*([a-z][\w.-]*)\s*(!=|=)\s*'([^']*)'\s*(?:,|$)/giy

export function parseStatement(text: string, policyCompartmentId: string): Statement {
  const m = STATEMENT.exec(text.trim().replace(/\s+/g, ' '))
  if (!m) throw new PolicySyntaxError(text, 'not an Allow statement this emulator understands')
  const [, subjectText, verbText, resourceType, locationText, conditionText] = m
  const verb = verbText.toLowerCase() as Verb
  if (!(verb in VERB_RANK)) throw new PolicySyntaxError(text, `unknown verb '${verbText}'`)
  if (!isKnownResourceType(resourceType.toLowerCase())) {
    throw new PolicySyntaxError(text, `unknown resource type '${resourceType}'`)
  }
  return {
    text,
    subject: parseSubject(subjectText, text),
    verb,
    resourceType: resourceType.toLowerCase(),
    location: parseLocation(locationText),
    condition: conditionText ? parseCondition(conditionText, text) : undefined,
    policyCompartmentId,
  }
}

function parseSubject(subject: string, text: string): Subject {
  if (subject.toLowerCase() === 'any-user') return { kind: 'any-user' }
  const [kind, ...rest] = subject.split(' ')
  // Identity-domain form 'Domain'/'Name' names the same group as Name in this single-domain emulator.
  const names = rest
    .join(' ')
    .split(',')
    .map((n) => n.trim().split('/').pop()!.replace(/'/g, '').trim())
  if (names.some((n) => n === '' || /\s/.test(n))) throw new PolicySyntaxError(text, 'malformed group list')
  return { kind: kind.toLowerCase() as 'group' | 'dynamic-group', names }
}

function parseLocation(location: string): Location {
  const parts = location.split(' ')
  if (parts[0].toLowerCase() === 'tenancy') return { kind: 'tenancy' }
  if (parts[1].toLowerCase() === 'id') return { kind: 'id', id: parts[2] }
  return { kind: 'path', path: parts[1].split(':') }
}

function parseCondition(condition: string, text: string): Condition {
  const grouped = /^(all|any)\s*\{(.*)\}$/i.exec(condition.trim())
  const mode = grouped ? (grouped[1].toLowerCase() as 'all' | 'any') : 'all'
  const body = grouped ? grouped[2] : condition
  const clauses: Clause[] = []
  CLAUSE.lastIndex = 0
  while (CLAUSE.lastIndex < body.length) {
    const c = CLAUSE.exec(body)
    if (!c) throw new PolicySyntaxError(text, 'malformed where clause')
    clauses.push({ variable: c[1].toLowerCase(), negated: c[2] === '!=', value: c[3] })
  }
  if (clauses.length === 0) throw new PolicySyntaxError(text, 'empty where clause')
  return { mode, clauses }
}

/** OCI's pattern form '/prefix*' + '/' style: a value wrapped in slashes may use * as a wildcard. */
function valueMatches(pattern: string, actual: string): boolean {
  if (pattern.length > 1 && pattern.startsWith('/') && pattern.endsWith('/')) {
    const body = pattern.slice(1, -1).split('*').map(escapeRegExp).join('.*')
    return new RegExp(`^${body}$`).test(actual)
  }
  return pattern === actual
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

export class PolicyEngine {
  readonly statements: readonly Statement[]
  readonly #tree: CompartmentTree

  constructor(policies: readonly PolicyDocument[], tree: CompartmentTree) {
    this.statements = policies.flatMap((p) => p.statements.map((s) => parseStatement(s, p.compartmentId)))
    this.#tree = tree
  }

  isAllowed(principal: PolicyPrincipal, need: Requirement): boolean {
    const variables = { ...principalVariables(principal), ...need.variables }
    variables['target.compartment.id'] = need.compartmentId
    return this.statements.some(
      (s) =>
        subjectMatches(s.subject, principal) &&
        VERB_RANK[s.verb] >= VERB_RANK[need.verb] &&
        resourceTypeCovers(s.resourceType, need.resourceType) &&
        this.#covers(this.#resolve(s), need.compartmentId) &&
        conditionHolds(s.condition, variables),
    )
  }

  /**
   * Whether some statement grants the principal anything in this compartment or below it; this is how
   * ListCompartments' accessLevel=ACCESSIBLE decides what a caller may see.
   */
  hasAnyAccess(principal: PolicyPrincipal, compartmentId: string): boolean {
    return this.statements.some((s) => {
      if (!subjectMatches(s.subject, principal)) return false
      const location = this.#resolve(s)
      return (
        location !== undefined &&
        (this.#covers(location, compartmentId) || this.#covers(compartmentId, location))
      )
    })
  }

  #resolve(s: Statement): string | undefined {
    const { location } = s
    if (location.kind === 'tenancy') return this.#tree.tenancyId
    if (location.kind === 'id') return location.id
    let current: string | undefined = s.policyCompartmentId
    for (const name of location.path) {
      current = current === undefined ? undefined : this.#tree.childByName(current, name)
    }
    return current
  }

  /** A statement on a compartment also covers every compartment beneath it. */
  #covers(ancestor: string | undefined, target: string): boolean {
    for (let c: string | undefined = target; c !== undefined; c = this.#tree.parentOf(c)) {
      if (c === ancestor) return true
    }
    return false
  }
}

function subjectMatches(subject: Subject, principal: PolicyPrincipal): boolean {
  if (subject.kind === 'any-user') return true
  const held = subject.kind === 'group' ? principal.groups : principal.dynamicGroups
  const lower = new Set(held.map((g) => g.toLowerCase()))
  return subject.names.some((n) => lower.has(n.toLowerCase()))
}

function principalVariables(principal: PolicyPrincipal): Record<string, string> {
  const vars: Record<string, string> = {
    'request.principal.type': principal.type,
    'request.principal.id': principal.id,
  }
  if (principal.type === 'user') vars['request.user.id'] = principal.id
  if (principal.compartmentId) vars['request.principal.compartment.id'] = principal.compartmentId
  return vars
}

/** A variable the request does not carry makes its clause false, as OCI does. */
function conditionHolds(condition: Condition | undefined, variables: Record<string, string>): boolean {
  if (!condition) return true
  const results = condition.clauses.map((c) => {
    const actual = variables[c.variable]
    if (actual === undefined) return false
    return valueMatches(c.value, actual) !== c.negated
  })
  return condition.mode === 'all' ? results.every(Boolean) : results.some(Boolean)
}
