// The pure exposure analysis over synthetic rules: sources, protocols, port ranges, ordering and locations.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import {
  analyzeRules,
  classifyIngressRule,
  findingsFor,
  isWorldSource,
  type RuleHolder,
  SENSITIVE_PORTS,
  WEB_PORTS,
} from './exposure.ts'
import type { RuleLike } from './rules.ts'

const tcp = (min: number, max = min, source = '0.0.0.0/0'): RuleLike => ({
  protocol: '6',
  source,
  sourceType: 'CIDR_BLOCK',
  tcpOptions: { destinationPortRange: { min, max } },
})
const udp = (min: number, max = min, source = '0.0.0.0/0'): RuleLike => ({
  protocol: '17',
  source,
  udpOptions: { destinationPortRange: { min, max } },
})

const finding = (rule: RuleLike) => {
  const c = classifyIngressRule(rule)
  assert.equal(c.kind, 'finding', JSON.stringify(c))
  return c as Extract<typeof c, { kind: 'finding' }>
}
const note = (rule: RuleLike) => {
  const c = classifyIngressRule(rule)
  assert.equal(c.kind, 'note', JSON.stringify(c))
  return (c as Extract<typeof c, { kind: 'note' }>).note
}
const ignored = (rule: RuleLike) =>
  assert.equal(classifyIngressRule(rule).kind, 'ignore', JSON.stringify(rule))
const ports = (f: ReturnType<typeof finding>) => f.exposed.map((e) => `${e.transport}/${e.port}`).sort()

describe('the sensitive-port table', () => {
  test('holds exactly the documented ports, each with a severity, why and fix', () => {
    assert.deepEqual(
      SENSITIVE_PORTS.map((p) => p.port).sort((a, b) => a - b),
      [22, 23, 445, 1521, 1522, 2375, 2376, 3306, 3389, 5432, 5900, 6379, 9200, 11211, 27017],
    )
    for (const p of SENSITIVE_PORTS) {
      assert.ok(p.why.length > 40 && p.fix.length > 40, `${p.service} needs a real why and fix`)
      assert.ok(p.transports.length > 0)
    }
    assert.deepEqual(WEB_PORTS, [80, 443])
  })

  test('every sensitive TCP port open to the world is a finding naming its service', () => {
    for (const p of SENSITIVE_PORTS.filter((s) => s.transports.includes('tcp'))) {
      const f = finding(tcp(p.port))
      assert.equal(f.severity, p.severity)
      assert.deepEqual(ports(f), [`tcp/${p.port}`])
      assert.ok(f.title.includes(p.service), f.title)
      assert.equal(f.why, p.why)
      assert.equal(f.fix, p.fix)
    }
  })

  test('severities: SSH and RDP HIGH, Redis, Telnet, SMB and plain Docker CRITICAL', () => {
    assert.equal(finding(tcp(22)).severity, 'HIGH')
    assert.equal(finding(tcp(3389)).severity, 'HIGH')
    for (const port of [6379, 23, 445, 2375]) assert.equal(finding(tcp(port)).severity, 'CRITICAL', `${port}`)
    assert.match(finding(tcp(22)).fix, /Bastion/)
  })
})

describe('sources', () => {
  test('only whole-address-space CIDRs count as the world, IPv4 and IPv6', () => {
    for (const source of ['0.0.0.0/0', '::/0', '0::/0', ' 0.0.0.0/0 ']) {
      assert.equal(isWorldSource({ protocol: '6', source }), true, source)
    }
    for (const source of ['10.0.0.0/16', '0.0.0.0/1', '203.0.113.7/32', '2001:db8::/32', '', undefined]) {
      assert.equal(isWorldSource({ protocol: '6', source }), false, String(source))
    }
  })

  test('IPv6 ::/0 on SSH is a finding like 0.0.0.0/0', () => {
    assert.equal(finding(tcp(22, 22, '::/0')).severity, 'HIGH')
  })

  test('service CIDR labels and NSG sources are not the internet', () => {
    ignored({
      ...tcp(22),
      source: 'all-iad-services-in-oracle-services-network',
      sourceType: 'SERVICE_CIDR_BLOCK',
    })
    ignored({
      ...tcp(22),
      source: 'ocid1.networksecuritygroup.oc1.iad.aaaa',
      sourceType: 'NETWORK_SECURITY_GROUP',
    })
    ignored(tcp(22, 22, '10.0.0.0/16'))
  })

  test('egress rules are ignored, even to 0.0.0.0/0', () => {
    ignored({ protocol: 'all', direction: 'EGRESS', destination: '0.0.0.0/0', source: '0.0.0.0/0' })
  })
})

