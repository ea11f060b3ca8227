// The identity group: its catalog bound to its handlers.
import type { GroupImplementation } from '../core/group-app.ts'
import { catalog } from './catalog.ts'
import { listCompartmentsTool } from './compartments.ts'
import { getTenancyTool, listRegionSubscriptionsTool } from './tenancy.ts'
import { getTokenClaimsTool, whoamiTool } from './whoami.ts'

export const implementation: GroupImplementation = {
  catalog,
  tools: [whoamiTool, getTokenClaimsTool, getTenancyTool, listCompartmentsTool, listRegionSubscriptionsTool],
}
