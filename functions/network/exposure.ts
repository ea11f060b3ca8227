// Internet exposure analysis of ingress rules, pure: which rules let anyone (0.0.0.0/0, ::/0) reach a sensitive
// port, or every port, and what to do about it. The OCI side (reading the rules) is in analyze-exposure.ts.
import {
  coversAllPorts,
  destinationPorts,
  isPortProtocol,
  type PortRange,
  type RuleLike,
  ruleRow,
} from './rules.ts'

export type Severity = 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW'
export const SEVERITIES: readonly Severity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW']

type Transport = 'tcp' | 'udp'

export interface SensitivePort {
  port: number
  service: string
  transports: Transport[]
  severity: Severity
  why: string
  fix: string
}

const ADMIN_FIX =
  'Remove the 0.0.0.0/0 (or ::/0) source. Reach the host through the OCI Bastion service (time-limited, audited sessions) or a VPN/FastConnect, or at most allow your administrators’ own public address (/32).'
const DATA_FIX =
  'Remove the internet source. Keep the service in a private subnet without public IPs and allow the port only from the application tier’s subnet CIDR or its NSG (source type NETWORK_SECURITY_GROUP); administer it through an OCI Bastion port-forwarding session.'

/**
 * The ports that must not be open to the internet, with why and how to fix. Ports not listed here are reported
 * as informational when open to the world (80 and 443 are expected for web tiers).
 */
export const SENSITIVE_PORTS: readonly SensitivePort[] = [
  {
    port: 22,
    service: 'SSH',
    transports: ['tcp'],
    severity: 'HIGH',
    why: 'SSH open to the internet is scanned and brute-forced within minutes; one weak or leaked key, or an sshd vulnerability, gives a shell on the host.',
    fix: ADMIN_FIX,
  },
  {
    port: 23,
    service: 'Telnet',
    transports: ['tcp'],
    severity: 'CRITICAL',
    why: 'Telnet sends credentials and sessions in clear text and is a favourite target of botnets.',
    fix: `Disable Telnet on the host and use SSH instead. ${ADMIN_FIX}`,
  },
  {
    port: 445,
    service: 'SMB',
    transports: ['tcp'],
    severity: 'CRITICAL',
    why: 'SMB exposed to the internet is how worms such as WannaCry (EternalBlue) spread; it also leaks shares and credentials.',
    fix: 'Remove the rule. Share files privately (OCI File Storage with a private mount target, or SMB only over VPN/FastConnect).',
  },
  {
    port: 1521,
    service: 'Oracle Database listener',
    transports: ['tcp'],
    severity: 'HIGH',
    why: 'An internet-facing database listener invites password guessing, TNS poisoning and data exfiltration.',
    fix: DATA_FIX,
  },
  {
    port: 1522,
    service: 'Oracle Database listener (TCPS)',
    transports: ['tcp'],
    severity: 'HIGH',
    why: 'An internet-facing database listener invites password guessing and data exfiltration, even over TLS.',
    fix: `${DATA_FIX} For Autonomous Database use a private endpoint or an access control list.`,
  },
  {
    port: 2375,
    service: 'Docker API (plain)',
    transports: ['tcp'],
    severity: 'CRITICAL',
    why: 'The unauthenticated Docker API is root on the host: anyone can start a privileged container, and crypto-mining bots scan for it constantly.',
    fix: 'Remove the rule and bind the Docker daemon to its unix socket only. If remote access is needed, use 2376 with mutual TLS from specific addresses, or tunnel through Bastion.',
  },
  {
    port: 2376,
    service: 'Docker API (TLS)',
    transports: ['tcp'],
    severity: 'HIGH',
    why: 'The Docker API controls the host as root; with TLS it is only as safe as every client certificate that was ever issued.',
    fix: 'Allow 2376 only from the specific build or admin addresses that need it, or reach it through Bastion; never from 0.0.0.0/0.',
  },
  {
    port: 3306,
    service: 'MySQL',
    transports: ['tcp'],
    severity: 'HIGH',
    why: 'An internet-facing MySQL is brute-forced and targeted by ransom bots that dump and delete tables.',
    fix: DATA_FIX,
  },
  {
    port: 3389,
    service: 'RDP',
    transports: ['tcp'],
    severity: 'HIGH',
    why: 'RDP open to the internet is the most common way into Windows hosts for ransomware (brute force, BlueKeep-class flaws).',
    fix: ADMIN_FIX,
  },
  {
    port: 5432,
    service: 'PostgreSQL',
    transports: ['tcp'],
    severity: 'HIGH',
    why: 'An internet-facing PostgreSQL is brute-forced; a superuser login allows running programs on the host (COPY … PROGRAM).',
    fix: DATA_FIX,
  },
  {
    port: 5900,
    service: 'VNC',
    transports: ['tcp'],
    severity: 'HIGH',
    why: 'VNC often has weak or no passwords and no encryption, and gives the whole desktop.',
    fix: ADMIN_FIX,
  },
  {
    port: 6379,
    service: 'Redis',
    transports: ['tcp'],
    severity: 'CRITICAL',
    why: 'Redis has no authentication by default; an exposed instance is read, wiped or turned into remote code execution (CONFIG SET / module loading) within hours.',
    fix: DATA_FIX,
  },
  {
    port: 9200,
    service: 'Elasticsearch',
    transports: ['tcp'],
    severity: 'HIGH',
    why: 'Exposed Elasticsearch clusters are a leading cause of data leaks; many run without authentication.',
    fix: DATA_FIX,
  },
  {
    port: 11211,
    service: 'memcached',
    transports: ['tcp', 'udp'],
    severity: 'HIGH',
    why: 'memcached has no authentication (cached data can be read and poisoned) and, over UDP, amplifies DDoS attacks by up to 50,000×.',
    fix: `${DATA_FIX} Disable UDP in memcached (-U 0).`,
  },
  {
    port: 27017,
    service: 'MongoDB',
    transports: ['tcp'],
    severity: 'HIGH',
    why: 'Exposed MongoDB instances are mass-scanned, dumped and held for ransom.',
    fix: DATA_FIX,
  },
]

