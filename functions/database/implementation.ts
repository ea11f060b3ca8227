// The database group: its catalog bound to its handlers.
import type { GroupImplementation } from '../core/group-app.ts'
import { getAutonomousDatabaseTool, listAutonomousDatabasesTool } from './autonomous.ts'
import { listBackupsTool } from './backups.ts'
import { catalog } from './catalog.ts'
import { listDbSystemsTool } from './db-systems.ts'
import { startAutonomousDatabaseTool, stopAutonomousDatabaseTool } from './power.ts'

export const implementation: GroupImplementation = {
  catalog,
  tools: [
    listAutonomousDatabasesTool,
    getAutonomousDatabaseTool,
    startAutonomousDatabaseTool,
    stopAutonomousDatabaseTool,
    listDbSystemsTool,
    listBackupsTool,
  ],
}
