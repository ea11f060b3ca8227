// Module hook for the bench's import report: appends every file: URL the process loads to BENCH_IMPORT_LOG.
import { appendFileSync } from 'node:fs'

export async function load(url, context, next) {
  if (url.startsWith('file:') && process.env.BENCH_IMPORT_LOG)
    appendFileSync(process.env.BENCH_IMPORT_LOG, `${url}\n`)
  return next(url, context)
}
