// The soak's judgement, unit-tested so that npm test catches a soak that could no longer fail: the write ledger,
// the outcome of a call, the memory comparison and the options.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { WriteLedger } from './ledger.ts'
import { seededRandom, soakOptions } from './options.ts'
import { errorCodeOf, judge } from './outcome.ts'
import { compareRss, functionOf, parseVmRss, sampleFunctionRss } from './rss.ts'

const MB = 1024 * 1024
const errorResult = (code: string) => ({
  isError: true,
  content: [{ type: 'text', text: `Error ${code}: x` }],
})

describe('write ledger', () => {
  const ledger = () => {
    const l = new WriteLedger()
    l.record('a', 'alpha', 'ok')
    l.record('b', 'beta', 'ok')
    l.record('c', 'gamma', 'ambiguous')
    l.record('d', 'delta', 'failed')
    return l
  }

  it('passes an end state that holds every acknowledged write, intact', () => {
    const v = ledger().verify(
      ['a', 'b'],
      new Map([
        ['a', 'alpha'],
        ['b', 'beta'],
      ]),
    )
    assert.deepEqual(v, { acknowledged: 2, lost: [], duplicated: [], corrupted: [], stray: [] })
    const withAmbiguous = ledger().verify(
      ['a', 'b', 'c'],
      new Map([
        ['a', 'alpha'],
        ['b', 'beta'],
        ['c', 'gamma'],
      ]),
    )
    assert.deepEqual(withAmbiguous.corrupted, [])
    assert.deepEqual(withAmbiguous.stray, [])
  })

  it('finds a lost, a duplicated, a corrupted and a stray object', () => {
    const v = ledger().verify(
      ['a', 'a', 'c', 'd', 'zzz'],
      new Map([
        ['a', 'alpha'],
        ['c', 'not gamma'],
        ['d', 'delta'],
        ['zzz', 'x'],
      ]),
    )
    assert.deepEqual(v.lost, ['b'])
    assert.deepEqual(v.duplicated, ['a'])
    assert.deepEqual(v.corrupted, ['c'])
    assert.deepEqual(v.stray.sort(), ['d', 'zzz'])
  })

  it('refuses a name recorded twice', () => {
    const l = new WriteLedger()
    l.record('a', 'x', 'ok')
    assert.throws(() => l.record('a', 'y', 'ok'), TypeError)
  })
})

describe('outcome of a call', () => {
  it('judges success, expected fault codes, allowed codes, other codes and thrown errors', () => {
    assert.deepEqual(judge({ content: [] }), { kind: 'ok' })
    assert.deepEqual(judge(errorResult('ERR_OCI_THROTTLED')), { kind: 'expected', code: 'ERR_OCI_THROTTLED' })
    assert.deepEqual(judge(errorResult('ERR_OCI_TIMEOUT')).kind, 'expected')
    assert.deepEqual(judge(errorResult('ERR_OCI_NOT_FOUND')).kind, 'unexpected')
    assert.deepEqual(judge(errorResult('ERR_OCI_NOT_FOUND'), new Set(['ERR_OCI_NOT_FOUND'])).kind, 'expected')
    assert.deepEqual(judge(new TypeError('fetch failed')), { kind: 'unexpected', code: 'thrown:TypeError' })
    assert.equal(
      errorCodeOf({ isError: true, content: [{ type: 'text', text: 'something odd' }] }),
      'ERR_UNCODED',
    )
  })
})

describe('function memory', () => {
  it('reads VmRSS and the function a command line runs', () => {
    assert.equal(parseVmRss('Name:\tnode\nVmRSS:\t  123456 kB\nThreads: 7\n'), 123456 * 1024)
    assert.equal(parseVmRss('Name:\tnode\n'), undefined)
    assert.equal(
      functionOf('/usr/bin/node --import tsx /w/functions/objectstorage/index.ts'),
      'objectstorage',
    )
    assert.equal(functionOf('/usr/bin/node other.js'), undefined)
  })

  it('calls growth past both bounds, or a process gone, not flat — by pid', () => {
    const start = [
      { pid: 1, fn: 'router', rss: 100 * MB },
      { pid: 2, fn: 'router', rss: 100 * MB },
      { pid: 3, fn: 'objectstorage', rss: 100 * MB },
      { pid: 4, fn: 'objectstorage', rss: 100 * MB },
    ]
    const end = [
      { pid: 1, fn: 'router', rss: 160 * MB },
      { pid: 2, fn: 'router', rss: 220 * MB },
      { pid: 3, fn: 'objectstorage', rss: 90 * MB },
      { pid: 5, fn: 'objectstorage', rss: 100 * MB },
    ]
    const v = compareRss(start, end)
    assert.deepEqual(
      v.map((x) => [x.pid, x.flat, x.gone]),
      [
        [1, true, false],
        [2, false, false],
        [3, true, false],
        [4, false, true],
      ],
    )
  })

  it('samples no function processes where this process started none', () => {
    assert.deepEqual(sampleFunctionRss(), [])
  })
})

describe('soak options', () => {
  it('defaults to 60 s with faults, takes flags over environment, refuses nonsense', () => {
    assert.deepEqual(soakOptions([], {}), { seconds: 60, seed: 82026, faults: true, workersPerPrincipal: 2 })
    assert.equal(soakOptions(['--seconds', '5'], { SOAK_SECONDS: '9' }).seconds, 5)
    assert.equal(soakOptions([], { SOAK_SECONDS: '9' }).seconds, 9)
    assert.equal(soakOptions(['--no-faults'], {}).faults, false)
    assert.throws(() => soakOptions(['--seconds', '0'], {}), TypeError)
    assert.throws(() => soakOptions([], { SOAK_SEED: 'x' }), TypeError)
  })

  it('draws the same sequence from the same seed', () => {
    const a = seededRandom(3)
    const b = seededRandom(3)
    const xs = Array.from({ length: 5 }, a)
    assert.deepEqual(Array.from({ length: 5 }, b), xs)
    assert.ok(xs.every((x) => x >= 0 && x < 1))
    assert.notDeepEqual(Array.from({ length: 5 }, seededRandom(4)), xs)
  })
})
