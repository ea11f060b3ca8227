// Every group's catalog — and nothing else of theirs: the router must load no handler and no OCI SDK client.
import type { GroupCatalog } from '../core/catalog.ts'
import { catalog as identity } from '../identity/catalog.ts'
import { catalog as objectstorage } from '../objectstorage/catalog.ts'

export const GROUP_CATALOGS: readonly GroupCatalog[] = [objectstorage, identity]

export const GROUP_NAMES = GROUP_CATALOGS.map((c) => c.group)
