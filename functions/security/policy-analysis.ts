// Flags over-broad IAM policy statements, each finding with a severity, an explanation and a recommendation.
import { type ParsedStatement, parseStatement } from './policy-parser.ts'

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const
export type Severity = (typeof SEVERITIES)[number]

export const RULES = {
  'tenancy-admin': 'manage all-resources in tenancy',
  'manage-family-in-tenancy': 'manage on a resource family across the tenancy',
  'any-user-grant': 'grant to any-user or any-group',
  'broad-all-resources': 'use or manage on all-resources',
  'sensitive-without-condition': 'sensitive resources without a where condition',
} as const
export type RuleId = keyof typeof RULES

export interface Finding {
  rule: RuleId
  severity: Severity
  title: string
  explanation: string
  recommendation: string
}

/** Identity, keys and secrets: whoever can change these can grant themselves anything, or read credentials. */
const SENSITIVE = new Set([
  'users',
  'groups',
  'dynamic-groups',
  'policies',
  'identity-providers',
  'authentication-policies',
  'network-sources',
  'domains',
  'identity-domains',
  'tenancies',
  'vaults',
  'keys',
  'key-family',
  'vault-family',
  'secret-family',
  'secrets',
  'secret-bundles',
])
/** Reading these reveals secret contents. */
const SENSITIVE_TO_READ = new Set(['secret-family', 'secret-bundles'])

/** OCI's own Tenant Admin Policy names the built-in Administrators group; it is expected, not a finding to fix. */
const isBuiltInAdmins = (s: ParsedStatement) =>
  s.subject.kind === 'group' && s.subject.names.some((n) => /(^|\/)administrators$/i.test(n))

const who = (s: ParsedStatement) =>
  s.subject.kind === 'any-user' || s.subject.kind === 'any-group'
    ? s.subject.kind
    : `${s.subject.kind} ${s.subject.names.join(', ')}`

const where = (s: ParsedStatement) =>
  s.location.kind === 'tenancy' ? 'the whole tenancy' : `compartment ${s.location.name}`

export function analyzeStatement(s: ParsedStatement): Finding[] {
  const findings: Finding[] = []
  const inTenancy = s.location.kind === 'tenancy'
  const allResources = s.resource === 'all-resources'
  const family = s.resource?.endsWith('-family') ?? false

  if (s.verb === 'manage' && allResources && inTenancy) {
    const builtIn = isBuiltInAdmins(s)
    findings.push({
      rule: 'tenancy-admin',
      severity: builtIn ? 'low' : 'critical',
      title: builtIn ? 'Built-in tenant administrators' : 'Full administrator of the tenancy',
      explanation: builtIn
        ? 'This is OCI’s own Tenant Admin Policy for the Administrators group: every permission on every resource, IAM included.'
        : `${who(s)} may do anything to every resource in the tenancy, including IAM: they can create users, change policies and grant themselves or others any access. This is the same power as the Administrators group.`,
      recommendation: builtIn
        ? 'Keep the Administrators group to a few break-glass accounts with MFA.'
        : 'Replace it with the families this group actually needs, in the compartments where it works (e.g. `manage instance-family in compartment app`), and keep IAM with the Administrators group.',
    })
  } else if (s.verb === 'manage' && family && inTenancy) {
    findings.push({
      rule: 'manage-family-in-tenancy',
      severity: 'high',
      title: `manage ${s.resource} across the tenancy`,
      explanation: `${who(s)} may create, change and delete every resource of ${s.resource} in every compartment, including ones of other teams and production.`,
      recommendation:
        'Scope the statement to the compartments the group owns, or lower the verb to use/read where management is not needed.',
    })
  } else if ((s.verb === 'manage' || s.verb === 'use') && allResources) {
    findings.push({
      rule: 'broad-all-resources',
      severity: s.verb === 'manage' || inTenancy ? 'high' : 'medium',
      title: `${s.verb} all-resources in ${where(s)}`,
      explanation: `${who(s)} gets ${s.verb} on every resource type in ${where(s)}${s.verb === 'manage' ? ', including deleting them' : ' — using, starting and attaching anything there'}, not only the services they work with.`,
      recommendation:
        'Name the resource families needed (instance-family, object-family, …) instead of all-resources.',
    })
  }

  if (s.subject.kind === 'any-user' || s.subject.kind === 'any-group') {
    const conditioned = s.condition !== null
    const strong = s.verb === 'manage' || s.verb === 'use'
    findings.push({
      rule: 'any-user-grant',
      severity: conditioned || s.verb === 'inspect' ? 'low' : strong ? 'high' : 'medium',
      title: `${s.subject.kind} may ${s.verb ?? 'use permissions on'} ${s.resource ?? 'resources'}`,
      explanation: conditioned
        ? `The grant is to every principal in the tenancy (${s.subject.kind}), narrowed only by its condition: ${s.condition}.`
        : `Every ${s.subject.kind === 'any-user' ? 'user and resource principal' : 'group member'} in the tenancy gets this access, with no condition — including new users and workloads nobody reviewed.`,
      recommendation: conditioned
        ? 'Check that the condition pins the principal (request.principal.type / id) and the target compartment.'
        : 'Grant to a named group or dynamic-group, or add a where condition on request.principal.type or id.',
    })
  }

  const sensitive =
    s.resource !== null &&
    (((s.verb === 'manage' || s.verb === 'use') && SENSITIVE.has(s.resource)) ||
      (s.verb === 'read' && SENSITIVE_TO_READ.has(s.resource)))
  if (sensitive && s.condition === null && !isBuiltInAdmins(s)) {
    findings.push({
      rule: 'sensitive-without-condition',
      severity: 'medium',
      title: `${s.verb} ${s.resource} without a condition`,
      explanation: `${s.resource} controls identities, keys or secrets; ${who(s)} may ${s.verb} them in ${where(s)} without any where clause limiting which ones or how.`,
      recommendation:
        "Add a where condition (e.g. target.group.name != 'Administrators', request.permission, target.secret.name) or move the grant to a dedicated security-admin group.",
    })
  }
  return findings
}

export interface PolicyInput {
  id: string
  name: string
  compartmentId: string
  statements: string[]
}

export interface PolicyFinding extends Finding {
  policy_id: string
  policy_name: string
  compartment_id: string
  statement: string
}

export interface PolicyAnalysis {
  findings: PolicyFinding[]
  statements: number
  unparsed: { policy_name: string; statement: string; reason: string }[]
}

const rank = (s: Severity) => SEVERITIES.indexOf(s)

/** Every statement of every policy, findings sorted by severity (critical first), then policy name. */
export function analyzePolicies(policies: PolicyInput[]): PolicyAnalysis {
  const findings: PolicyFinding[] = []
  const unparsed: PolicyAnalysis['unparsed'] = []
  let statements = 0
  for (const p of policies) {
    for (const statement of p.statements) {
      statements += 1
      const parsed = parseStatement(statement)
      if (parsed.kind === 'unparsed') {
        unparsed.push({ policy_name: p.name, statement, reason: parsed.reason })
        continue
      }
      if (parsed.kind !== 'allow') continue
      for (const f of analyzeStatement(parsed)) {
        findings.push({
          ...f,
          policy_id: p.id,
          policy_name: p.name,
          compartment_id: p.compartmentId,
          statement,
        })
      }
    }
  }
  findings.sort((a, b) => rank(a.severity) - rank(b.severity) || a.policy_name.localeCompare(b.policy_name))
  return { findings, statements, unparsed }
}
