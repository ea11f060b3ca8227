// security_list_cloud_guard_problems: Cloud Guard's detected problems, filtered and paged.
import { CloudGuardClient, type models, requests } from 'oci-cloudguard'
import { mdTable, pageFooter } from '../core/format.ts'
import { ociClient } from '../core/oci-clients.ts'
import { ociListPage } from '../core/oci-paging.ts'
import { implement } from '../core/tool-runner.ts'
import { listCloudGuardProblems } from './catalog.ts'
import { compartmentFor, defined, isoTime, pageFields } from './values.ts'

export const listCloudGuardProblemsTool = implement(listCloudGuardProblems, async (input, ctx) => {
  const { client, signer } = await ociClient(ctx, CloudGuardClient, input.region)
  const compartmentId = compartmentFor(ctx, input.compartment_id, signer)
  const page = await ociListPage(
    ctx,
    input,
    `Listing Cloud Guard problems in ${compartmentId}`,
    (p) =>
      client
        .listProblems({
          compartmentId,
          compartmentIdInSubtree: input.include_subcompartments || undefined,
          accessLevel: input.include_subcompartments
            ? requests.ListProblemsRequest.AccessLevel.Accessible
            : undefined,
          riskLevel: input.risk_level,
          lifecycleDetail: input.lifecycle_detail as models.ProblemLifecycleDetail | undefined,
          ...p,
        })
        .then((r) => ({ ...r, items: r.problemCollection.items })),
    // OCI sends null for unset fields; results leave them out.
    (p) =>
      defined({
        id: p.id,
        risk_level: p.riskLevel ? String(p.riskLevel) : undefined,
        detector_rule_id: p.detectorRuleId,
        detector: p.detectorId ? String(p.detectorId) : undefined,
        resource_name: p.resourceName,
        resource_type: p.resourceType,
        resource_id: p.resourceId,
        compartment_id: p.compartmentId,
        lifecycle_state: p.lifecycleState ? String(p.lifecycleState) : undefined,
        lifecycle_detail: p.lifecycleDetail ? String(p.lifecycleDetail) : undefined,
        labels: p.labels ?? [],
        region: p.region,
        time_first_detected: isoTime(p.timeFirstDetected),
        time_last_detected: isoTime(p.timeLastDetected),
      }),
  )
  const data = { compartment_id: compartmentId, problems: page.items, ...pageFields(page) }
  const table = mdTable(page.items, [
    ['risk_level', 'Risk'],
    ['detector_rule_id', 'Rule'],
    ['resource_name', 'Resource'],
    ['resource_type', 'Type'],
    ['lifecycle_detail', 'State'],
    ['time_last_detected', 'Last detected'],
  ])
  const filter = input.risk_level ? ` (risk ${input.risk_level})` : ''
  return {
    data,
    markdown: `## Cloud Guard problems${filter}\n\n${table}${pageFooter(data, page.items.length)}`,
  }
})
