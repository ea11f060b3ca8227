// Object Storage on its real REST paths: the service's route table; handlers live in the objectstorage-* files.
import type { Route } from '../router.ts'
import {
  authorizeCreateBucket,
  authorizeListBuckets,
  createBucket,
  getBucket,
  getNamespace,
  listBuckets,
} from './objectstorage-buckets.ts'
import { denyAsBucketNotFound, onBucket } from './objectstorage-common.ts'
import {
  deleteObject,
  getObject,
  headObject,
  listObjects,
  objectExists,
  putObject,
} from './objectstorage-objects.ts'
import {
  authenticatePar,
  authorizeCreatePar,
  createPar,
  deletePar,
  getPar,
  listPars,
} from './objectstorage-par.ts'

const bucketRoute = { service: 'objectstorage', deny: denyAsBucketNotFound } as const
const OBJECT = '/n/{namespaceName}/b/{bucketName}/o/{objectName+}'
const PAR_OBJECT = '/p/{par}/n/{namespaceName}/b/{bucketName}/o/{objectName+}'

export const objectStorageRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/n',
    operation: 'GetNamespace',
    service: 'objectstorage',
    authorize: null,
    handle: getNamespace,
  },
  {
    method: 'GET',
    pattern: '/n/{namespaceName}/b',
    operation: 'ListBuckets',
    service: 'objectstorage',
    authorize: authorizeListBuckets,
    handle: listBuckets,
  },
  {
    method: 'POST',
    pattern: '/n/{namespaceName}/b',
    operation: 'CreateBucket',
    service: 'objectstorage',
    authorize: authorizeCreateBucket,
    handle: createBucket,
  },
  {
    method: 'GET',
    pattern: '/n/{namespaceName}/b/{bucketName}',
    operation: 'GetBucket',
    ...bucketRoute,
    authorize: onBucket('read', 'buckets'),
    handle: getBucket,
  },
  {
    method: 'GET',
    pattern: '/n/{namespaceName}/b/{bucketName}/o',
    operation: 'ListObjects',
    ...bucketRoute,
    authorize: onBucket('inspect', 'objects'),
    handle: listObjects,
  },
  {
    method: 'HEAD',
    pattern: OBJECT,
    operation: 'HeadObject',
    ...bucketRoute,
    authorize: onBucket('read', 'objects'),
    handle: headObject,
  },
  {
    method: 'GET',
    pattern: OBJECT,
    operation: 'GetObject',
    ...bucketRoute,
    authorize: onBucket('read', 'objects'),
    handle: getObject,
  },
  {
    method: 'PUT',
    pattern: OBJECT,
    operation: 'PutObject',
    ...bucketRoute,
    unsignedBody: true,
    // OBJECT_OVERWRITE comes with `use objects`, OBJECT_CREATE only with `manage objects`.
    authorize: (ctx) => onBucket(objectExists(ctx) ? 'use' : 'manage', 'objects')(ctx),
    handle: putObject,
  },
  {
    method: 'DELETE',
    pattern: OBJECT,
    operation: 'DeleteObject',
    ...bucketRoute,
    authorize: onBucket('manage', 'objects'),
    handle: deleteObject,
  },
  {
    method: 'POST',
    pattern: '/n/{namespaceName}/b/{bucketName}/p',
    operation: 'CreatePreauthenticatedRequest',
    ...bucketRoute,
    authorize: authorizeCreatePar,
    handle: createPar,
  },
  {
    method: 'GET',
    pattern: '/n/{namespaceName}/b/{bucketName}/p',
    operation: 'ListPreauthenticatedRequests',
    ...bucketRoute,
    authorize: onBucket('inspect', 'buckets'),
    handle: listPars,
  },
  {
    method: 'GET',
    pattern: '/n/{namespaceName}/b/{bucketName}/p/{parId}',
    operation: 'GetPreauthenticatedRequest',
    ...bucketRoute,
    authorize: onBucket('read', 'buckets'),
    handle: getPar,
  },
  {
    method: 'DELETE',
    pattern: '/n/{namespaceName}/b/{bucketName}/p/{parId}',
    operation: 'DeletePreauthenticatedRequest',
    ...bucketRoute,
    authorize: onBucket('manage', 'buckets'),
    handle: deletePar,
  },
  // Access through a pre-authenticated request: no signature, the token in the path is the credential.
  {
    method: 'GET',
    pattern: '/p/{par}/n/{namespaceName}/b/{bucketName}/o',
    operation: 'ListObjects',
    ...bucketRoute,
    authenticate: authenticatePar,
    authorize: null,
    handle: listObjects,
  },
  {
    method: 'HEAD',
    pattern: PAR_OBJECT,
    operation: 'HeadObject',
    ...bucketRoute,
    authenticate: authenticatePar,
    authorize: null,
    handle: headObject,
  },
  {
    method: 'GET',
    pattern: PAR_OBJECT,
    operation: 'GetObject',
    ...bucketRoute,
    authenticate: authenticatePar,
    authorize: null,
    handle: getObject,
  },
  {
    method: 'PUT',
    pattern: PAR_OBJECT,
    operation: 'PutObject',
    ...bucketRoute,
    authenticate: authenticatePar,
    authorize: null,
    handle: putObject,
  },
]
