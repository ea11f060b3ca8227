// Resident memory of the function processes this process started, read from /proc (Linux): the soak's leak check.
import { readdirSync, readFileSync } from 'node:fs'

/** VmRSS of a /proc/<pid>/status text, in bytes. */
export function parseVmRss(status: string): number | undefined {
  const m = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status)
  return m ? Number(m[1]) * 1024 : undefined
}

/** The function a child's command line runs: functions/<name>/index.ts, or MCP_FUNCTION for a bundle. */
export function functionOf(cmdline: string): string | undefined {
  return /functions\/([a-z]+)\/index\.ts/.exec(cmdline)?.[1]
}

export interface ProcessSample {
  pid: number
  fn: string
  rss: number
}

/** Every direct child of `parent` that runs a function, with its RSS. */
export function sampleFunctionRss(parent = process.pid): ProcessSample[] {
  const out: ProcessSample[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      // Field 4 is the parent pid; the command name before it may hold spaces, so split after its ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      if (ppid !== parent) continue
      const fn = functionOf(readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' '))
      const rss = parseVmRss(readFileSync(`/proc/${entry}/status`, 'utf8'))
      if (fn && rss !== undefined) out.push({ pid: Number(entry), fn, rss })
    } catch {
      // The process ended between listing and reading.
    }
  }
  return out
}

export interface RssVerdict {
  fn: string
  pid: number
  startMb: number
  endMb: number
  /** The same process at both ends, and growth within the bound. */
  flat: boolean
  /** The process sampled at the start is gone at the end (crashed and replaced, or stopped). */
  gone: boolean
}

/**
 * Compares each process sampled at the start with itself at the end (a function may run several containers, so by
 * pid, not by name). Growth is a leak only past both bounds: a small heap's jitter is a large ratio, a large heap's
 * a lot of MB.
 */
export function compareRss(
  start: ProcessSample[],
  end: ProcessSample[],
  maxGrowthMb = 64,
  maxGrowthRatio = 0.5,
): RssVerdict[] {
  const mb = (b: number) => Math.round((b / 1024 / 1024) * 10) / 10
  return start.map((s) => {
    const e = end.find((x) => x.pid === s.pid)
    const growth = e ? e.rss - s.rss : 0
    const flat = e !== undefined && (growth <= maxGrowthMb * 1024 * 1024 || growth <= s.rss * maxGrowthRatio)
    return { fn: s.fn, pid: s.pid, startMb: mb(s.rss), endMb: e ? mb(e.rss) : 0, flat, gone: !e }
  })
}
