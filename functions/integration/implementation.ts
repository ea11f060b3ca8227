// The integration group: its catalog bound to its handlers.
import type { GroupImplementation } from '../core/group-app.ts'
import { catalog } from './catalog.ts'
import { listErroredInstancesTool, resubmitErroredInstanceTool } from './errored.ts'
import { getMessageMetricsTool, getMessageSummaryTool } from './monitoring.ts'

export const implementation: GroupImplementation = {
  catalog,
  tools: [
    getMessageSummaryTool,
    getMessageMetricsTool,
    listErroredInstancesTool,
    resubmitErroredInstanceTool,
  ],
}
