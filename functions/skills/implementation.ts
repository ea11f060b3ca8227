// The skills group: composed workflows bound to their implementations.
import type { GroupImplementation } from '../core/group-app.ts'
import { catalog } from './catalog.ts'
import { costReportTool } from './cost-report.ts'
import { troubleshootAdbTool } from './troubleshoot-adb.ts'
import { troubleshootInstanceTool } from './troubleshoot-instance.ts'

export const implementation: GroupImplementation = {
  catalog,
  tools: [troubleshootInstanceTool, troubleshootAdbTool, costReportTool],
}
