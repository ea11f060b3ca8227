// Bounds on a tool call's arguments, checked before anything runs: deep or huge values cannot exhaust the stack
// of the validators, the audit digest or the serializer, so no call can act and then fail to be audited.
import { McpFunctionsError } from './errors.ts'

/** Deeper than any tool's schema nests (the deepest is 3): a value past it is an attack or a mistake. */
export const MAX_ARGUMENT_DEPTH = 32
/** Values (objects, arrays, scalars) in one call's arguments. */
export const MAX_ARGUMENT_NODES = 100_000

/** Walks the arguments without recursion; throws ERR_INPUT_INVALID naming the bound that was passed. */
export function assertArgumentBounds(args: unknown): void {
  const stack: [unknown, number][] = [[args, 0]]
  let nodes = 0
  while (stack.length > 0) {
    const [value, depth] = stack.pop() as [unknown, number]
    nodes += 1
    if (nodes > MAX_ARGUMENT_NODES) {
      throw new McpFunctionsError(
        'ERR_INPUT_INVALID',
        `The arguments hold more than ${MAX_ARGUMENT_NODES} values`,
        { hint: 'Send only the fields the tool schema names; nothing was run.' },
      )
    }
    if (value === null || typeof value !== 'object') continue
    if (depth >= MAX_ARGUMENT_DEPTH) {
      throw new McpFunctionsError(
        'ERR_INPUT_INVALID',
        `The arguments nest deeper than ${MAX_ARGUMENT_DEPTH} levels`,
        { hint: 'Send only the fields the tool schema names; nothing was run.' },
      )
    }
    for (const child of Array.isArray(value) ? value : Object.values(value)) stack.push([child, depth + 1])
  }
}
