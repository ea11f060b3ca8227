// The network group: its catalog bound to its handlers.
import type { GroupImplementation } from '../core/group-app.ts'
import { analyzeExposureTool } from './analyze-exposure.ts'
import { catalog } from './catalog.ts'
import { listNetworkSecurityGroupsTool, listSecurityListsTool } from './security.ts'
import { listRouteTablesTool, listSubnetsTool, listVcnsTool } from './vcns.ts'

export const implementation: GroupImplementation = {
  catalog,
  tools: [
    listVcnsTool,
    listSubnetsTool,
    listRouteTablesTool,
    listSecurityListsTool,
    listNetworkSecurityGroupsTool,
    analyzeExposureTool,
  ],
}
