// The headers API Gateway sends with an HTTP-triggered Fn call, for tests that call a function's socket directly.

export function gatewayHeaders(
  path: string,
  headers: Record<string, string> = {},
  options: { method?: string; callId?: string } = {},
): Record<string, string> {
  const callId = options.callId ?? `01FUZZ${Math.random().toString(36).slice(2, 10).toUpperCase()}`
  const out: Record<string, string> = {
    'Fn-Call-Id': callId,
    'Fn-Deadline': new Date(Date.now() + 30_000).toISOString(),
    'Fn-Intent': 'httprequest',
    'Fn-Invoke-Type': 'sync',
    'Fn-Http-Method': options.method ?? 'POST',
    'Fn-Http-Request-Url': path,
    'Content-Type': 'application/json',
  }
  for (const [name, value] of Object.entries(headers)) {
    // Content-Type travels unprefixed, as the platform sends it.
    if (name.toLowerCase() === 'content-type') out['Content-Type'] = value
    else out[`Fn-Http-H-${name}`] = value
  }
  return out
}
