// Oracle Integration monitoring tools as the router sees them: message summary, metrics, errored instances, resubmission.
import { z } from 'zod'
import { cursorField, defineTool, type GroupCatalog, pageInfo, responseFormat } from '../core/catalog.ts'

export const timeWindows = ['1h', '6h', '1d', '2d', '3d', 'RETENTIONPERIOD'] as const

/** OIC integration identifiers are CODE|VERSION, e.g. ORDER_SYNC|01.00.0000. */
export const INTEGRATION_ID = /^[A-Z0-9][A-Z0-9_]{0,49}\|\d{2}\.\d{2}\.\d{4}$/
const integrationId = z
  .string()
  .regex(INTEGRATION_ID, 'an integration id CODE|VERSION such as ORDER_SYNC|01.00.0000')
  .describe('Integration identifier CODE|VERSION, e.g. ORDER_SYNC|01.00.0000.')
const errorId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'an errored instance id as integration_list_errored_instances returns it')
  .describe('The errored instance’s id, from integration_list_errored_instances.')
const timeWindow = (fallback: (typeof timeWindows)[number]) =>
  z
    .enum(timeWindows)
    .default(fallback)
    .describe('How far back: 1h, 6h, 1d, 2d, 3d, or RETENTIONPERIOD (everything OIC still keeps).')

const readOnly = { readOnlyHint: true, idempotentHint: true, openWorldHint: true } as const
const count = z.number().int()
const time = z.string().describe('Time as OIC gives it.')

export const getMessageSummary = defineTool({
  name: 'integration_get_message_summary',
  title: 'Integration message summary',
  description:
    'Counts of messages (integration instances) across the Oracle Integration instance: total, processed, succeeded, errored, aborted. Start monitoring here; if errored is above 0, find which integration with integration_get_message_metrics, then the failures with integration_list_errored_instances.',
  input: z.object({
    time_window: z
      .enum(timeWindows)
      .optional()
      .describe('Only messages in this window (1h … 3d); omit for everything OIC still keeps.'),
    response_format: responseFormat,
  }),
  output: z.object({
    time_window: z.string().describe('The window counted; RETENTIONPERIOD when none was given.'),
    integration_instance: z.string().optional().describe('The OIC service instance queried.'),
    data_fetch_time: time.optional(),
    total: count,
    processed: count,
    succeeded: count,
    errored: count,
    aborted: count,
    success_rate_pct: z
      .number()
      .nullable()
      .describe('succeeded ÷ processed × 100; null when nothing was processed.'),
  }),
  access: 'read',
  annotations: readOnly,
})

const metrics = z.object({
  id: z.string().describe('CODE|VERSION'),
  code: z.string(),
  version: z.string(),
  name: z.string().optional(),
  status: z.string().optional(),
  received: count,
  processed: count,
  succeeded: count,
  errored: count,
  aborted: count.optional(),
  success_rate_pct: z.number().nullable(),
  last_updated: time.optional(),
})

export const getMessageMetrics = defineTool({
  name: 'integration_get_message_metrics',
  title: 'Integration message metrics',
  description:
    'Messages received, processed, succeeded and errored, and the success rate, for one integration (CODE|VERSION) or, without integration_id, for every integration (most errors first), over a time window. Use it to find the failing integration, then integration_list_errored_instances with its id.',
  input: z.object({
    integration_id: integrationId.optional().describe('One integration, CODE|VERSION; omit for all of them.'),
    time_window: timeWindow('1d'),
    response_format: responseFormat,
  }),
  output: z.object({ time_window: z.enum(timeWindows), integrations: z.array(metrics) }),
  access: 'read',
  annotations: readOnly,
})

