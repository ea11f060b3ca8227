// Skills: composed workflows, each one tool, that save an agent many round trips. Schemas only.
import { z } from 'zod'
import { defineTool, type GroupCatalog, regionField, responseFormat } from '../core/catalog.ts'

const check = z.object({
  check: z.string().describe('What was looked at.'),
  status: z
    .enum(['ok', 'warn', 'fail', 'unknown'])
    .describe('unknown: the check could not run (see detail).'),
  detail: z.string(),
})

const verdictFields = {
  verdict: z.enum(['healthy', 'degraded', 'unhealthy', 'stopped', 'unknown']),
  summary: z.string().describe('One paragraph: the verdict and why.'),
  evidence: z.array(check).describe('Every check, in the order it was made.'),
  next_steps: z.array(z.string()).describe('What to do, most urgent first.'),
}

const windowField = z
  .string()
  .regex(/^\d+[mhd]$/, 'a duration such as 30m, 2h or 1d')
  .default('2h')
  .describe('How far back to look at metrics, alarms and logs (e.g. 30m, 2h, 1d).')

const instanceOcid = z
  .string()
  .regex(/^ocid1\.instance\.[a-z0-9-]+\.[a-z0-9-]*\.[a-z0-9]+$/, 'an instance OCID')
  .describe('OCID of the compute instance.')
const adbOcid = z
  .string()
  .regex(/^ocid1\.autonomousdatabase\.[a-z0-9-]+\.[a-z0-9-]*\.[a-z0-9]+$/, 'an Autonomous Database OCID')
  .describe('OCID of the Autonomous Database.')

export const troubleshootInstance = defineTool({
  name: 'skills_troubleshoot_instance',
  title: 'Troubleshoot a compute instance',
  description:
    'One call instead of many: reads the instance’s state, its CPU, memory and network over a recent window, the alarms on it, and the internet exposure of its subnets and NSGs, then gives a verdict (healthy, degraded, unhealthy, stopped) with the evidence for it and next steps. Use it first when someone says an instance is slow, down or unsafe.',
  input: z.object({
    instance_id: instanceOcid,
    window: windowField,
    region: regionField,
    response_format: responseFormat,
  }),
  output: z.object({
    instance_id: z.string(),
    display_name: z.string().optional(),
    lifecycle_state: z.string().optional(),
    ...verdictFields,
  }),
  access: 'read',
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: true },
})

export const troubleshootAutonomousDatabase = defineTool({
  name: 'skills_troubleshoot_autonomous_database',
  title: 'Troubleshoot an Autonomous Database',
  description:
    'One call instead of many: reads the Autonomous Database’s state and storage, its CPU, storage and failed-logon metrics over a recent window, and the alarms on it, then gives a verdict with evidence and next steps. Use it first when someone says a database is slow, full or refusing connections.',
  input: z.object({
    autonomous_database_id: adbOcid,
    window: windowField,
    region: regionField,
    response_format: responseFormat,
  }),
  output: z.object({
    autonomous_database_id: z.string(),
    display_name: z.string().optional(),
    lifecycle_state: z.string().optional(),
    ...verdictFields,
  }),
  access: 'read',
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: true },
})

export const costReport = defineTool({
  name: 'skills_cost_report',
  title: 'Cost report',
  description:
    'One call instead of five: what the tenancy (or one compartment subtree) spent over the last N days, by service and by compartment, the monthly trend with this and next month’s forecast, and the unusual days with why they are unusual — with highlights to act on. Use it for “what are we spending and is anything odd”.',
  input: z.object({
    days: z
      .number()
      .int()
      .min(7)
      .max(93)
      .default(30)
      .describe('How many complete days back to report on (7–93).'),
    compartment: z
      .string()
      .regex(/^[A-Za-z0-9._/-]{1,200}$/, 'a compartment path such as platform/prod')
      .optional()
      .describe(
        'Only this compartment and those below it, as a path from the tenancy, e.g. platform or platform/prod.',
      ),
    region: regionField,
    response_format: responseFormat,
  }),
  output: z.object({
    scope: z.string().describe('The tenancy, or the compartment path reported on.'),
    period: z.object({ start_date: z.string(), end_date: z.string(), days: z.number().int() }),
    currency: z.string(),
    total: z.number(),
    by_service: z.array(z.object({ name: z.string(), cost: z.number(), share_pct: z.number() })),
    by_compartment: z.array(z.object({ name: z.string(), cost: z.number(), share_pct: z.number() })),
    forecast: z.object({
      current_month: z.number().describe('Whole tenancy: the Usage API reports forecasts tenancy-wide.'),
      next_month: z.number(),
      method: z.string(),
    }),
    anomalies: z.array(
      z.object({
        day: z.string(),
        service: z.string(),
        compartment: z.string().optional(),
        cost: z.number(),
        explanation: z.string(),
      }),
    ),
    highlights: z.array(z.string()).describe('What stands out, most important first.'),
  }),
  access: 'read',
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: true },
})

export const catalog: GroupCatalog = {
  group: 'skills',
  title: 'Skills',
  description:
    'Composed workflows that answer a whole question in one call — troubleshoot an instance or an Autonomous Database, report on cost — with a verdict and the evidence behind it.',
  tools: [troubleshootInstance, troubleshootAutonomousDatabase, costReport],
  prompts: [
    {
      name: 'skills_incident_triage',
      title: 'Triage an incident',
      description:
        'Guides an agent from a vague complaint to a verdict with evidence, using the skills first.',
      arguments: [
        { name: 'complaint', description: 'What the user reported, in their words.', required: true },
      ],
      render: (a) =>
        [
          `A user reports: "${a.complaint}".`,
          'Triage it on Oracle Cloud Infrastructure:',
          '1. Identify the resource: use search_tools or compute_list_instances / database_list_autonomous_databases to find its OCID.',
          '2. Run the matching skill (skills_troubleshoot_instance or skills_troubleshoot_autonomous_database) with a window that covers when the problem started; for a complaint about spend, skills_cost_report.',
          '3. Report the verdict and the evidence exactly as found; do not guess beyond it.',
          '4. Propose next steps. Anything that changes resources (instance actions, stopping a database) needs the user’s explicit confirmation first.',
        ].join('\n'),
    },
  ],
}
