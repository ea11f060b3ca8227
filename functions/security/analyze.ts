// security_analyze_policies: every statement in a compartment tree through the over-broad-grant rules.
import { type IdentityClient, requests } from 'oci-identity'
import { McpFunctionsError } from '../core/errors.ts'
import { mdTable } from '../core/format.ts'
import { ociCall } from '../core/oci-clients.ts'
import { implement, type ToolContext } from '../core/tool-runner.ts'
import { analyzePolicies } from './catalog.ts'
import { identity, type PolicyRow, policiesPage } from './iam.ts'
import { analyzePolicies as analyze, SEVERITIES, type Severity } from './policy-analysis.ts'

/** A tenancy with more compartments than this is analyzed a subtree at a time. */
const MAX_COMPARTMENTS = 500
const PARALLEL = 8

async function allPages<T>(fetch: (token: string | null) => Promise<{ items: T[]; next?: string | null }>) {
  const out: T[] = []
  let token: string | null = null
  do {
    const page = await fetch(token)
    out.push(...page.items)
    token = page.next ?? null
  } while (token)
  return out
}

const tooMany = () =>
  new McpFunctionsError('ERR_INPUT_TOO_LARGE', `More than ${MAX_COMPARTMENTS} compartments to analyze`, {
    hint: 'Pass a compartment_id lower in the tree, or include_subcompartments false.',
  })

/** The start compartment and, when asked, every active compartment below it. */
async function compartmentsToScan(
  ctx: ToolContext,
  client: IdentityClient,
  start: string,
  tenancyId: string,
  subtree: boolean,
): Promise<string[]> {
  if (!subtree) return [start]
  const list = (compartmentId: string, inSubtree: boolean) =>
    allPages((token) =>
      ociCall(ctx, `Listing compartments in ${compartmentId}`, () =>
        client.listCompartments({
          compartmentId,
          compartmentIdInSubtree: inSubtree || undefined,
          accessLevel: inSubtree ? requests.ListCompartmentsRequest.AccessLevel.Accessible : undefined,
          lifecycleState: 'ACTIVE' as never,
          limit: 1000,
          page: token ?? undefined,
        }),
      ).then((r) => ({ items: r.items.map((c) => c.id), next: r.opcNextPage })),
    )
  if (start === tenancyId) {
    const all = await list(tenancyId, true)
    if (all.length + 1 > MAX_COMPARTMENTS) throw tooMany()
    return [tenancyId, ...all]
  }
  // Below the root OCI lists one level at a time.
  const found = [start]
  for (let i = 0; i < found.length; i++) {
    found.push(...(await list(found[i], false)))
    if (found.length > MAX_COMPARTMENTS) throw tooMany()
  }
  return found
}

async function inBatches<T, R>(items: T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = []
  for (let i = 0; i < items.length; i += size)
    out.push(...(await Promise.all(items.slice(i, i + size).map(fn))))
  return out
}

export const analyzePoliciesTool = implement(analyzePolicies, async (input, ctx) => {
  const { client, signer } = await identity(ctx, input.region)
  const start = input.compartment_id ?? signer.tenancyId
  const compartments = await compartmentsToScan(
    ctx,
    client,
    start,
    signer.tenancyId,
    input.include_subcompartments,
  )
  const policies: PolicyRow[] = (
    await inBatches(compartments, PARALLEL, (c) =>
      allPages((token) => policiesPage(ctx, client, c, token, 1000)),
    )
  ).flat()
  const result = analyze(
    policies.map((p) => ({
      id: p.id,
      name: p.name,
      compartmentId: p.compartment_id,
      statements: p.statements,
    })),
  )
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>
  for (const f of result.findings) counts[f.severity] += 1
  const floor = SEVERITIES.indexOf(input.min_severity)
  const kept = result.findings.filter((f) => SEVERITIES.indexOf(f.severity) <= floor)
  const findings = kept.slice(0, input.limit).map((f) => ({
    severity: f.severity,
    rule: f.rule,
    title: f.title,
    policy_name: f.policy_name,
    policy_id: f.policy_id,
    compartment_id: f.compartment_id,
    statement: f.statement,
    explanation: f.explanation,
    recommendation: f.recommendation,
  }))
  const data = {
    compartment_id: start,
    compartments_scanned: compartments.length,
    policies_scanned: policies.length,
    statements_scanned: result.statements,
    counts,
    findings,
    unparsed: result.unparsed,
    truncated: kept.length > findings.length,
  }
  const summary = SEVERITIES.map((s) => `${counts[s]} ${s}`).join(', ')
  const details = findings
    .map(
      (f) =>
        `### ${f.severity.toUpperCase()}: ${f.title}\n- **Policy:** ${f.policy_name} (\`${f.compartment_id}\`)\n- **Statement:** \`${f.statement}\`\n- **Why:** ${f.explanation}\n- **Fix:** ${f.recommendation}`,
    )
    .join('\n\n')
  const unparsed = result.unparsed.length
    ? `\n\n### Statements not analyzed\n\n${mdTable(result.unparsed, [
        ['policy_name', 'Policy'],
        ['statement', 'Statement'],
        ['reason', 'Why'],
      ])}`
    : ''
  const more = data.truncated
    ? `\n\n${kept.length - findings.length} more findings; raise limit to see them.`
    : ''
  return {
    data,
    markdown: `## Policy analysis\n\n${policies.length} policies, ${result.statements} statements in ${compartments.length} compartment(s): ${summary}.\n\n${details || '_No findings at this severity._'}${more}${unparsed}`,
  }
})
