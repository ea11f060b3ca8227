// The objectstorage group: its catalog bound to its handlers and resource readers.
import type { GroupImplementation } from '../core/group-app.ts'
import { getNamespaceTool, listBucketsTool } from './buckets.ts'
import { catalog } from './catalog.ts'
import { listObjectsTool } from './list-objects.ts'
import { createParTool } from './par.ts'
import { getObjectTool, headObjectTool } from './read-object.ts'
import { resources } from './resources.ts'
import { deleteObjectTool, putObjectTool } from './write-object.ts'

export const implementation: GroupImplementation = {
  catalog,
  tools: [
    getNamespaceTool,
    listBucketsTool,
    listObjectsTool,
    headObjectTool,
    getObjectTool,
    putObjectTool,
    deleteObjectTool,
    createParTool,
  ],
  resources,
}
