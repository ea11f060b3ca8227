// Where backends are declared: infra/routes.json's `backends` and a drop-in folder of *.json files.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import routes from '../../../infra/routes.json' with { type: 'json' }
import { setting } from '../../core/config.ts'
import { isMcpFunctionsError, McpFunctionsError } from '../../core/errors.ts'
import { assertUniqueNames, type BackendDeclaration, parseDeclarations } from './declaration.ts'

export interface LoadedBackends {
  backends: BackendDeclaration[]
  /** Sources that were refused, each naming its file and field; the rest still load. */
  problems: { file: string; field?: string; code: string; message: string }[]
}

const problemOf = (file: string, error: unknown) => {
  const e = isMcpFunctionsError(error)
    ? error
    : new McpFunctionsError('ERR_CONFIG_INVALID', `Backend declaration ${file}: ${(error as Error).message}`)
  return {
    file,
    field: typeof e.details?.field === 'string' ? e.details.field : undefined,
    code: e.code,
    message: e.message,
  }
}

/**
 * Reads every declaration. A bad file is reported and skipped — never a crash, and never a reason to stop
 * serving the router's own tools.
 */
export function loadBackends(
  env: NodeJS.ProcessEnv,
  spec: { backends?: unknown } = routes as { backends?: unknown },
): LoadedBackends {
  const backends: BackendDeclaration[] = []
  const problems: LoadedBackends['problems'] = []
  const add = (file: string, raw: unknown, base = '') => {
    try {
      const found = parseDeclarations(file, raw, base)
      assertUniqueNames([...backends, ...found])
      backends.push(...found)
    } catch (error) {
      problems.push(problemOf(file, error))
    }
  }
  if (spec.backends !== undefined) add('infra/routes.json', spec.backends, 'backends')
  const dir = setting('MCP_BACKENDS_DIR', env)
  if (dir) {
    let names: string[] = []
    try {
      names = readdirSync(dir)
        .filter((n) => n.endsWith('.json'))
        .sort()
    } catch (error) {
      // A folder that is not there is no backend, not a fault: the setting may name a mount that is empty.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') problems.push(problemOf(dir, error))
    }
    for (const name of names) {
      const file = join(dir, name)
      let raw: unknown
      try {
        raw = JSON.parse(readFileSync(file, 'utf8'))
      } catch (error) {
        problems.push(problemOf(file, new Error(`not readable JSON (${(error as Error).name})`)))
        continue
      }
      add(file, raw)
    }
  }
  return { backends, problems }
}
