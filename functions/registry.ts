// Every deployable function and how to load it; each loader is a separate chunk in the bundle.
export const FUNCTIONS: Record<string, () => Promise<unknown>> = {
  router: () => import('./router/index.ts'),
  objectstorage: () => import('./objectstorage/index.ts'),
  identity: () => import('./identity/index.ts'),
  database: () => import('./database/index.ts'),
  observability: () => import('./observability/index.ts'),
  compute: () => import('./compute/index.ts'),
  network: () => import('./network/index.ts'),
  skills: () => import('./skills/index.ts'),
  cost: () => import('./cost/index.ts'),
  security: () => import('./security/index.ts'),
  integration: () => import('./integration/index.ts'),
  events: () => import('./events/index.ts'),
  oauth: () => import('./oauth/index.ts'),
}

export const FUNCTION_NAMES = Object.keys(FUNCTIONS)
