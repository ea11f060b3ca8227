// The soak's record of writes: what each principal tried to write, what the server said, and what was read back —
// from which lost, duplicated, corrupted and stray objects are counted.
import { createHash } from 'node:crypto'

export const digest = (content: string) => createHash('sha256').update(content).digest('hex')

/** `ok`: the write was acknowledged; `ambiguous`: it failed in an expected way and may or may not have landed. */
export type WriteOutcome = 'ok' | 'ambiguous' | 'failed'

interface Entry {
  digest: string
  outcome: WriteOutcome
}

export interface LedgerVerdict {
  acknowledged: number
  /** Acknowledged writes not found at the end. */
  lost: string[]
  /** Names listed more than once. */
  duplicated: string[]
  /** Objects whose content's digest differs from what was written. */
  corrupted: string[]
  /** Objects under a soak prefix that no worker wrote. */
  stray: string[]
}

export class WriteLedger {
  private readonly entries = new Map<string, Entry>()

  record(name: string, content: string, outcome: WriteOutcome): void {
    if (this.entries.has(name)) throw new TypeError(`${name} written twice: names must be unique`)
    this.entries.set(name, { digest: digest(content), outcome })
  }

  /** Names whose write was acknowledged: these, and only these, may be read back and must match. */
  acknowledged(): string[] {
    return [...this.entries].filter(([, e]) => e.outcome === 'ok').map(([n]) => n)
  }

  digestOf(name: string): string | undefined {
    return this.entries.get(name)?.digest
  }

  /**
   * Compares the end state — every name listed under the soak's prefixes, and the content read for each — with the
   * ledger. An ambiguous write may be present (with the right digest) or absent; a failed one must be absent.
   */
  verify(listed: string[], contents: Map<string, string | undefined>): LedgerVerdict {
    const seen = new Map<string, number>()
    for (const n of listed) seen.set(n, (seen.get(n) ?? 0) + 1)
    const verdict: LedgerVerdict = { acknowledged: 0, lost: [], duplicated: [], corrupted: [], stray: [] }
    for (const [name, count] of seen) {
      if (count > 1) verdict.duplicated.push(name)
      const entry = this.entries.get(name)
      if (!entry || entry.outcome === 'failed') verdict.stray.push(name)
      else {
        const content = contents.get(name)
        if (content === undefined || digest(content) !== entry.digest) verdict.corrupted.push(name)
      }
    }
    for (const [name, entry] of this.entries) {
      if (entry.outcome !== 'ok') continue
      verdict.acknowledged += 1
      if (!seen.has(name)) verdict.lost.push(name)
    }
    return verdict
  }
}
