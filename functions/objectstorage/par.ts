// objectstorage_create_par: a pre-authenticated URL for one object or a prefix, for transfers too big for a tool result.
import { randomUUID } from 'node:crypto'
import { models } from 'oci-objectstorage'
import { McpFunctionsError } from '../core/errors.ts'
import { mdFields } from '../core/format.ts'
import { ociCall } from '../core/oci-clients.ts'
import { implement } from '../core/tool-runner.ts'
import { isoTime } from '../core/values.ts'
import { createPar } from './catalog.ts'
import { objectStorageTarget } from './namespace.ts'

const AccessType = models.CreatePreauthenticatedRequestDetails.AccessType
/** A prefix or whole-bucket PAR uses the AnyObject* access types; the object name then acts as the prefix. */
const PREFIX_ACCESS = {
  ObjectRead: AccessType.AnyObjectRead,
  ObjectWrite: AccessType.AnyObjectWrite,
  ObjectReadWrite: AccessType.AnyObjectReadWrite,
} as const

export const createParTool = implement(createPar, async (input, ctx) => {
  const forObject = input.object_name !== undefined
  if (forObject === (input.prefix !== undefined)) {
    throw new McpFunctionsError('ERR_INPUT_INVALID', 'Give exactly one of object_name and prefix', {
      hint: 'object_name for one object; prefix for every object under it ("" for the whole bucket).',
    })
  }
  if (input.allow_listing && (forObject || input.access === 'ObjectWrite')) {
    throw new McpFunctionsError('ERR_INPUT_INVALID', 'allow_listing needs a prefix and read access', {
      hint: 'Drop allow_listing, or use prefix with access ObjectRead or ObjectReadWrite.',
    })
  }
  const { client, namespace } = await objectStorageTarget(ctx, input)
  const accessType = forObject ? AccessType[input.access] : PREFIX_ACCESS[input.access]
  const target = forObject ? input.object_name : input.prefix || undefined
  const name =
    input.name ??
    `mcp-${ctx.caller.claims.sub.replace(/[^\w.-]/g, '_').slice(0, 60)}-${randomUUID().slice(0, 8)}`
  const r = await ociCall(ctx, `Creating a pre-authenticated request on bucket ${input.bucket}`, () =>
    client.createPreauthenticatedRequest({
      namespaceName: namespace,
      bucketName: input.bucket,
      createPreauthenticatedRequestDetails: {
        name,
        accessType,
        objectName: target,
        bucketListingAction: forObject ? undefined : input.allow_listing ? 'ListObjects' : 'Deny',
        timeExpires: new Date(Date.now() + input.expires_in_minutes * 60_000),
      },
    }),
  )
  const par = r.preauthenticatedRequest
  const url = `${client.endpoint.replace(/\/+$/, '')}${par.accessUri}`
  const data = {
    id: par.id,
    name: par.name,
    url,
    access_type: String(par.accessType),
    ...(forObject ? { object_name: input.object_name } : { prefix: input.prefix }),
    time_expires: isoTime(par.timeExpires) as string,
  }
  const what = forObject
    ? `object \`${input.object_name}\``
    : `objects under \`${input.prefix || '(whole bucket)'}\``
  return {
    data,
    markdown: `Pre-authenticated request for ${what} in \`${input.bucket}\`\n\n${mdFields([
      ['URL', url],
      ['Access', data.access_type],
      ['Expires', data.time_expires],
      ['PAR id', par.id],
    ])}\n\nThe URL is a bearer credential: anyone holding it has this access until it expires.${forObject ? '' : ' Append the object name to the URL.'}`,
  }
})