export const listErroredInstances = defineTool({
  name: 'integration_list_errored_instances',
  title: 'List errored integration instances',
  description:
    'Lists integration instances that failed in a time window (default 1h), most recently updated first, with the error message, business identifier, whether it is recoverable and how often it was retried. Paged: pass next_cursor back as cursor with the same arguments. Only recoverable ones can be resubmitted (integration_resubmit_errored_instance), after a human agrees.',
  input: z.object({
    time_window: timeWindow('1h'),
    integration_id: integrationId.optional().describe('Only instances of this integration, CODE|VERSION.'),
    limit: z.number().int().min(1).max(100).default(25).describe('Most instances to return (1–100).'),
    cursor: cursorField,
    response_format: responseFormat,
  }),
  output: z.object({
    time_window: z.enum(timeWindows),
    total_results: count.optional().describe('How many errored instances the window holds, when OIC says.'),
    instances: z.array(
      z.object({
        id: z.string().describe('Errored instance id; pass to integration_resubmit_errored_instance.'),
        integration_id: z.string().optional(),
        integration_name: z.string().optional(),
        status: z.string().optional(),
        error_message: z.string().optional(),
        fault_id: z.string().optional(),
        recoverable: z.boolean().optional(),
        retry_count: count.optional(),
        primary_name: z.string().optional().describe('Business identifier name, e.g. orderId.'),
        primary_value: z.string().optional(),
        creation_date: time.optional(),
        last_tracked_time: time.optional(),
      }),
    ),
    ...pageInfo,
  }),
  access: 'read',
  annotations: readOnly,
})

export const resubmitErroredInstance = defineTool({
  name: 'integration_resubmit_errored_instance',
  title: 'Resubmit an errored integration instance',
  description:
    'Resubmits one recoverable errored instance: Oracle Integration runs it again from the failed step. This repeats its effects on the target systems (an order may be sent twice if it partly went through), so only resubmit after the cause is fixed and a human has confirmed. Reports whether OIC accepted the resubmission; check the outcome later with integration_list_errored_instances.',
  input: z.object({ error_id: errorId, response_format: responseFormat }),
  output: z.object({
    error_id: z.string(),
    accepted: z.boolean().describe('Whether OIC accepted the resubmission.'),
    http_status: count,
    outcome: z.string().describe('What happened, in words.'),
    recovery_job_id: z.string().optional(),
  }),
  access: 'write',
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
})

const monitoringAgent = {
  name: 'integration_monitoring_agent',
  title: 'Oracle Integration monitoring agent',
  description:
    'Walks an agent through monitoring Oracle Integration: summary, metrics, errored instances, and a resubmission policy that needs human confirmation.',
  arguments: [
    { name: 'time_window', description: 'Window to examine: 1h, 6h, 1d, 2d, 3d (default 1d).' },
    { name: 'integration_id', description: 'Optional integration CODE|VERSION to focus on.' },
  ],
  render: (args: Record<string, string>) => {
    const window = (timeWindows as readonly string[]).includes(args.time_window) ? args.time_window : '1d'
    const focus = args.integration_id ? ` Focus on ${args.integration_id}.` : ''
    return `You are the monitoring agent for an Oracle Integration (OIC) instance. Time window: ${window}.${focus}

1. Summary — call integration_get_message_summary. Report total, succeeded, errored and aborted, and the success rate. If nothing errored, say so and stop.
2. Metrics — call integration_get_message_metrics (time_window ${window}${args.integration_id ? `, integration_id ${args.integration_id}` : ''}). Name the integrations with errors, their error counts and success rates, worst first.
3. Errored instances — call integration_list_errored_instances for each failing integration (same window). Group the failures by error message; for each group give the count, the business identifiers (primary_name = primary_value), whether they are recoverable and their retry counts. Page with next_cursor until you have them all or 100.
4. Diagnose — from the messages, say whether the cause is transient (timeouts, HTTP 5xx/429, a target that was down) or permanent (mapping errors, invalid data, HTTP 4xx, authentication). Permanent causes must be fixed first; resubmitting them only fails again.
5. Resubmission policy — propose resubmitting only instances that are recoverable, failed for a transient reason, and have been retried fewer than 3 times. List exactly which ids you propose and why, and warn that a resubmission repeats the integration's effects on target systems.
6. Wait for explicit human confirmation naming the ids (or "all proposed"). Without it, do not call integration_resubmit_errored_instance. With it, resubmit one id at a time, report each outcome, and stop at the first refusal.
7. Finish with a short report: health, failing integrations, causes, what was resubmitted (with outcomes), and what needs a person.`
  },
}

export const catalog: GroupCatalog = {
  group: 'integration',
  title: 'Oracle Integration',
  description:
    'Monitoring of an Oracle Integration (OIC) instance: message summary, per-integration metrics, errored instances, and resubmission of recoverable failures (write, with human confirmation).',
  tools: [getMessageSummary, getMessageMetrics, listErroredInstances, resubmitErroredInstance],
  prompts: [monitoringAgent],
}
