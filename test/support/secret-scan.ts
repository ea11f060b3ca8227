// Finds credentials in text a test run produced (log lines, audit lines, response bodies): tokens by their shape,
// private keys by their armour, and the run's own known secrets verbatim. Findings never repeat the secret.

export type SecretKind = 'jwt' | 'bearer' | 'session-token' | 'private-key' | 'known-secret'

export interface SecretFinding {
  kind: SecretKind
  /** Where the text came from (e.g. 'log', 'audit', 'response'), and its line there (1-based). */
  source: string
  line: number
  /** The known secret's label, or the pattern's kind: never the matched text. */
  label: string
}

const PATTERNS: [SecretKind, RegExp][] = [
  // Header and payload of a JWT (an identity-domain token, a UPST, an RPST), signed or alg none.
  ['jwt', /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/],
  ['bearer', /\bBearer\s+[A-Za-z0-9\-._~+/]{20,}=*/i],
  // An OCI request-signing keyId for a session: "ST$" followed by the token.
  ['session-token', /ST\$[A-Za-z0-9_-]{20,}/],
  ['private-key', /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/],
]

/** Known secrets shorter than this would match ordinary text; none of the stack's are. */
const MIN_KNOWN_LENGTH = 8

export function secretScanner(known: { label: string; value: string }[] = []) {
  const secrets = known.filter((k) => typeof k.value === 'string' && k.value.length >= MIN_KNOWN_LENGTH)
  return {
    /** Adds a secret the run has learnt since (a token it was issued). */
    know(label: string, value: string) {
      if (value.length >= MIN_KNOWN_LENGTH) secrets.push({ label, value })
    },
    scan(text: string, source: string): SecretFinding[] {
      const findings: SecretFinding[] = []
      text.split('\n').forEach((lineText, i) => {
        for (const [kind, pattern] of PATTERNS)
          if (pattern.test(lineText)) findings.push({ kind, source, line: i + 1, label: kind })
        for (const s of secrets)
          if (lineText.includes(s.value))
            findings.push({ kind: 'known-secret', source, line: i + 1, label: s.label })
      })
      return findings
    },
  }
}

/** One line per finding, safe to print: kind, source, line and label only. */
export const describeFindings = (findings: SecretFinding[]) =>
  findings.map((f) => `${f.kind} in ${f.source}:${f.line} (${f.label})`).join('\n')
