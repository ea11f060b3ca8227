// Security tools as the router sees them: IAM users, groups and policies, policy analysis, Cloud Guard problems.
import { z } from 'zod'
import {
  compartmentField,
  cursorField,
  defineTool,
  type GroupCatalog,
  limitField,
  pageInfo,
  regionField,
  responseFormat,
} from '../core/catalog.ts'

const readOnly = { readOnlyHint: true, idempotentHint: true, openWorldHint: true } as const
const isoTime = z.string().describe('ISO 8601 time.')

export const severities = ['critical', 'high', 'medium', 'low'] as const
export const riskLevels = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'MINOR'] as const

export const listUsers = defineTool({
  name: 'security_list_users',
  title: 'List IAM users',
  description:
    'Lists the tenancy’s IAM users (they live in the root compartment) with email, state, MFA and creation time. Paged: pass next_cursor back as cursor. Look for users without MFA, then check their groups’ policies with security_analyze_policies.',
  input: z.object({
    name: z.string().min(1).max(255).optional().describe('Only the user with exactly this name.'),
    limit: limitField(1000, 100),
    cursor: cursorField,
    region: regionField,
    response_format: responseFormat,
  }),
  output: z.object({
    tenancy_id: z.string(),
    users: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        email: z.string().optional(),
        description: z.string().optional(),
        lifecycle_state: z.string(),
        is_mfa_activated: z.boolean().optional(),
        time_created: isoTime.optional(),
        last_successful_login_time: isoTime.optional(),
      }),
    ),
    ...pageInfo,
  }),
  access: 'read',
  annotations: readOnly,
})

export const listGroups = defineTool({
  name: 'security_list_groups',
  title: 'List IAM groups',
  description:
    'Lists the tenancy’s IAM groups (root compartment) with description and state. Paged: pass next_cursor back as cursor. Policies name these groups: see what each may do with security_list_policies.',
  input: z.object({
    name: z.string().min(1).max(255).optional().describe('Only the group with exactly this name.'),
    limit: limitField(1000, 100),
    cursor: cursorField,
    region: regionField,
    response_format: responseFormat,
  }),
  output: z.object({
    tenancy_id: z.string(),
    groups: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        description: z.string().optional(),
        lifecycle_state: z.string(),
        time_created: isoTime.optional(),
      }),
    ),
    ...pageInfo,
  }),
  access: 'read',
  annotations: readOnly,
})

const policy = z.object({
  id: z.string(),
  name: z.string(),
  compartment_id: z.string(),
  description: z.string().optional(),
  statements: z.array(z.string()),
  lifecycle_state: z.string(),
  time_created: isoTime.optional(),
})

export const listPolicies = defineTool({
  name: 'security_list_policies',
  title: 'List IAM policies',
  description:
    'Lists the IAM policies attached to one compartment (default: the configured compartment, else the tenancy), with their statements. Paged: pass next_cursor back as cursor. To judge whether statements are too broad, use security_analyze_policies.',
  input: z.object({
    compartment_id: compartmentField,
    limit: limitField(1000, 50),
    cursor: cursorField,
    region: regionField,
    response_format: responseFormat,
  }),
  output: z.object({ compartment_id: z.string(), policies: z.array(policy), ...pageInfo }),
  access: 'read',
  annotations: readOnly,
})

export const analyzePolicies = defineTool({
  name: 'security_analyze_policies',
  title: 'Find over-broad IAM policies',
  description:
    'Reads every policy statement in a compartment (default: the tenancy) and, by default, its sub-compartments, and flags over-broad grants with a severity and an explanation: manage all-resources in tenancy (critical), manage on a whole family across the tenancy, grants to any-user/any-group, use/manage on all-resources, and identity, key or secret resources without a where condition. Read-only: it never changes a policy; propose fixes to a human.',
  input: z.object({
    compartment_id: compartmentField.describe('Where to start; defaults to the tenancy.'),
    include_subcompartments: z
      .boolean()
      .default(true)
      .describe('Also read the policies attached to every compartment below it.'),
    min_severity: z.enum(severities).default('low').describe('Only findings at least this severe.'),
    limit: z
      .number()
      .int()
      .min(1)
      .max(500)
      .default(100)
      .describe('Most findings to return, most severe first.'),
    region: regionField,
    response_format: responseFormat,
  }),
  output: z.object({
    compartment_id: z.string(),
    compartments_scanned: z.number().int(),
    policies_scanned: z.number().int(),
    statements_scanned: z.number().int(),
    counts: z
      .object({
        critical: z.number().int(),
        high: z.number().int(),
        medium: z.number().int(),
        low: z.number().int(),
      })
      .describe('Findings per severity, before min_severity and limit.'),
    findings: z.array(
      z.object({
        severity: z.enum(severities),
        rule: z.string(),
        title: z.string(),
        policy_name: z.string(),
        policy_id: z.string(),
        compartment_id: z.string(),
        statement: z.string(),
        explanation: z.string(),
        recommendation: z.string(),
      }),
    ),
    unparsed: z
      .array(z.object({ policy_name: z.string(), statement: z.string(), reason: z.string() }))
      .describe('Statements the analyzer could not read; review them by hand.'),
    truncated: z.boolean().describe('True when more findings exist than limit allowed.'),
  }),
  access: 'read',
  annotations: readOnly,
})

