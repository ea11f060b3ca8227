// Confirmation of destructive tools on 2026-07-28: the first round asks (an elicitation input request), the tool runs
// only on a confirming round that carries the user's acceptance and the requestState the first round issued.
import { argsDigest, audit } from './audit.ts'
import type { ToolSpec } from './catalog.ts'
import { McpFunctionsError } from './errors.ts'
import { INVALID_PARAMS, JsonRpcError } from './jsonrpc.ts'
import type { RequestContext } from './protocol.ts'
import { openRequestState, type StateBinding, sealRequestState } from './request-state.ts'
import { type CallToolResult, errorResult } from './tool-runner.ts'

/** The key of the one input request a confirmation carries, in inputRequests and inputResponses. */
export const CONFIRM_KEY = 'confirm'

export interface InputRequiredResult {
  resultType: 'input_required'
  inputRequests: Record<string, { method: 'elicitation/create'; params: Record<string, unknown> }>
  requestState: string
  [key: string]: unknown
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Whether this request can be asked: a 2026-07-28 request whose client declared form elicitation. A bare
 * `elicitation: {}` means form mode (the 2.x SDK reads it so). Older clients keep running without a round.
 */
export function canConfirm(ctx: RequestContext): boolean {
  if (!ctx.protocol?.modern) return false
  const elicitation = ctx.protocol.clientCapabilities?.elicitation
  if (!isObject(elicitation)) return false
  return Object.keys(elicitation).length === 0 || isObject(elicitation.form)
}

/** What the call will change, in the words of the tool's catalog, else its arguments. */
export function describeChange(spec: ToolSpec, input: Record<string, unknown>): string {
  if (spec.describeChange) return spec.describeChange(input)
  const shown = Object.entries(input)
    .filter(([k, v]) => k !== 'response_format' && v !== undefined)
    .map(([k, v]) => {
      const text = typeof v === 'string' ? v : JSON.stringify(v)
      return `${k}=${text.length > 120 ? `${text.slice(0, 117)}…` : text}`
    })
  return `calls ${spec.name} with ${shown.join(', ') || 'no arguments'}`
}

function inputRequired(spec: ToolSpec, change: string, state: string): InputRequiredResult {
  return {
    resultType: 'input_required',
    inputRequests: {
      [CONFIRM_KEY]: {
        method: 'elicitation/create',
        params: {
          mode: 'form',
          message: `Confirm ${spec.name} (${spec.title}): it ${change}. This changes OCI resources and may not be undoable.`,
          requestedSchema: {
            type: 'object',
            properties: {
              [CONFIRM_KEY]: {
                type: 'boolean',
                title: `Run ${spec.name}`,
                description: `Yes: it ${change}.`,
                default: false,
              },
            },
            required: [CONFIRM_KEY],
          },
        },
      },
    },
    requestState: state,
  }
}

/** A refused round is audited like a refused call: nothing ran, and who tried what is on record. */
function refuse(spec: ToolSpec, ctx: RequestContext, functionName: string, args: unknown, code: string) {
  audit({
    callId: ctx.callId,
    function: functionName,
    tool: spec.name,
    trigger: 'mcp',
    principal: { sub: ctx.caller.claims.sub, client_id: ctx.caller.claims.client_id },
    args,
    outcome: 'denied',
    errorCode: code,
    durationMs: 0,
    opcRequestIds: [],
  })
}

/**
 * Decides one call of a destructive tool from a client that can be asked: the result to answer with (the question,
 * or a decline), or undefined when this is the confirmed round and the tool may run. A state that is tampered,
 * expired, or issued for another caller, tool or arguments is a protocol error (-32602), as the 2.x SDK answers it.
 */
export function confirmationGate(
  spec: ToolSpec,
  input: Record<string, unknown>,
  ctx: RequestContext,
  functionName: string,
): CallToolResult | InputRequiredResult | undefined {
  const binding: StateBinding = { sub: ctx.caller.claims.sub, tool: spec.name, argsDigest: argsDigest(input) }
  const change = describeChange(spec, input)
  const { requestState, inputResponses } = ctx.retry ?? {}
  if (requestState === undefined) return inputRequired(spec, change, sealRequestState(binding, ctx.env))
  try {
    openRequestState(requestState, binding, ctx.env)
  } catch (error) {
    if (!(error instanceof McpFunctionsError)) throw error
    refuse(spec, ctx, functionName, input, error.code)
    throw new JsonRpcError(INVALID_PARAMS, `Invalid requestState: ${error.message}`, {
      code: error.code,
      reason: error.details?.reason,
    })
  }
  const answer = inputResponses?.[CONFIRM_KEY]
  if (!isObject(answer)) {
    refuse(spec, ctx, functionName, input, 'ERR_CONFIRMATION_INVALID')
    throw new JsonRpcError(INVALID_PARAMS, `The confirming round carries no inputResponses.${CONFIRM_KEY}`, {
      code: 'ERR_CONFIRMATION_INVALID',
      reason: 'missing_response',
    })
  }
  const content = answer.content
  if (answer.action === 'accept' && isObject(content) && content[CONFIRM_KEY] === true) return undefined
  refuse(spec, ctx, functionName, input, 'ERR_CONFIRMATION_DECLINED')
  const how = answer.action === 'cancel' ? 'dismissed the confirmation' : 'declined'
  return errorResult(
    new McpFunctionsError(
      'ERR_CONFIRMATION_DECLINED',
      `Not run: the user ${how}. ${spec.name} changed nothing (it ${change} only once confirmed).`,
      { hint: 'Do not call it again unless the user asks for it.' },
    ),
    ctx.callId,
  )
}
