// A scripted browser for the OAuth sign-in: follows redirects, keeps cookies, posts the consent form and the
// identity domain's sign-in form, and stops at the client's redirect URI (which it returns, not follows).
const decodeEntities = (s: string) =>
  s.replace(
    /&(amp|lt|gt|quot|#39);/g,
    (_, e) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e as string]!,
  )

/** The fields and action of the page's one form. */
export function formOf(html: string, base: string): { action: string; fields: Record<string, string> } {
  const action = /<form[^>]*action="([^"]*)"/.exec(html)?.[1]
  if (!action) throw new Error(`no form on the page: ${html.slice(0, 300)}`)
  const fields: Record<string, string> = {}
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g))
    fields[decodeEntities(m[1])] = decodeEntities(m[2])
  return { action: new URL(decodeEntities(action), base).href, fields }
}

export interface SignInOptions {
  userName: string
  password: string
  /** Where the browser stops: the client's redirect URI prefix. */
  redirectPrefix: string
  decision?: 'allow' | 'deny'
}

/** Runs the browser part of the flow from the authorization URL; returns the client's redirect URL. */
export async function signInWithBrowser(authorizationUrl: string, o: SignInOptions): Promise<URL> {
  const cookies = new Map<string, string>()
  const request = async (url: string, init: RequestInit = {}) => {
    const host = new URL(url).host
    const jar = cookies.get(host)
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), ...(jar ? { Cookie: jar } : {}) },
    })
    const set = res.headers.get('set-cookie')
    if (set) cookies.set(host, set.split(';')[0])
    return res
  }
  const post = (url: string, fields: Record<string, string>) =>
    request(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: new URL(url).origin },
      body: new URLSearchParams(fields),
    })
  let res = await request(authorizationUrl)
  let current = authorizationUrl
  for (let step = 0; step < 10; step++) {
    if (res.status === 302 || res.status === 303) {
      const location = new URL(res.headers.get('location') ?? '', current).href
      if (location.startsWith(o.redirectPrefix)) return new URL(location)
      current = location
      res = await request(location)
      continue
    }
    const html = await res.text()
    if (res.status !== 200)
      throw new Error(`the sign-in stopped at ${new URL(current).pathname} with ${res.status}`)
    const form = formOf(html, current)
    if (html.includes('name="decision"'))
      res = await post(form.action, { ...form.fields, decision: o.decision ?? 'allow' })
    else if (html.includes('name="password"'))
      res = await post(form.action, { ...form.fields, username: o.userName, password: o.password })
    else throw new Error('an unexpected page in the sign-in')
    current = form.action
  }
  throw new Error('too many steps in the sign-in')
}