export const listCloudGuardProblems = defineTool({
  name: 'security_list_cloud_guard_problems',
  title: 'List Cloud Guard problems',
  description:
    'Lists the problems Cloud Guard has detected (misconfigurations, risky activity) in a compartment and, by default, below it, optionally of one risk level. Paged: pass next_cursor back as cursor. For each, name the resource and rule, and suggest the fix; do not change resources without a human.',
  input: z.object({
    compartment_id: compartmentField.describe(
      'Where to look; defaults to the configured compartment, else the tenancy.',
    ),
    include_subcompartments: z
      .boolean()
      .default(true)
      .describe('Also problems in every compartment below it.'),
    risk_level: z.enum(riskLevels).optional().describe('Only problems of this risk level.'),
    lifecycle_detail: z
      .enum(['OPEN', 'RESOLVED', 'DISMISSED'])
      .optional()
      .describe('Only problems in this state; all when omitted.'),
    limit: limitField(1000, 50),
    cursor: cursorField,
    region: regionField,
    response_format: responseFormat,
  }),
  output: z.object({
    compartment_id: z.string(),
    problems: z.array(
      z.object({
        id: z.string(),
        risk_level: z.string().optional(),
        detector_rule_id: z.string().optional(),
        detector: z.string().optional(),
        resource_name: z.string().optional(),
        resource_type: z.string().optional(),
        resource_id: z.string().optional(),
        compartment_id: z.string(),
        lifecycle_state: z.string().optional(),
        lifecycle_detail: z.string().optional(),
        labels: z.array(z.string()),
        region: z.string().optional(),
        time_first_detected: isoTime.optional(),
        time_last_detected: isoTime.optional(),
      }),
    ),
    ...pageInfo,
  }),
  access: 'read',
  annotations: readOnly,
})

const securityReviewGuide = {
  name: 'security_review_guide',
  title: 'Review tenancy security',
  description:
    'Walks an agent through a security review: over-broad policies, identities, Cloud Guard problems, and a prioritized report.',
  arguments: [
    {
      name: 'compartment',
      description: 'Optional compartment OCID to focus on (default: the whole tenancy).',
    },
  ],
  render: (args: Record<string, string>) => {
    const scope = args.compartment ? `compartment ${args.compartment} and below` : 'the whole tenancy'
    return `You are reviewing the security posture of ${scope} in Oracle Cloud Infrastructure. Only read; never change IAM or resources.

1. security_analyze_policies${args.compartment ? ` (compartment_id ${args.compartment})` : ''}: list every critical and high finding with its policy, statement, explanation and recommendation. "manage all-resources in tenancy" for anyone but the built-in Administrators is the first thing to fix.
2. security_list_groups and security_list_users: who is in scope; note users without MFA and groups named in critical findings.
3. security_list_policies for compartments with findings, to quote the full policy when you propose a narrower replacement.
4. security_list_cloud_guard_problems (risk_level CRITICAL, then HIGH): the resource, the rule and how to remediate each.
5. Cross-check: a Cloud Guard problem and an over-broad policy touching the same compartment compound each other — say so.

Report in order of risk: a table of findings (severity, what, where, why it matters, proposed fix as a concrete policy statement), then quick wins. Every change must be approved and applied by a human.`
  },
}

export const catalog: GroupCatalog = {
  group: 'security',
  title: 'OCI Security',
  description:
    'IAM users, groups and policies, an analyzer that flags over-broad policy statements, and Cloud Guard problems. Read-only.',
  tools: [listUsers, listGroups, listPolicies, analyzePolicies, listCloudGuardProblems],
  prompts: [securityReviewGuide],
}
