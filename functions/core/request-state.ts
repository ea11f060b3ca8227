// The requestState of a 2026-07-28 multi-round-trip request: HMAC-SHA256 signed, bound to caller, tool and arguments, short-lived.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { setting } from './config.ts'
import { McpFunctionsError } from './errors.ts'
import { resolveSecret } from './secrets.ts'

/** Long enough to read a confirmation prompt, short enough that a leaked state is soon worthless. */
export const REQUEST_STATE_TTL_MS = 5 * 60_000
const PREFIX = 'v1.'
const MIN_KEY_BYTES = 32

/** What a state is good for: this caller, this tool, these arguments. */
export interface StateBinding {
  sub: string
  tool: string
  /** Digest of the tool's parsed arguments (canonical JSON), as audit.ts computes it. */
  argsDigest: string
}

/** Why a state was refused; rides in the error's details so tests and clients need no message text. */
export type StateRefusal = 'malformed' | 'signature' | 'expired' | 'caller' | 'tool' | 'arguments'

interface Payload {
  /** The purpose, so a state minted for something else later can never pass as a confirmation. */
  k: 'confirm'
  /** SHA-256 of the caller's sub: the client reads the (signed, not encrypted) body, so no identity in clear. */
  s: string
  t: string
  a: string
  exp: number
}

let processKey: Buffer | undefined
/** The key read from Vault (MCP_REQUEST_STATE_KEY_OCID), kept for the container's life like any secret here. */
let vaultKey: { ocid: string; key: Buffer } | undefined

function checkedKey(value: string, name: string): Buffer {
  const key = Buffer.from(value, 'utf8')
  if (key.length < MIN_KEY_BYTES)
    throw new McpFunctionsError('ERR_CONFIG_INVALID', `${name} must be at least ${MIN_KEY_BYTES} bytes`)
  return key
}

/**
 * Reads the Vault key named by MCP_REQUEST_STATE_KEY_OCID once per container, before a confirmation is sealed or
 * opened, so that both stay synchronous. Nothing to do with a literal key or none.
 */
export async function loadRequestStateKey(env: NodeJS.ProcessEnv): Promise<void> {
  const ocid = setting('MCP_REQUEST_STATE_KEY_OCID', env)
  if (setting('MCP_REQUEST_STATE_KEY', env) !== undefined || !ocid || vaultKey?.ocid === ocid) return
  const value = await resolveSecret(env, 'MCP_REQUEST_STATE_KEY', 'MCP_REQUEST_STATE_KEY_OCID')
  vaultKey = { ocid, key: checkedKey(value ?? '', 'The MCP_REQUEST_STATE_KEY_OCID secret') }
}

function stateKey(env: NodeJS.ProcessEnv): Buffer {
  const configured = setting('MCP_REQUEST_STATE_KEY', env)
  if (configured !== undefined) return checkedKey(configured, 'MCP_REQUEST_STATE_KEY')
  const ocid = setting('MCP_REQUEST_STATE_KEY_OCID', env)
  if (ocid) {
    if (vaultKey?.ocid !== ocid)
      throw new McpFunctionsError('ERR_CONFIG_INVALID', 'The request-state key was not loaded from Vault')
    return vaultKey.key
  }
  // Unconfigured, each process signs with its own random key. That is still safe: a state is only ever accepted by
  // the process that minted it, and nothing outside it can forge one. It is not enough once a function scales out:
  // the confirming round may land in another container, which cannot verify the state and refuses it (the caller
  // then has to start over). Deployments set MCP_REQUEST_STATE_KEY_OCID; the local stack a shared key.
  processKey ??= randomBytes(MIN_KEY_BYTES)
  return processKey
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64url')
const mac = (key: Buffer, body: string) =>
  createHmac('sha256', key)
    .update(PREFIX + body)
    .digest()

const refuse = (reason: StateRefusal, message: string) =>
  new McpFunctionsError('ERR_CONFIRMATION_INVALID', message, {
    hint: 'Call the tool again without inputResponses and requestState to be asked afresh.',
    details: { reason },
  })

/** A state for the given binding, valid for REQUEST_STATE_TTL_MS from `now`. */
export function sealRequestState(binding: StateBinding, env: NodeJS.ProcessEnv, now = Date.now()): string {
  const payload: Payload = {
    k: 'confirm',
    s: sha256(binding.sub),
    t: binding.tool,
    a: binding.argsDigest,
    exp: now + REQUEST_STATE_TTL_MS,
  }
  const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url')
  return `${PREFIX}${body}.${mac(stateKey(env), body).toString('base64url')}`
}

/** Checks a state a client echoed back; throws ERR_CONFIRMATION_INVALID (details.reason) unless it fits `expected`. */
export function openRequestState(
  state: string,
  expected: StateBinding,
  env: NodeJS.ProcessEnv,
  now = Date.now(),
): void {
  const dot = state.lastIndexOf('.')
  if (!state.startsWith(PREFIX) || dot <= PREFIX.length)
    throw refuse('malformed', 'The requestState is not one this server issued')
  const body = state.slice(PREFIX.length, dot)
  const given = Buffer.from(state.slice(dot + 1), 'base64url')
  const wanted = mac(stateKey(env), body)
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted))
    throw refuse('signature', 'The requestState was altered or was issued by another server')
  let payload: Payload
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Payload
  } catch {
    throw refuse('malformed', 'The requestState is not one this server issued')
  }
  if (payload.k !== 'confirm' || typeof payload.exp !== 'number')
    throw refuse('malformed', 'The requestState is not a confirmation')
  if (payload.exp <= now) throw refuse('expired', 'The confirmation expired')
  if (payload.s !== sha256(expected.sub))
    throw refuse('caller', 'The requestState was issued to another caller')
  if (payload.t !== expected.tool)
    throw refuse('tool', `The requestState confirms another tool, not ${expected.tool}`)
  if (payload.a !== expected.argsDigest)
    throw refuse('arguments', 'The requestState confirms other arguments than these')
}