describe('protocols and port ranges', () => {
  test('all protocols from the world is CRITICAL and exposes every sensitive port, TCP and UDP', () => {
    const f = finding({ protocol: 'all', source: '0.0.0.0/0' })
    assert.equal(f.severity, 'CRITICAL')
    assert.match(f.title, /All protocols and ports/)
    assert.ok(ports(f).includes('tcp/22') && ports(f).includes('udp/11211'))
    assert.equal(finding({ protocol: 'ALL', source: '::/0' }).severity, 'CRITICAL')
  })

  test('TCP without a port range, or 1-65535, is all TCP ports: CRITICAL', () => {
    for (const rule of [
      { protocol: '6', source: '0.0.0.0/0' },
      tcp(1, 65535),
      { ...tcp(0), tcpOptions: {} },
    ]) {
      const f = finding(rule)
      assert.equal(f.severity, 'CRITICAL')
      assert.match(f.title, /All TCP ports/)
      assert.ok(!ports(f).some((p) => p.startsWith('udp/')))
    }
  })

  test('UDP without a range is all UDP ports: HIGH', () => {
    const f = finding({ protocol: '17', source: '0.0.0.0/0' })
    assert.equal(f.severity, 'HIGH')
    assert.deepEqual(ports(f), ['udp/11211'])
  })

  test('a range that includes sensitive ports is one finding listing them, at the worst severity', () => {
    const f = finding(tcp(20, 25))
    assert.deepEqual(ports(f), ['tcp/22', 'tcp/23'])
    assert.equal(f.severity, 'CRITICAL') // Telnet
    assert.match(f.title, /TCP 20-25 .*SSH 22.*Telnet 23/)
    assert.match(f.why, /SSH: .*Telnet: /)
    const db = finding(tcp(3000, 6000))
    assert.deepEqual(ports(db), ['tcp/3306', 'tcp/3389', 'tcp/5432', 'tcp/5900'])
  })

  test('range edges are inclusive; a range next to a sensitive port is not a finding', () => {
    assert.deepEqual(ports(finding(tcp(5432, 5440))), ['tcp/5432'])
    assert.deepEqual(ports(finding(tcp(6000, 6379))), ['tcp/6379'])
    note(tcp(3390, 5431))
    note(tcp(24, 444))
  })

  test('UDP only counts UDP-sensitive ports: memcached yes, SSH no', () => {
    assert.deepEqual(ports(finding(udp(11211))), ['udp/11211'])
    assert.match(note(udp(22)), /UDP port 22/)
    assert.deepEqual(ports(finding(tcp(11211))), ['tcp/11211'])
  })

  test('ICMP and ICMPv6 are ignored, with or without type options', () => {
    ignored({ protocol: '1', source: '0.0.0.0/0' })
    ignored({ protocol: '1', source: '0.0.0.0/0', icmpOptions: { type: 3, code: 4 } })
    ignored({ protocol: '58', source: '::/0' })
  })

  test('80 and 443 from the world are informational, expected for web tiers', () => {
    for (const port of [80, 443]) assert.match(note(tcp(port)), /expected for a web tier/)
  })

  test('other world-open ports and protocols are informational; wide ranges are told to narrow', () => {
    assert.match(note(tcp(8080)), /TCP port 8080 .*no port known to be sensitive/)
    assert.doesNotMatch(note(tcp(8080)), /narrow/)
    assert.match(note(tcp(30000, 40000)), /narrow the range/)
    assert.match(note({ protocol: '47', source: '0.0.0.0/0' }), /IP protocol 47/)
  })

  test('a source port range does not make a rule safe', () => {
    const rule: RuleLike = {
      ...tcp(22),
      tcpOptions: { destinationPortRange: { min: 22, max: 22 }, sourcePortRange: { min: 1024, max: 65535 } },
    }
    assert.equal(finding(rule).severity, 'HIGH')
  })
})

