// `npm run emit-event -- <event.json>`: delivers a CloudEvents 0.1 event to the running stack's events function
// over its Fn socket, as OCI Events does in a tenancy, and prints what the bindings did.
import { readFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import type { StackInfo } from '../infra/local/stack.ts'

const USAGE =
  'Usage: npm run emit-event -- <event.json> [--data-dir <dir>]   (example: infra/events/examples/objectstorage-createobject.json)'

let parsed: ReturnType<typeof parse>
function parse() {
  return parseArgs({
    options: { 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
  })
}
try {
  parsed = parse()
} catch (error) {
  console.error(`emit-event: ${(error as Error).message}\n${USAGE}`)
  process.exit(2)
}
const { values, positionals } = parsed
const [file] = positionals
if (values.help || !file) {
  console.error(USAGE)
  process.exit(values.help ? 0 : 2)
}
// Read first: a wrong path is the likelier mistake, and it is told in one line whether or not the stack runs.
let body: Buffer
try {
  body = readFileSync(file)
} catch (error) {
  console.error(`emit-event: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`)
  process.exit(1)
}
let info: StackInfo
try {
  const dir = values['data-dir'] ?? new URL('../.local', import.meta.url).pathname
  info = JSON.parse(readFileSync(join(dir, 'stack.json'), 'utf8'))
} catch {
  console.error('No running stack found (.local/stack.json); start it with npm start.')
  process.exit(1)
}
const callId = crypto.randomUUID()
const reply = await new Promise<string>((resolve, reject) => {
  const req = request(
    {
      socketPath: join(info.fnSocketDir, 'events', 'lsnr.sock'),
      path: '/call',
      method: 'POST',
      headers: {
        'Content-Type': 'application/cloudevents+json',
        'Content-Length': body.length,
        'Fn-Call-Id': callId,
        'Fn-Deadline': new Date(Date.now() + 60_000).toISOString(),
        'Fn-Intent': 'cloudevent',
        'Fn-Invoke-Type': 'sync',
      },
    },
    (res) => {
      let text = ''
      res.on('data', (c) => {
        text += c
      })
      res.on('end', () => resolve(text))
    },
  )
  req.on('error', (e) =>
    reject(
      new Error(
        `the events function did not answer (${(e as NodeJS.ErrnoException).code}); is the stack running?`,
      ),
    ),
  )
  req.end(body)
}).catch((e: Error) => {
  console.error(e.message)
  process.exit(1)
})
const result = JSON.parse(reply)
console.log(JSON.stringify(result, null, 2))
process.exit(result.error || result.outcomes?.some((o: { outcome: string }) => o.outcome !== 'ok') ? 1 : 0)
