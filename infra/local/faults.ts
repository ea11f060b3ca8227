// Fault injection for the local stand-ins (OCI emulator, identity domain): a plan of rules, matched per request.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { z } from 'zod'

/** What a matching request gets instead of (or, for `slow`, before) its normal answer. */
export const FaultSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('status'),
      status: z.union([z.literal(429), z.literal(500), z.literal(503)]),
      /** Sent as `retry-after` (seconds); 429 always carries one, 1 when not given. */
      retryAfterSeconds: z.number().int().min(0).max(86_400).optional(),
    })
    .strict(),
  /** The socket is reset without an answer. */
  z.object({ kind: z.literal('reset') }).strict(),
  /** The normal answer, after delayMs. */
  z.object({ kind: z.literal('slow'), delayMs: z.number().int().min(0).max(600_000) }).strict(),
  /** No answer at all: the socket stays open until the client gives up or the server closes. */
  z.object({ kind: z.literal('hang') }).strict(),
])
export type Fault = z.infer<typeof FaultSchema>

const pathPattern = z
  .string()
  .min(1)
  .max(500)
  .refine((source) => {
    try {
      new RegExp(source)
      return true
    } catch {
      return false
    }
  }, 'not a valid regular expression')

/** Every condition given must hold; a rule with none matches every request. */
export const FaultRuleSchema = z
  .object({
    method: z
      .string()
      .regex(/^[A-Za-z]+$/)
      .transform((m) => m.toUpperCase())
      .optional(),
    /** A regular expression (JavaScript syntax) tested against the raw path, query excluded. */
    path: pathPattern.optional(),
    /** The server's operation name: the SDK operation (GetObject) or the token grant (token_exchange). */
    operation: z.string().min(1).max(100).optional(),
    /** How many matching requests the fault applies to; default 1. */
    times: z.union([z.number().int().min(1).max(1_000_000), z.literal('always')]).default(1),
    fault: FaultSchema,
  })
  .strict()
export type FaultRule = z.input<typeof FaultRuleSchema>

export interface FaultReport {
  id: string
  method?: string
  path?: string
  operation?: string
  times: number | 'always'
  fault: Fault
  /** Requests this rule was applied to so far. */
  hits: number
}

export interface FaultHandle {
  readonly id: string
  /** Requests this rule was applied to so far. */
  hits(): number
  /** Resolves once the rule has been applied `count` (default 1) times: a request has reached it. */
  whenHit(count?: number): Promise<void>
  remove(): void
}

/** The programmatic face of a server's fault plan (`emulator.faults`, `domain.faults`). */
export interface Faults {
  /** Appends a rule; rules are tried in the order they were added, the first that matches applies. */
  add(rule: FaultRule): FaultHandle
  /** Replaces the whole plan. */
  set(rules: FaultRule[]): FaultHandle[]
  clear(): void
  list(): FaultReport[]
}

export interface RequestFacts {
  method: string
  /** Raw path, without the query. */
  path: string
  operation?: string
}

/** Answers a `status` fault in the server's own error format (OCI JSON, OAuth JSON). */
export type StatusResponder = (
  res: ServerResponse,
  status: 429 | 500 | 503,
  retryAfterSeconds?: number,
) => void

interface Rule {
  id: string
  spec: z.output<typeof FaultRuleSchema>
  regex?: RegExp
  hits: number
  waiters: { count: number; resolve: () => void }[]
}

export class FaultInjector implements Faults {
  #rules: Rule[] = []
  #nextId = 1
  /** Sockets held by `hang` and `slow` faults, released (destroyed) by close(). */
  readonly #held = new Map<Socket, () => void>()
  #closed = false

  add(rule: FaultRule): FaultHandle {
    const spec = FaultRuleSchema.parse(rule)
    const entry: Rule = {
      id: `fault-${this.#nextId++}`,
      spec,
      regex: spec.path === undefined ? undefined : new RegExp(spec.path),
      hits: 0,
      waiters: [],
    }
    this.#rules.push(entry)
    return {
      id: entry.id,
      hits: () => entry.hits,
      whenHit: (count = 1) =>
        new Promise<void>((resolve) => {
          if (entry.hits >= count) resolve()
          else entry.waiters.push({ count, resolve })
        }),
      remove: () => {
        this.#rules = this.#rules.filter((r) => r !== entry)
      },
    }
  }

  set(rules: FaultRule[]): FaultHandle[] {
    // Validate all before replacing anything, so a bad plan leaves the old one in force.
    const parsed = rules.map((r) => FaultRuleSchema.parse(r))
    this.clear()
    return parsed.map((r) => this.add(r))
  }

  clear(): void {
    this.#rules = []
  }

  list(): FaultReport[] {
    return this.#rules.map(({ id, spec, hits }) => ({ id, ...spec, hits }))
  }

  /** The fault for this request, if a rule with uses left matches; counts the hit. */
  match(facts: RequestFacts): Fault | undefined {
    for (const rule of this.#rules) {
      const { method, operation, times, fault } = rule.spec
      if (times !== 'always' && rule.hits >= times) continue
      if (method !== undefined && method !== facts.method.toUpperCase()) continue
      if (operation !== undefined && operation !== facts.operation) continue
      if (rule.regex && !rule.regex.test(facts.path)) continue
      rule.hits++
      rule.waiters = rule.waiters.filter((w) => (w.count <= rule.hits ? void w.resolve() : true))
      return fault
    }
    return undefined
  }

  /**
   * Applies the matching fault, if any. Resolves true when the request has been dealt with (answered,
   * reset or held open) and the server must not answer it; false when it should be served normally.
   */
  async intercept(
    req: IncomingMessage,
    res: ServerResponse,
    facts: RequestFacts,
    respond: StatusResponder,
  ): Promise<boolean> {
    const fault = this.#closed ? undefined : this.match(facts)
    if (!fault) return false
    const socket = req.socket
    switch (fault.kind) {
      case 'status':
        // The unread body would otherwise sit in front of the next request on a kept-alive socket.
        req.resume()
        respond(res, fault.status, fault.retryAfterSeconds ?? (fault.status === 429 ? 1 : undefined))
        return true
      case 'reset':
        // A TCP RST where the platform allows it, as a load balancer dropping the connection sends.
        if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy()
        else socket.destroy()
        return true
      case 'hang':
        req.resume()
        this.#hold(socket, () => socket.destroy())
        return true
      case 'slow':
        return !(await this.#delay(socket, fault.delayMs))
    }
  }

  /** Resolves true after ms; false, with the socket destroyed, when the client or the server gives up first. */
  #delay(socket: Socket, ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const release = this.#hold(socket, () => {
        clearTimeout(timer)
        socket.destroy()
        resolve(false)
      })
      const timer = setTimeout(() => {
        release()
        resolve(true)
      }, ms)
    })
  }

  /**
   * Holds a socket until the server closes (which calls abort) or the client goes away (likewise, so no
   * timer outlives its request). Returns the function that lets go without aborting.
   */
  #hold(socket: Socket, abort: () => void): () => void {
    const onClose = () => {
      this.#held.delete(socket)
      abort()
    }
    this.#held.set(socket, onClose)
    socket.once('close', onClose)
    return () => {
      this.#held.delete(socket)
      socket.off('close', onClose)
    }
  }

  /** Stops injecting and releases every held socket; call before closing the server. */
  close(): void {
    this.#closed = true
    for (const abort of [...this.#held.values()]) abort()
    this.#held.clear()
  }
}
