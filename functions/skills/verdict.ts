// Turning checks into a verdict: the rules are few and explicit, so the evidence explains the verdict.
export type Status = 'ok' | 'warn' | 'fail' | 'unknown'

export interface Check {
  check: string
  status: Status
  detail: string
}

export type Verdict = 'healthy' | 'degraded' | 'unhealthy' | 'stopped' | 'unknown'

/** stopped when not running; unhealthy on any fail; degraded on any warn; unknown when nothing could be checked. */
export function verdictOf(checks: Check[], running: boolean | undefined): Verdict {
  if (running === false) return 'stopped'
  if (checks.some((c) => c.status === 'fail')) return 'unhealthy'
  if (checks.every((c) => c.status === 'unknown')) return 'unknown'
  if (checks.some((c) => c.status === 'warn')) return 'degraded'
  return 'healthy'
}

/** Runs one check; if reading its data fails, the check says so instead of failing the whole skill. */
export async function attempt<T>(
  label: string,
  checks: Check[],
  read: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await read()
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'ERR_INTERNAL'
    const message = error instanceof Error ? error.message : String(error)
    checks.push({ check: label, status: 'unknown', detail: `Could not check (${code}): ${message}` })
    return undefined
  }
}

export const pct = (n: number | undefined) => (n === undefined ? 'no data' : `${n.toFixed(1)}%`)

export function verdictMarkdown(
  title: string,
  data: { verdict: Verdict; summary: string; evidence: Check[]; next_steps: string[] },
) {
  const icon: Record<Status, string> = { ok: '✅', warn: '⚠️', fail: '❌', unknown: '❔' }
  return [
    `## ${title}: ${data.verdict.toUpperCase()}`,
    '',
    data.summary,
    '',
    '### Evidence',
    ...data.evidence.map((c) => `- ${icon[c.status]} **${c.check}** — ${c.detail}`),
    '',
    '### Next steps',
    ...(data.next_steps.length ? data.next_steps.map((s, i) => `${i + 1}. ${s}`) : ['Nothing to do.']),
  ].join('\n')
}
