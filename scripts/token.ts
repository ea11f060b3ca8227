// `npm run -s token [-- --user <name>] [--scope "<scopes>"]`: prints an access token from the running local stack.
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import type { StackInfo } from '../infra/local/stack.ts'

const USAGE = `Usage: npm run -s token [-- options]   prints an access token from the running local stack (npm start)
  --user <name>       a development user's token (password grant); default: the client's own (client credentials)
  --scope "<scopes>"  scopes to ask for, space-separated
  --data-dir <dir>    the stack's data directory (default .local)
  -h, --help          this text`

let parsed: ReturnType<typeof parse>
function parse() {
  return parseArgs({
    options: {
      user: { type: 'string' },
      scope: { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
}
try {
  parsed = parse()
} catch (error) {
  // parseArgs throws on an unknown or incomplete option: one line and the usage, not a stack trace.
  console.error(`token: ${(error as Error).message}\n\n${USAGE}`)
  process.exit(2)
}
const { values } = parsed
// Usage goes to stderr: `export TOKEN=$(npm run -s token)` must never capture it as a token.
if (values.help) {
  console.error(USAGE)
  process.exit(0)
}
const file = `${values['data-dir'] ?? new URL('../.local', import.meta.url).pathname}/stack.json`
let info: StackInfo
try {
  info = JSON.parse(readFileSync(file, 'utf8'))
} catch {
  console.error(`No running stack found (${file}); start it with npm start.`)
  process.exit(1)
}
const form: Record<string, string> = values.user
  ? (() => {
      const user = info.users.find((u) => u.userName === values.user)
      if (!user) {
        console.error(
          `No development user ${values.user}; known: ${info.users.map((u) => u.userName).join(', ')}`,
        )
        process.exit(1)
      }
      return { grant_type: 'password', username: user.userName, password: user.password }
    })()
  : { grant_type: 'client_credentials' }
if (values.scope) form.scope = values.scope
const res = await fetch(info.tokenUrl, {
  method: 'POST',
  headers: {
    Authorization: `Basic ${Buffer.from(`${info.clientId}:${info.clientSecret}`).toString('base64')}`,
    'Content-Type': 'application/x-www-form-urlencoded',
  },
  body: new URLSearchParams(form),
}).catch(() => undefined)
if (!res) {
  console.error(`The identity domain at ${info.identityDomainUrl} did not answer; is the stack running?`)
  process.exit(1)
}
const body = (await res.json()) as { access_token?: string; error?: string; error_description?: string }
if (!body.access_token) {
  console.error(`Token request refused: ${body.error} ${body.error_description ?? ''}`)
  process.exit(1)
}
console.log(body.access_token)
