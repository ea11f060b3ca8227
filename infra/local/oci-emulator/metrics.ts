// Prometheus counters for the emulator; labels carry OCIDs and operation names, never keys or tokens.

interface Family {
  help: string
  labels: readonly string[]
  values: Map<string, number>
}

export class Metrics {
  readonly #families = new Map<string, Family>()

  constructor() {
    this.#define('oci_emulator_requests_total', 'Requests served, by principal OCID, operation and status.', [
      'principal',
      'operation',
      'status',
    ])
    this.#define(
      'oci_emulator_auth_failures_total',
      'Requests refused with 401 NotAuthenticated, by reason.',
      ['reason'],
    )
    this.#define(
      'oci_emulator_authorization_denials_total',
      'Requests the policy table refused, by principal OCID and operation.',
      ['principal', 'operation'],
    )
  }

  #define(name: string, help: string, labels: readonly string[]) {
    this.#families.set(name, { help, labels, values: new Map() })
  }

  inc(name: string, labels: Record<string, string>): void {
    const family = this.#families.get(name)
    if (!family) throw new TypeError(`unknown metric ${name}`)
    const key = family.labels.map((l) => `${l}="${escapeLabel(labels[l] ?? '')}"`).join(',')
    family.values.set(key, (family.values.get(key) ?? 0) + 1)
  }

  request(principal: string, operation: string, status: number): void {
    this.inc('oci_emulator_requests_total', { principal, operation, status: String(status) })
  }

  authFailure(reason: string): void {
    this.inc('oci_emulator_auth_failures_total', { reason })
  }

  denial(principal: string, operation: string): void {
    this.inc('oci_emulator_authorization_denials_total', { principal, operation })
  }

  /** Prometheus text exposition format 0.0.4. */
  render(): string {
    const out: string[] = []
    for (const [name, family] of this.#families) {
      out.push(`# HELP ${name} ${family.help}`, `# TYPE ${name} counter`)
      for (const [labels, value] of family.values) out.push(`${name}{${labels}} ${value}`)
    }
    return `${out.join('\n')}\n`
  }
}

const escapeLabel = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')
