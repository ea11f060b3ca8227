// A confirmation's requestState opens only for the caller, tool and arguments it was issued for, within its lifetime.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { isMcpFunctionsError } from './errors.ts'
import {
  loadRequestStateKey,
  openRequestState,
  REQUEST_STATE_TTL_MS,
  type StateBinding,
  type StateRefusal,
  sealRequestState,
} from './request-state.ts'

const env = { MCP_REQUEST_STATE_KEY: 'k'.repeat(32) }
const binding: StateBinding = {
  sub: 'alice@example.com',
  tool: 'objectstorage_delete_object',
  argsDigest: 'sha256:aaaa',
}
const T0 = Date.parse('2026-08-01T10:00:00Z')

function refusedFor(run: () => void): StateRefusal | string {
  try {
    run()
  } catch (error) {
    assert.ok(isMcpFunctionsError(error))
    assert.equal(error.code, 'ERR_CONFIRMATION_INVALID')
    return error.details?.reason as StateRefusal
  }
  return 'accepted'
}

describe('requestState', () => {
  const state = sealRequestState(binding, env, T0)

  test('opens for the same caller, tool and arguments until it expires', () => {
    assert.equal(
      refusedFor(() => openRequestState(state, binding, env, T0 + 1000)),
      'accepted',
    )
    assert.equal(
      refusedFor(() => openRequestState(state, binding, env, T0 + REQUEST_STATE_TTL_MS - 1)),
      'accepted',
    )
    assert.equal(
      refusedFor(() => openRequestState(state, binding, env, T0 + REQUEST_STATE_TTL_MS)),
      'expired',
    )
  })

  test('another caller, tool or arguments are refused', () => {
    const open = (other: Partial<StateBinding>) =>
      refusedFor(() => openRequestState(state, { ...binding, ...other }, env, T0))
    assert.equal(open({ sub: 'mallory@example.com' }), 'caller')
    assert.equal(open({ tool: 'objectstorage_put_object' }), 'tool')
    assert.equal(open({ argsDigest: 'sha256:bbbb' }), 'arguments')
  })

  test('a changed body or signature, another key, or garbage is refused', () => {
    const [prefix, body, sig] = state.split('.')
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'))
    const forged = Buffer.from(JSON.stringify({ ...payload, exp: payload.exp + 3_600_000 })).toString(
      'base64url',
    )
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1)
    const open = (s: string, e: NodeJS.ProcessEnv = env) =>
      refusedFor(() => openRequestState(s, binding, e, T0))
    assert.equal(open(`${prefix}.${forged}.${sig}`), 'signature')
    assert.equal(open(`${prefix}.${body}.${flip(sig)}`), 'signature')
    assert.equal(open(`${prefix}.${body}.`), 'signature')
    assert.equal(open(state, { MCP_REQUEST_STATE_KEY: 'x'.repeat(32) }), 'signature')
    // The per-process key (no configuration) did not sign this state either.
    assert.equal(open(state, {}), 'signature')
    assert.equal(open('not-a-state'), 'malformed')
    assert.equal(open(''), 'malformed')
  })

  test('without configuration a per-process key signs and opens', () => {
    const local = sealRequestState(binding, {}, T0)
    assert.equal(
      refusedFor(() => openRequestState(local, binding, {}, T0)),
      'accepted',
    )
  })

  test('a configured key shorter than 32 bytes is a configuration error', () => {
    assert.throws(
      () => sealRequestState(binding, { MCP_REQUEST_STATE_KEY: 'short' }, T0),
      (e) => isMcpFunctionsError(e) && e.code === 'ERR_CONFIG_INVALID',
    )
  })
})

describe('the key from Vault (MCP_REQUEST_STATE_KEY_OCID)', () => {
  test('is required once named: a state is neither sealed nor opened with a key that was not loaded', () => {
    const vault = { MCP_REQUEST_STATE_KEY_OCID: 'ocid1.vaultsecret.oc1.iad.aaaastatekey' }
    assert.throws(() => sealRequestState(binding, vault, T0), { code: 'ERR_CONFIG_INVALID' })
    const state = sealRequestState(binding, env, T0)
    assert.throws(() => openRequestState(state, binding, vault, T0), { code: 'ERR_CONFIG_INVALID' })
  })

  test('a literal key wins over the OCID, so nothing is read from Vault', async () => {
    const both = { ...env, MCP_REQUEST_STATE_KEY_OCID: 'ocid1.vaultsecret.oc1.iad.aaaastatekey' }
    await loadRequestStateKey(both)
    openRequestState(sealRequestState(binding, both, T0), binding, env, T0)
  })
})
