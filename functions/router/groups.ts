// Every group's catalog — and nothing else of theirs: the router must load no handler and no OCI SDK client.

import { catalog as compute } from '../compute/catalog.ts'
import type { GroupCatalog } from '../core/catalog.ts'
import { catalog as cost } from '../cost/catalog.ts'
import { catalog as database } from '../database/catalog.ts'
import { catalog as identity } from '../identity/catalog.ts'
import { catalog as integration } from '../integration/catalog.ts'
import { catalog as network } from '../network/catalog.ts'
import { catalog as objectstorage } from '../objectstorage/catalog.ts'
import { catalog as observability } from '../observability/catalog.ts'
import { catalog as security } from '../security/catalog.ts'
import { catalog as skills } from '../skills/catalog.ts'

export const GROUP_CATALOGS: readonly GroupCatalog[] = [
  objectstorage,
  identity,
  compute,
  network,
  database,
  observability,
  cost,
  security,
  integration,
  skills,
]

export const GROUP_NAMES = GROUP_CATALOGS.map((c) => c.group)
