// The compute group: its catalog bound to its handlers.
import type { GroupImplementation } from '../core/group-app.ts'
import { catalog } from './catalog.ts'
import { instanceActionTool } from './instance-action.ts'
import { getInstanceTool, listInstancesTool } from './instances.ts'
import { getInstanceMetricsTool } from './metrics.ts'
import { listImagesTool, listShapesTool } from './shapes-images.ts'

export const implementation: GroupImplementation = {
  catalog,
  tools: [
    listInstancesTool,
    getInstanceTool,
    instanceActionTool,
    getInstanceMetricsTool,
    listShapesTool,
    listImagesTool,
  ],
}
