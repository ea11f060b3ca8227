// Every group's implementation, loaded on demand — for hosts that run all groups in one process (stdio).
import type { GroupImplementation } from './core/group-app.ts'

export const IMPLEMENTATIONS: Record<string, () => Promise<GroupImplementation>> = {
  objectstorage: async () => (await import('./objectstorage/implementation.ts')).implementation,
  identity: async () => (await import('./identity/implementation.ts')).implementation,
  database: async () => (await import('./database/implementation.ts')).implementation,
  observability: async () => (await import('./observability/implementation.ts')).implementation,
  compute: async () => (await import('./compute/implementation.ts')).implementation,
  network: async () => (await import('./network/implementation.ts')).implementation,
  skills: async () => (await import('./skills/implementation.ts')).implementation,
  cost: async () => (await import('./cost/implementation.ts')).implementation,
  security: async () => (await import('./security/implementation.ts')).implementation,
  integration: async () => (await import('./integration/implementation.ts')).implementation,
}