describe('analyzeRules', () => {
  const subnetList: RuleHolder = {
    kind: 'security_list',
    id: 'ocid1.securitylist.oc1.iad.pub',
    name: 'public-sl',
    vcn_id: 'ocid1.vcn.oc1.iad.v',
    used_by: [{ id: 'ocid1.subnet.oc1.iad.pub', name: 'public-subnet', public: true }],
  }
  const privateList: RuleHolder = {
    kind: 'security_list',
    id: 'ocid1.securitylist.oc1.iad.priv',
    name: 'private-sl',
    used_by: [{ id: 'ocid1.subnet.oc1.iad.priv', name: 'private-subnet', public: false }],
  }
  const nsg: RuleHolder = {
    kind: 'network_security_group',
    id: 'ocid1.networksecuritygroup.oc1.iad.web',
    name: 'web',
  }

  const report = analyzeRules([
    { holder: subnetList, rules: [tcp(443), tcp(22), tcp(3389), tcp(5432, 5432, '10.0.0.0/16')] },
    { holder: privateList, rules: [{ protocol: '1', source: '0.0.0.0/0' }, tcp(3306)] },
    {
      holder: nsg,
      rules: [
        { ...tcp(6379), id: '1A2B02', direction: 'INGRESS' },
        { ...tcp(80), id: '1A2B00', direction: 'INGRESS' },
        { protocol: 'all', id: '1A2BFF', direction: 'EGRESS', destination: '0.0.0.0/0' },
      ],
    },
  ])

  test('finds each exposure once, worst first, and counts them', () => {
    assert.deepEqual(
      report.findings.map((f) => [f.severity, f.holder.name, f.exposed[0].port]),
      [
        ['CRITICAL', 'web', 6379],
        ['HIGH', 'private-sl', 3306],
        ['HIGH', 'public-sl', 22],
        ['HIGH', 'public-sl', 3389],
      ],
    )
    assert.deepEqual(report.counts, { CRITICAL: 1, HIGH: 3, MEDIUM: 0, LOW: 0 })
    assert.equal(report.rules_checked, 8) // egress rules are not counted
  })

  test('says where each finding is: rule position in a security list, rule id in an NSG', () => {
    const ssh = report.findings.find((f) => f.exposed[0].port === 22)
    assert.equal(ssh?.rule_ref, 'ingress rule 2')
    assert.equal(ssh?.rule, 'allow TCP port 22 from 0.0.0.0/0')
    assert.equal(ssh?.holder.id, subnetList.id)
    assert.deepEqual(ssh?.holder.used_by, subnetList.used_by)
    assert.equal(report.findings[0].rule_ref, 'rule 1A2B02')
  })

  test('reachable_now: true via a public subnet, false via private ones only, absent when unknown', () => {
    const by = (port: number) => report.findings.find((f) => f.exposed[0].port === port)
    assert.equal(by(22)?.reachable_now, true)
    assert.equal(by(3306)?.reachable_now, false)
    assert.equal(by(6379)?.reachable_now, undefined)
    assert.ok(!('reachable_now' in (by(6379) ?? {})))
  })

  test('web ports are informational, not findings; restricted sources and ICMP produce nothing', () => {
    assert.deepEqual(
      report.informational.map((n) => [n.holder.name, n.rule]),
      [
        ['public-sl', 'allow TCP port 443 from 0.0.0.0/0'],
        ['web', 'allow TCP port 80 from 0.0.0.0/0'],
      ],
    )
    assert.ok(!report.findings.some((f) => f.exposed.some((e) => e.port === 5432)))
  })

  test('findingsFor picks what reaches one instance: its subnets’ security lists and its NSGs', () => {
    const port = (f: { exposed: { port: number }[] }) => f.exposed[0].port
    const webVm = findingsFor(report.findings, { subnetIds: ['ocid1.subnet.oc1.iad.pub'], nsgIds: [nsg.id] })
    assert.deepEqual(webVm.map(port), [6379, 22, 3389])
    const dbVm = findingsFor(report.findings, { subnetIds: ['ocid1.subnet.oc1.iad.priv'], nsgIds: [] })
    assert.deepEqual(dbVm.map(port), [3306])
    assert.deepEqual(
      findingsFor(report.findings, { subnetIds: ['ocid1.subnet.oc1.iad.other'], nsgIds: [] }),
      [],
    )
  })

  test('no rules, no findings', () => {
    const empty = analyzeRules([])
    assert.deepEqual(empty.findings, [])
    assert.equal(empty.rules_checked, 0)
  })
})
