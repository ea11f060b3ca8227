// The observability group: its catalog bound to its handlers.
import type { GroupImplementation } from '../core/group-app.ts'
import { getAlarmHistoryTool, listAlarmsTool } from './alarms.ts'
import { catalog } from './catalog.ts'
import { searchLogsTool } from './logs.ts'
import { listMetricNamespacesTool, listMetricsTool } from './metrics.ts'
import { summarizeMetricsTool } from './summarize.ts'

export const implementation: GroupImplementation = {
  catalog,
  tools: [
    listMetricNamespacesTool,
    listMetricsTool,
    summarizeMetricsTool,
    listAlarmsTool,
    getAlarmHistoryTool,
    searchLogsTool,
  ],
}
