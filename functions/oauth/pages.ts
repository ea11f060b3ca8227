// HTML of the consent step and of errors that must not be redirected; no scripts, never framed.
import type { HttpReply } from '../core/http.ts'
import type { FacadeClient } from './clients.ts'

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

const PAGE_HEADERS = {
  'Content-Type': 'text/html;charset=UTF-8',
  'Cache-Control': 'no-store',
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
}

const page = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:30rem;margin:4rem auto;padding:0 1rem}
button{padding:.5rem 1rem;margin-right:.5rem}code{word-break:break-all}.error{color:#b00020}</style></head>
<body>${body}</body></html>
`

export function errorPage(status: number, message: string): HttpReply {
  return {
    status,
    headers: PAGE_HEADERS,
    body: page('Authorization error', `<h1>Cannot continue</h1><p class="error">${escapeHtml(message)}</p>`),
  }
}

export function consentPage(
  client: FacadeClient,
  redirectUri: string,
  scopes: string[],
  fields: Record<string, string>,
  cookie: string,
): HttpReply {
  const hidden = Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('\n')
  const where = new URL(redirectUri)
  const source =
    client.kind === 'metadata-document'
      ? `described at <code>${escapeHtml(client.clientId)}</code>`
      : 'registered with this server'
  const body = `<h1>Allow access?</h1>
<p><strong>${escapeHtml(client.name)}</strong> (${source}) asks to use OCI MCP Functions as you, with:</p>
<ul>${scopes.map((s) => `<li><code>${escapeHtml(s)}</code></li>`).join('')}</ul>
<p>After you sign in, you will be sent back to <code>${escapeHtml(where.origin + where.pathname)}</code>.
Only allow it if you started this sign-in in that application.</p>
<form method="post" action="/oauth/consent">
${hidden}
<button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny">Deny</button>
</form>`
  return { status: 200, headers: { ...PAGE_HEADERS, 'Set-Cookie': cookie }, body: page('Allow access', body) }
}
