// Compute, Networking, Database and Cloud Guard: the route tables of the infrastructure services, in one list.
import type { Route } from '../router.ts'
import { cloudGuardRoutes } from './cloudguard.ts'
import { coreComputeRoutes } from './core-compute.ts'
import { coreNetworkRoutes } from './core-network.ts'
import { databaseRoutes } from './database.ts'

export const infraRoutes: Route[] = [
  ...coreComputeRoutes,
  ...coreNetworkRoutes,
  ...databaseRoutes,
  ...cloudGuardRoutes,
]
