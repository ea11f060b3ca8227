// The cost group: its catalog bound to its handlers.
import type { GroupImplementation } from '../core/group-app.ts'
import { catalog } from './catalog.ts'
import {
  costByCompartmentTool,
  costByServiceTool,
  detectAnomaliesTool,
  monthlyTrendTool,
  summarizeUsageTool,
} from './tools.ts'

export const implementation: GroupImplementation = {
  catalog,
  tools: [
    summarizeUsageTool,
    costByServiceTool,
    costByCompartmentTool,
    monthlyTrendTool,
    detectAnomaliesTool,
  ],
}
