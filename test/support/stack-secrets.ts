// Everything secret a test stack holds, and everything it wrote: so a suite can prove none of the one is in the other.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describeFindings, type SecretFinding, secretScanner } from './secret-scan.ts'

interface StackLike {
  info: {
    auditLog: string
    clientSecret: string
    users: { userName: string; password: string }[]
  }
  lines: string[]
}

/** A scanner that knows the stack's client secret, user passwords, signing keys and sealing key. */
export function stackScanner(env: StackLike) {
  const dataDir = join(dirname(env.info.auditLog), 'data')
  const scanner = secretScanner([
    { label: 'dev client secret', value: env.info.clientSecret },
    ...env.info.users.map((u) => ({ label: `password of ${u.userName}`, value: u.password })),
  ])
  const domainFile = join(dataDir, 'identity-domain', 'identity-domain.json')
  if (existsSync(domainFile)) {
    const state = JSON.parse(readFileSync(domainFile, 'utf8')) as {
      signingKey: { privateKeyPem: string }
      securityTokenKey: { privateKeyPem: string }
    }
    // The PEM's base64 body, a line of it: a key printed without its armour is still a key.
    for (const [label, pem] of [
      ['identity domain signing key', state.signingKey.privateKeyPem],
      ['security token signing key', state.securityTokenKey.privateKeyPem],
    ])
      scanner.know(label, pem.split('\n')[1] ?? pem)
  }
  const sealing = join(dataDir, 'oauth-sealing-key')
  if (existsSync(sealing)) scanner.know('oauth sealing key', readFileSync(sealing, 'utf8').trim())
  return scanner
}

/** Scans the stack's log lines, its audit log and the given response bodies; returns the findings. */
export function scanStack(
  env: StackLike,
  scanner: ReturnType<typeof stackScanner>,
  responses: string[] = [],
): SecretFinding[] {
  const audit = existsSync(env.info.auditLog) ? readFileSync(env.info.auditLog, 'utf8') : ''
  return [
    ...scanner.scan(env.lines.join('\n'), 'log'),
    ...scanner.scan(audit, 'audit'),
    ...responses.flatMap((body, i) => scanner.scan(body, `response#${i + 1}`)),
  ]
}

export { describeFindings }
