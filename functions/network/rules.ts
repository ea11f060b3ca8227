// Security rules (security-list and NSG rules alike) as readable rows: protocol names, port ranges, peers. Pure.

export interface PortRange {
  min: number
  max: number
}

/** The fields shared by IngressSecurityRule, EgressSecurityRule and an NSG's SecurityRule. */
export interface RuleLike {
  protocol: string
  direction?: string
  source?: string
  sourceType?: string
  destination?: string
  destinationType?: string
  tcpOptions?: { destinationPortRange?: PortRange | null; sourcePortRange?: PortRange | null } | null
  udpOptions?: { destinationPortRange?: PortRange | null; sourcePortRange?: PortRange | null } | null
  icmpOptions?: { type: number; code?: number | null } | null
  isStateless?: boolean | null
  description?: string | null
  id?: string | null
}

export interface RuleRow {
  direction: 'INGRESS' | 'EGRESS'
  protocol: string
  protocol_number: string
  ports: string
  source_ports?: string
  peer: string
  peer_type: string
  stateless: boolean
  icmp?: string
  description?: string
  rule_id?: string
  summary: string
}

const NAMES: Record<string, string> = {
  all: 'all protocols',
  '1': 'ICMP',
  '6': 'TCP',
  '17': 'UDP',
  '58': 'ICMPv6',
}

export const protocolName = (protocol: string) => NAMES[protocol.toLowerCase()] ?? `protocol ${protocol}`

export const isPortProtocol = (protocol: string) => protocol === '6' || protocol === '17'

/** The destination port range a TCP or UDP rule allows; undefined means every port. */
export function destinationPorts(rule: RuleLike): PortRange | undefined {
  const options =
    rule.protocol === '6' ? rule.tcpOptions : rule.protocol === '17' ? rule.udpOptions : undefined
  const range = options?.destinationPortRange
  return range ? { min: range.min, max: range.max } : undefined
}

export const coversAllPorts = (range: PortRange | undefined) =>
  !range || (range.min <= 1 && range.max >= 65535)

export function portText(range: PortRange | undefined): string {
  if (coversAllPorts(range)) return 'all'
  const r = range as PortRange
  return r.min === r.max ? String(r.min) : `${r.min}-${r.max}`
}

function icmpText(rule: RuleLike): string | undefined {
  if (rule.protocol !== '1' && rule.protocol !== '58') return undefined
  const o = rule.icmpOptions
  if (!o) return 'all types'
  return `type ${o.type}${o.code === undefined || o.code === null ? '' : ` code ${o.code}`}`
}

/** A rule as a row; `direction` is needed for security-list rules, which do not carry it. */
export function ruleRow(rule: RuleLike, direction?: 'INGRESS' | 'EGRESS'): RuleRow {
  const dir = (direction ?? (rule.direction === 'EGRESS' ? 'EGRESS' : 'INGRESS')) as RuleRow['direction']
  const ingress = dir === 'INGRESS'
  const peer = (ingress ? rule.source : rule.destination) ?? '—'
  const peerType = (ingress ? rule.sourceType : rule.destinationType) ?? 'CIDR_BLOCK'
  const protocol = protocolName(rule.protocol)
  const ports = isPortProtocol(rule.protocol) ? portText(destinationPorts(rule)) : 'all'
  const options =
    rule.protocol === '6' ? rule.tcpOptions : rule.protocol === '17' ? rule.udpOptions : undefined
  const sourcePorts = options?.sourcePortRange ? portText(options.sourcePortRange) : undefined
  const icmp = icmpText(rule)
  const what = isPortProtocol(rule.protocol)
    ? `${protocol} ${ports === 'all' ? 'all ports' : `port ${ports}`}`
    : icmp
      ? `${protocol} ${icmp}`
      : protocol
  const peerText = peerType === 'CIDR_BLOCK' ? peer : `${peer} (${peerType})`
  const summary = `allow ${what} ${ingress ? 'from' : 'to'} ${peerText}${rule.isStateless ? ' (stateless)' : ''}`
  const row: RuleRow = {
    direction: dir,
    protocol,
    protocol_number: rule.protocol,
    ports,
    peer,
    peer_type: peerType,
    stateless: rule.isStateless === true,
    summary,
  }
  if (sourcePorts && sourcePorts !== 'all') row.source_ports = sourcePorts
  if (icmp) row.icmp = icmp
  if (rule.description) row.description = rule.description
  if (rule.id) row.rule_id = rule.id
  return row
}

/** A rule list as markdown bullets, or a dash when empty. */
export const rulesMarkdown = (rows: RuleRow[]) =>
  rows.length
    ? rows.map((r) => `  - ${r.summary}${r.description ? ` — ${r.description}` : ''}`).join('\n')
    : '  - (none)'
