// The one image's entry point: MCP_FUNCTION chooses which function this deployment runs.
import { FUNCTION_NAMES, FUNCTIONS } from './registry.ts'

const name = process.env.MCP_FUNCTION ?? ''
const load = FUNCTIONS[name]
if (!load) {
  console.error(`MCP_FUNCTION must be one of ${FUNCTION_NAMES.join(', ')}; it is '${name}'`)
  process.exit(2)
}
await load()
