// Security rules written out: protocols, ports, peers, ICMP types and NSG rule ids.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { protocolName, ruleRow } from './rules.ts'

test('protocol numbers become names; unknown ones stay numbered', () => {
  assert.deepEqual(['all', '1', '6', '17', '58', '47'].map(protocolName), [
    'all protocols',
    'ICMP',
    'TCP',
    'UDP',
    'ICMPv6',
    'protocol 47',
  ])
})

test('ingress and egress rules as rows and sentences', () => {
  const ssh = ruleRow(
    { protocol: '6', source: '0.0.0.0/0', tcpOptions: { destinationPortRange: { min: 22, max: 22 } } },
    'INGRESS',
  )
  assert.deepEqual(ssh, {
    direction: 'INGRESS',
    protocol: 'TCP',
    protocol_number: '6',
    ports: '22',
    peer: '0.0.0.0/0',
    peer_type: 'CIDR_BLOCK',
    stateless: false,
    summary: 'allow TCP port 22 from 0.0.0.0/0',
  })
  const egress = ruleRow({ protocol: 'all', destination: '0.0.0.0/0', isStateless: true }, 'EGRESS')
  assert.equal(egress.summary, 'allow all protocols to 0.0.0.0/0 (stateless)')
  assert.equal(egress.stateless, true)
  const range = ruleRow({
    protocol: '17',
    source: '10.0.0.0/16',
    udpOptions: { destinationPortRange: { min: 1000, max: 2000 }, sourcePortRange: { min: 53, max: 53 } },
  })
  assert.equal(range.ports, '1000-2000')
  assert.equal(range.source_ports, '53')
  assert.equal(range.summary, 'allow UDP port 1000-2000 from 10.0.0.0/16')
  assert.equal(ruleRow({ protocol: '6', source: '::/0' }).summary, 'allow TCP all ports from ::/0')
})

test('ICMP type and code, service CIDRs and NSG rules with direction and id', () => {
  const icmp = ruleRow({ protocol: '1', source: '10.0.0.0/16', icmpOptions: { type: 3, code: 4 } }, 'INGRESS')
  assert.equal(icmp.icmp, 'type 3 code 4')
  assert.equal(icmp.summary, 'allow ICMP type 3 code 4 from 10.0.0.0/16')
  assert.equal(ruleRow({ protocol: '1', source: '0.0.0.0/0', icmpOptions: null }).icmp, 'all types')
  const nsgRule = ruleRow({
    protocol: '6',
    direction: 'EGRESS',
    destination: 'all-iad-services-in-oracle-services-network',
    destinationType: 'SERVICE_CIDR_BLOCK',
    tcpOptions: { destinationPortRange: { min: 443, max: 443 } },
    id: '1A2B03',
    description: 'Oracle services',
  })
  assert.equal(nsgRule.direction, 'EGRESS')
  assert.equal(nsgRule.rule_id, '1A2B03')
  assert.equal(nsgRule.description, 'Oracle services')
  assert.equal(
    nsgRule.summary,
    'allow TCP port 443 to all-iad-services-in-oracle-services-network (SERVICE_CIDR_BLOCK)',
  )
})
