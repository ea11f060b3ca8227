// One HTTP request exactly as given (any method, header or body bytes), with an upper bound that flags a hang.
import { request } from 'node:http'

export interface RawReply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: Buffer
}

export class HangError extends Error {
  readonly code = 'ERR_TEST_HANG'
}

/** Rejects with HangError when no complete reply arrives within `limitMs`: a generous bound, not a timing test. */
export function withLimit<T>(work: Promise<T>, limitMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HangError(`${what}: no reply within ${limitMs} ms`)), limitMs)
  })
  return Promise.race([work, limit]).finally(() => clearTimeout(timer))
}

export function rawRequest(
  base: string,
  input: { method: string; path: string; headers: Record<string, string>; body?: Uint8Array },
  limitMs = 60_000,
): Promise<RawReply> {
  const url = new URL(base)
  const work = new Promise<RawReply>((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: input.method,
        path: input.path,
        headers: input.headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        )
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(input.body && input.body.length > 0 ? input.body : undefined)
  })
  return withLimit(work, limitMs, `${input.method} ${input.path}`)
}
