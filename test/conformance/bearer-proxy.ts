// A loopback proxy that adds the caller's bearer token: the conformance CLI has no option for request headers.
// Everything else (a foreign Host and Origin included, which the DNS-rebinding scenario sets) reaches the edge as
// sent; only the proxy's own host name becomes the edge's, as a transparent proxy would make it.
import { createServer, request } from 'node:http'
import type { AddressInfo } from 'node:net'

export async function bearerProxy(target: string, token: () => string) {
  const to = new URL(target)
  let own = ''
  const server = createServer((req, res) => {
    const headers = { ...req.headers, authorization: `Bearer ${token()}` }
    if (req.headers.host === own) headers.host = to.host
    if (req.headers.origin === `http://${own}`) headers.origin = to.origin
    const up = request(
      { host: to.hostname, port: to.port, path: req.url, method: req.method, headers },
      (reply) => {
        res.writeHead(reply.statusCode ?? 502, reply.headers)
        reply.pipe(res)
      },
    )
    up.on('error', () => {
      res.writeHead(502)
      res.end()
    })
    req.pipe(up)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  own = `localhost:${port}`
  return {
    url: `http://localhost:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
