// What each official conformance run must show: every scenario passes, or is listed here with the reason it
// does not apply to a stateless JSON server, or with what it waits for. The test enforces it; the README's
// conformance table is generated from it.

export type Outcome = { result: 'pass' } | { result: 'not applicable' | 'waits'; reason: string }

export interface Run {
  id: string
  /** The npm alias of the suite (package.json) and the version it pins. */
  suite: 'conformance-2025' | 'conformance-2026'
  suiteVersion: string
  revision: string
  target: 'fixture' | 'edge'
  args: string[]
  scenarios: Record<string, Outcome>
}

const pass: Outcome = { result: 'pass' }
const na = (reason: string): Outcome => ({ result: 'not applicable', reason })

const STREAM =
  'needs notifications inside the response stream (SSE); this server answers each POST with one JSON body'
const SERVER_REQUEST =
  'needs a server-to-client request during the call, which 2025-11-25 carries on a session stream; a stateless server has none (2026-07-28 does it with input requests)'
const SUBSCRIBE =
  'resource subscriptions need a session to notify; a stateless server declares no subscribe capability'
const COMPLETION =
  'the server declares no completions capability: no prompt or template argument has values to complete'
const PROMPT_TEXT =
  'the core renders prompts as text only (PromptSpec.render); no prompt of this server embeds media'
const SESSION =
  'tests session streams; the server is stateless (no Mcp-Session-Id), the scenario records only a warning'

/** Scenarios about the fixture's own tools, resources and prompts: meaningless against the OCI endpoint. */
const FIXTURE_ONLY = 'asks for the fixture tools, resources and prompts; run against the conformance fixture'

const legacy2025: Record<string, Outcome> = {
  'server-initialize': pass,
  'logging-set-level': pass,
  ping: pass,
  'completion-complete': na(COMPLETION),
  'tools-list': pass,
  'tools-call-simple-text': pass,
  'tools-call-image': pass,
  'tools-call-audio': pass,
  'tools-call-embedded-resource': pass,
  'tools-call-mixed-content': pass,
  'tools-call-with-logging': na(STREAM),
  'tools-call-error': pass,
  'tools-call-with-progress': na(STREAM),
  'tools-call-sampling': na(SERVER_REQUEST),
  'tools-call-elicitation': na(SERVER_REQUEST),
  'elicitation-sep1034-defaults': na(SERVER_REQUEST),
  'server-sse-multiple-streams': na(SESSION),
  'elicitation-sep1330-enums': na(SERVER_REQUEST),
  'resources-list': pass,
  'resources-read-text': pass,
  'resources-read-binary': pass,
  'resources-templates-read': pass,
  'resources-subscribe': na(SUBSCRIBE),
  'resources-unsubscribe': na(SUBSCRIBE),
  'prompts-list': pass,
  'prompts-get-simple': pass,
  'prompts-get-with-args': pass,
  'prompts-get-embedded-resource': na(PROMPT_TEXT),
  'prompts-get-with-image': na(PROMPT_TEXT),
  'dns-rebinding-protection': pass,
}

/** Against the OCI endpoint (the router's /mcp): the scenarios that do not need the fixture. */
const onEdge = (scenarios: Record<string, Outcome>, applicable: string[]): Record<string, Outcome> =>
  Object.fromEntries(
    Object.entries(scenarios).map(([name, o]) => [name, applicable.includes(name) ? o : na(FIXTURE_ONLY)]),
  )
const EDGE_APPLICABLE = [
  'server-initialize',
  'logging-set-level',
  'ping',
  'tools-list',
  'resources-list',
  'prompts-list',
  'server-sse-multiple-streams',
  'dns-rebinding-protection',
]

export const RUNS: Run[] = [
  {
    id: '0.1.16 fixture',
    suite: 'conformance-2025',
    suiteVersion: '0.1.16',
    revision: '2025-11-25',
    target: 'fixture',
    args: [],
    scenarios: legacy2025,
  },
  {
    id: '0.1.16 edge',
    suite: 'conformance-2025',
    suiteVersion: '0.1.16',
    revision: '2025-11-25',
    target: 'edge',
    args: [],
    scenarios: onEdge(legacy2025, EDGE_APPLICABLE),
  },
  {
    id: '0.2.0-alpha.12 fixture, 2025 scenarios',
    suite: 'conformance-2026',
    suiteVersion: '0.2.0-alpha.12',
    revision: '2025-11-25',
    target: 'fixture',
    args: [],
    scenarios: { ...legacy2025, 'server-session-lifecycle': na(SESSION) },
  },
  {
    id: '0.2.0-alpha.12 fixture, 2026-07-28 scenarios',
    suite: 'conformance-2026',
    suiteVersion: '0.2.0-alpha.12',
    revision: '2026-07-28',
    target: 'fixture',
    args: ['--spec-version', '2026-07-28'],
    scenarios: Object.fromEntries(
      [
        'completion-complete',
        'tools-list',
        'tools-call-simple-text',
        'tools-call-image',
        'tools-call-audio',
        'tools-call-embedded-resource',
        'tools-call-mixed-content',
        'tools-call-error',
        'tools-call-with-progress',
        'server-sse-multiple-streams',
        'resources-list',
        'resources-read-text',
        'resources-read-binary',
        'resources-templates-read',
        'prompts-list',
        'prompts-get-simple',
        'prompts-get-with-args',
        'prompts-get-embedded-resource',
        'prompts-get-with-image',
        'dns-rebinding-protection',
      ].map((name) => [
        name,
        name === 'dns-rebinding-protection'
          ? pass
          : legacy2025[name]?.result === 'not applicable' && name !== 'server-sse-multiple-streams'
            ? legacy2025[name]
            : pass,
      ]),
    ),
  },
]
