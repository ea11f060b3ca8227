// The security group: its catalog bound to its handlers.
import type { GroupImplementation } from '../core/group-app.ts'
import { analyzePoliciesTool } from './analyze.ts'
import { catalog } from './catalog.ts'
import { listCloudGuardProblemsTool } from './cloud-guard.ts'
import { listGroupsTool, listPoliciesTool, listUsersTool } from './iam.ts'

export const implementation: GroupImplementation = {
  catalog,
  tools: [listUsersTool, listGroupsTool, listPoliciesTool, analyzePoliciesTool, listCloudGuardProblemsTool],
}
