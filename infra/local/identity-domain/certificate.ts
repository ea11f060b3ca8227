// A minimal DER encoder for one self-signed X.509 v3 certificate, so the JWKS can carry a real
// x5c whose x5t / x5t#S256 thumbprints are true (IDCS publishes its signing certificate that way).
import { type KeyObject, randomBytes, sign } from 'node:crypto'

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n])
  const bytes: number[] = []
  for (let rest = n; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff)
  return Buffer.from([0x80 | bytes.length, ...bytes])
}

const tlv = (tag: number, content: Buffer) =>
  Buffer.concat([Buffer.from([tag]), length(content.length), content])
const sequence = (...parts: Buffer[]) => tlv(0x30, Buffer.concat(parts))
const set = (...parts: Buffer[]) => tlv(0x31, Buffer.concat(parts))
const explicit = (n: number, content: Buffer) => tlv(0xa0 + n, content)
const octetString = (content: Buffer) => tlv(0x04, content)
const bitString = (content: Buffer, unusedBits = 0) =>
  tlv(0x03, Buffer.concat([Buffer.from([unusedBits]), content]))
const utf8String = (s: string) => tlv(0x0c, Buffer.from(s, 'utf8'))
const DER_NULL = Buffer.from([0x05, 0x00])
const DER_TRUE = Buffer.from([0x01, 0x01, 0xff])

function integer(value: Buffer): Buffer {
  // DER integers are signed: a leading 1 bit needs a 0x00 pad to stay positive.
  return tlv(0x02, value[0] & 0x80 ? Buffer.concat([Buffer.from([0]), value]) : value)
}

function objectId(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number)
  const bytes = [40 * a + b]
  for (const arc of rest) {
    const base128: number[] = [arc & 0x7f]
    for (let v = arc >>> 7; v > 0; v >>>= 7) base128.unshift((v & 0x7f) | 0x80)
    bytes.push(...base128)
  }
  return tlv(0x06, Buffer.from(bytes))
}

function time(date: Date): Buffer {
  // RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050.
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14)
  return date.getUTCFullYear() < 2050
    ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`))
    : tlv(0x18, Buffer.from(`${iso}Z`))
}

const SHA256_WITH_RSA = sequence(objectId('1.2.840.113549.1.1.11'), DER_NULL)

export interface SelfSignedCertificateInput {
  commonName: string
  publicKey: KeyObject
  privateKey: KeyObject
  notBefore: Date
  notAfter: Date
}

/** Returns the certificate as DER. Extensions: basicConstraints CA:false, keyUsage digitalSignature. */
export function selfSignedCertificate(input: SelfSignedCertificateInput): Buffer {
  const name = sequence(set(sequence(objectId('2.5.4.3'), utf8String(input.commonName))))
  const serial = randomBytes(16)
  serial[0] &= 0x7f
  const extensions = sequence(
    sequence(objectId('2.5.29.19'), DER_TRUE, octetString(sequence())),
    sequence(objectId('2.5.29.15'), DER_TRUE, octetString(bitString(Buffer.from([0x80]), 7))),
  )
  const tbs = sequence(
    explicit(0, integer(Buffer.from([2]))),
    integer(serial),
    SHA256_WITH_RSA,
    name,
    sequence(time(input.notBefore), time(input.notAfter)),
    name,
    input.publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, extensions),
  )
  const signature = sign('sha256', tbs, input.privateKey)
  return sequence(tbs, SHA256_WITH_RSA, bitString(signature))
}
