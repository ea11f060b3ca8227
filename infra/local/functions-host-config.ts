// The local functions host's knobs (start timeout, containers per function) and its coded errors.
import { availableParallelism, loadavg } from 'node:os'

export type FunctionsHostErrorCode =
  | 'ERR_FN_START_TIMEOUT'
  | 'ERR_FN_START_EXITED'
  | 'ERR_FN_CONFIG'
  | 'ERR_FN_STOPPED'

export class FunctionsHostError extends Error {
  constructor(
    readonly code: FunctionsHostErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'FunctionsHostError'
  }
}

export const START_TIMEOUT_ENV = 'MCP_LOCAL_START_TIMEOUT_MS'
export const MAX_CONTAINERS_ENV = 'MCP_LOCAL_MAX_CONTAINERS'

const BASE_START_TIMEOUT_MS = 120_000
const MAX_DEFAULT_START_TIMEOUT_MS = 600_000

function positiveInt(name: string, raw: string): number {
  const n = Number(raw)
  if (!Number.isInteger(n) || n <= 0)
    throw new FunctionsHostError('ERR_FN_CONFIG', `${name} must be a positive whole number, not '${raw}'`)
  return n
}

/**
 * How long a container may take to listen. The platform allows 5 s, but a cold start here competes with every
 * other process on the machine: the default is 120 s, stretched by the load per core (up to 10 minutes).
 */
export function startTimeoutFrom(options: { startTimeoutMs?: number }, env: NodeJS.ProcessEnv): number {
  if (options.startTimeoutMs !== undefined) return options.startTimeoutMs
  const raw = env[START_TIMEOUT_ENV]
  if (raw) return positiveInt(START_TIMEOUT_ENV, raw)
  const loadPerCore = loadavg()[0] / availableParallelism()
  return Math.min(MAX_DEFAULT_START_TIMEOUT_MS, Math.round(BASE_START_TIMEOUT_MS * Math.max(1, loadPerCore)))
}

/** Containers per function, like Fn scaling out when calls queue; 2 keeps a slow call from blocking the rest. */
export function maxContainersFrom(options: { maxContainers?: number }, env: NodeJS.ProcessEnv): number {
  if (options.maxContainers !== undefined) return positiveInt('maxContainers', String(options.maxContainers))
  const raw = env[MAX_CONTAINERS_ENV]
  return raw ? positiveInt(MAX_CONTAINERS_ENV, raw) : 2
}
