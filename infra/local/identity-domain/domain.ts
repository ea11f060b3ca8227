// Facts about the emulated identity domain that its tokens repeat: tenant, domain, tenancy, region.
import {
  DOMAIN_ID,
  IDCS_TENANT,
  REGION,
  type SeedUser,
  subscribedRegions,
  TENANCY_ID,
  users,
} from '../seed.ts'

/**
 * The `iss` of every identity-domain token. IDCS uses this fixed value rather than the domain URL
 * (the per-domain URL travels in `tenant_iss`); API Gateway's documented issuer is the same.
 */
export const TOKEN_ISSUER = 'https://identity.oraclecloud.com/' as const

/** OCI security tokens (UPST, RPST) are issued by the auth service, not by the identity domain. */
export const SECURITY_TOKEN_ISSUER = 'authService.oracle.com'

export const DOMAIN_NAME = 'Default'
/** The tenancy's name (the `ca_name` claim); the seed has none, so the fixtures' value. */
export const TENANCY_NAME = 'exampletenancy'
export { DOMAIN_ID, IDCS_TENANT, TENANCY_ID }
export const HOME_REGION = REGION
/** IDCS names its regions apart from OCI's: us-ashburn-1 → us-ashburn-idcs-1 (`region_name`). */
export const IDCS_REGION_NAME = REGION.replace(/-(\d+)$/, '-idcs-$1')
const homeRegionKey = (
  subscribedRegions.find((r) => r.regionName === REGION)?.regionKey ?? 'IAD'
).toLowerCase()

/** The OCID of an identity-domain application (`client_ocid`), derived from its client GUID. */
export const applicationOcid = (guid: string) => `ocid1.domainapp.oc1.${homeRegionKey}.amaaaaaa${guid}`

/** A seeded user by IDCS user name, which IDCS matches case-insensitively. */
export const findUser = (userName: string): SeedUser | undefined =>
  users.find((u) => u.userName.toLowerCase() === userName.toLowerCase())