/** Web ports: open to the world is expected for web tiers, so only informational. */
export const WEB_PORTS: readonly number[] = [80, 443]

const ALL_TRAFFIC = {
  why: 'Every port and protocol is reachable from anywhere: every service on the hosts, including ones started later or by mistake, is exposed.',
  fix: 'Replace the rule with rules for the specific ports the tier serves (e.g. TCP 443), from the narrowest sources that need them; reach administration ports through the OCI Bastion service.',
}

export interface RuleHolder {
  kind: 'security_list' | 'network_security_group'
  id: string
  name: string
  vcn_id?: string
  /** Subnets using a security list, or VNICs in an NSG; `public` when reachable from the internet. Absent: unknown. */
  used_by?: { id: string; name?: string; public?: boolean }[]
}

export interface ExposedService {
  port: number
  service: string
  transport: Transport
}

export interface ExposureFinding {
  severity: Severity
  title: string
  holder: RuleHolder
  /** “ingress rule N” (1-based, among a security list’s ingress rules) or “rule <id>” (an NSG rule). */
  rule_ref: string
  rule: string
  source: string
  protocol: string
  ports: string
  exposed: ExposedService[]
  reachable_now?: boolean
  why: string
  fix: string
}

export interface ExposureNote {
  holder: RuleHolder
  rule_ref: string
  rule: string
  note: string
}

export interface ExposureReport {
  findings: ExposureFinding[]
  informational: ExposureNote[]
  counts: Record<Severity, number>
  rules_checked: number
}

/** A source that is every address: any CIDR with prefix length 0 (0.0.0.0/0, ::/0 and their spellings). */
export function isWorldSource(rule: RuleLike): boolean {
  if (rule.sourceType && rule.sourceType !== 'CIDR_BLOCK') return false
  return /^[0-9a-f.:]+\/0$/i.test((rule.source ?? '').trim())
}

const inRange = (port: number, range: PortRange | undefined) =>
  !range || (port >= range.min && port <= range.max)

const rank = (s: Severity) => SEVERITIES.indexOf(s)
const worst = (list: Severity[]) => list.reduce((a, b) => (rank(b) < rank(a) ? b : a))

type Classification =
  | { kind: 'ignore' }
  | { kind: 'note'; note: string }
  | {
      kind: 'finding'
      severity: Severity
      title: string
      exposed: ExposedService[]
      why: string
      fix: string
    }

