// Counters of the identity domain, rendered in the Prometheus text exposition format.

interface Family {
  help: string
  label?: string
  /** label value (or '' when unlabelled) → count */
  values: Map<string, number>
}

const FAMILIES = {
  identity_domain_tokens_issued_total: {
    help: 'Tokens issued, by grant type.',
    label: 'grant_type',
    known: [
      'client_credentials',
      'password',
      'authorization_code',
      'refresh_token',
      'token_exchange',
      'resource_principal',
    ],
  },
  identity_domain_token_exchanges_total: {
    help: 'Token exchange requests for a UPST, by outcome.',
    label: 'outcome',
    known: ['issued'],
  },
  identity_domain_jwks_requests_total: { help: 'Requests for a JWKS (signing and security-token keys).' },
  identity_domain_introspections_total: { help: 'Authenticated token introspection requests.' },
  identity_domain_token_errors_total: {
    help: 'Token endpoint error responses, by OAuth error code.',
    label: 'error',
    known: [],
  },
} as const satisfies Record<string, { help: string; label?: string; known?: readonly string[] }>

export type MetricName = keyof typeof FAMILIES

const escapeLabel = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')

export class Metrics {
  private readonly families = new Map<MetricName, Family>()

  constructor() {
    for (const [name, spec] of Object.entries(FAMILIES) as [MetricName, (typeof FAMILIES)[MetricName]][]) {
      const label = 'label' in spec ? spec.label : undefined
      // Known label values start at 0 so rates exist before the first event.
      const initial: readonly string[] = 'known' in spec ? spec.known : ['']
      this.families.set(name, { help: spec.help, label, values: new Map(initial.map((v) => [v, 0])) })
    }
  }

  inc(name: MetricName, labelValue = ''): void {
    const family = this.families.get(name)!
    family.values.set(labelValue, (family.values.get(labelValue) ?? 0) + 1)
  }

  get(name: MetricName, labelValue = ''): number {
    return this.families.get(name)!.values.get(labelValue) ?? 0
  }

  render(): string {
    const lines: string[] = []
    for (const [name, family] of this.families) {
      lines.push(`# HELP ${name} ${family.help}`, `# TYPE ${name} counter`)
      for (const [value, count] of family.values) {
        lines.push(
          family.label ? `${name}{${family.label}="${escapeLabel(value)}"} ${count}` : `${name} ${count}`,
        )
      }
    }
    return `${lines.join('\n')}\n`
  }
}