/** What one ingress rule means for internet exposure. */
export function classifyIngressRule(rule: RuleLike): Classification {
  if (rule.direction && rule.direction !== 'INGRESS') return { kind: 'ignore' }
  if (!isWorldSource(rule)) return { kind: 'ignore' }
  const protocol = rule.protocol.toLowerCase()
  if (protocol === '1' || protocol === '58') return { kind: 'ignore' } // ICMP: ping and path MTU, not a service
  const all = SENSITIVE_PORTS.flatMap((p) => p.transports.map((t) => ({ p, t })))
  if (protocol === 'all') {
    return {
      kind: 'finding',
      severity: 'CRITICAL',
      title: 'All protocols and ports open to the internet',
      exposed: all.map(({ p, t }) => ({ port: p.port, service: p.service, transport: t })),
      ...ALL_TRAFFIC,
    }
  }
  if (!isPortProtocol(protocol)) {
    return {
      kind: 'note',
      note: `IP protocol ${rule.protocol} is open to the internet; confirm the tier needs it (e.g. GRE or ESP for a VPN endpoint).`,
    }
  }
  const transport: Transport = protocol === '6' ? 'tcp' : 'udp'
  const range = destinationPorts(rule)
  const name = transport.toUpperCase()
  if (coversAllPorts(range)) {
    return {
      kind: 'finding',
      severity: transport === 'tcp' ? 'CRITICAL' : 'HIGH',
      title: `All ${name} ports open to the internet`,
      exposed: all
        .filter(({ t }) => t === transport)
        .map(({ p }) => ({ port: p.port, service: p.service, transport })),
      ...ALL_TRAFFIC,
    }
  }
  const hits = SENSITIVE_PORTS.filter((p) => p.transports.includes(transport) && inRange(p.port, range))
  if (hits.length > 0) {
    const single = hits.length === 1
    return {
      kind: 'finding',
      severity: worst(hits.map((h) => h.severity)),
      title: single
        ? `${hits[0].service} (${name} ${hits[0].port}) open to the internet`
        : `${name} ${range?.min}-${range?.max} open to the internet, including ${hits.map((h) => `${h.service} ${h.port}`).join(', ')}`,
      exposed: hits.map((h) => ({ port: h.port, service: h.service, transport })),
      why: hits.map((h) => (single ? h.why : `${h.service}: ${h.why}`)).join(' '),
      fix: [...new Set(hits.map((h) => h.fix))].join(' '),
    }
  }
  const r = range as PortRange
  const web = transport === 'tcp' && r.min === r.max && WEB_PORTS.includes(r.min)
  const span = r.min === r.max ? `port ${r.min}` : `ports ${r.min}-${r.max}`
  return {
    kind: 'note',
    note: web
      ? `${name} ${span} open to the internet: expected for a web tier or load balancer; make sure only web servers use this rule.`
      : `${name} ${span} open to the internet (no port known to be sensitive); confirm a public service listens there${r.max - r.min >= 1000 ? ', and narrow the range' : ''}.`,
  }
}

/** Every world-open ingress rule of the given holders, classified; findings worst first. */
export function analyzeRules(sets: { holder: RuleHolder; rules: RuleLike[] }[]): ExposureReport {
  const findings: ExposureFinding[] = []
  const informational: ExposureNote[] = []
  let checked = 0
  for (const { holder, rules } of sets) {
    let position = 0
    for (const rule of rules) {
      if (rule.direction && rule.direction !== 'INGRESS') continue
      position += 1
      checked += 1
      const result = classifyIngressRule(rule)
      if (result.kind === 'ignore') continue
      const ruleRef = rule.id ? `rule ${rule.id}` : `ingress rule ${position}`
      const row = ruleRow(rule, 'INGRESS')
      if (result.kind === 'note') {
        informational.push({ holder, rule_ref: ruleRef, rule: row.summary, note: result.note })
        continue
      }
      const users = holder.used_by ?? []
      const known = users.some((u) => u.public !== undefined)
      findings.push({
        severity: result.severity,
        title: result.title,
        holder,
        rule_ref: ruleRef,
        rule: row.summary,
        source: row.peer,
        protocol: row.protocol,
        ports: row.ports,
        exposed: result.exposed,
        ...(known ? { reachable_now: users.some((u) => u.public === true) } : {}),
        why: result.why,
        fix: result.fix,
      })
    }
  }
  findings.sort(
    (a, b) =>
      rank(a.severity) - rank(b.severity) ||
      a.holder.name.localeCompare(b.holder.name) ||
      a.rule_ref.localeCompare(b.rule_ref, undefined, { numeric: true }),
  )
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>
  for (const f of findings) counts[f.severity] += 1
  return { findings, informational, counts, rules_checked: checked }
}

/**
 * The findings that apply to one instance: those of the security lists its subnets use and of its NSGs
 * (from compute_get_instance: vnics[].subnet_id and nsg_ids).
 */
export function findingsFor(
  findings: ExposureFinding[],
  target: { subnetIds: string[]; nsgIds: string[] },
): ExposureFinding[] {
  return findings.filter((f) =>
    f.holder.kind === 'network_security_group'
      ? target.nsgIds.includes(f.holder.id)
      : (f.holder.used_by ?? []).some((u) => target.subnetIds.includes(u.id)),
  )
}
