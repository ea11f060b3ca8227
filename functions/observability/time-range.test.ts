// Time ranges: durations, `last` versus start/end, ordering and bounds.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { formatDuration, parseDuration, resolveTimeRange, type TimeRangeRules } from './time-range.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const now = new Date('2026-05-10T12:00:00.000Z')
const rules: TimeRangeRules = { defaultLast: '6h', maxMs: 14 * DAY }

describe('parseDuration / formatDuration', () => {
  it('reads minutes, hours, days and weeks', () => {
    assert.equal(parseDuration('30m'), 30 * 60_000)
    assert.equal(parseDuration('6h'), 6 * HOUR)
    assert.equal(parseDuration('2d'), 2 * DAY)
    assert.equal(parseDuration('1w'), 7 * DAY)
  })

  it('rejects anything else', () => {
    for (const bad of ['', '6', 'h', '6x', '-1h', '0h', '1.5h', '6 hours', '6hh']) {
      assert.equal(parseDuration(bad), undefined, bad)
    }
  })

  it('formats back', () => {
    assert.equal(formatDuration(90 * 60_000), '1h 30m')
    assert.equal(formatDuration(14 * DAY), '14d')
    assert.equal(formatDuration(0), '0m')
  })
})

describe('resolveTimeRange', () => {
  it("last: '6h' ends now and starts six hours before", () => {
    const r = resolveTimeRange({ last: '6h' }, rules, now)
    assert.equal(r.end.toISOString(), '2026-05-10T12:00:00.000Z')
    assert.equal(r.start.toISOString(), '2026-05-10T06:00:00.000Z')
    assert.equal(r.ms, 6 * HOUR)
  })

  it('uses the default when nothing is given', () => {
    assert.equal(resolveTimeRange({}, { ...rules, defaultLast: '1h' }, now).ms, HOUR)
  })

  it('last counts back from an explicit end', () => {
    const r = resolveTimeRange({ last: '2h', end: '2026-05-09T00:00:00Z' }, rules, now)
    assert.equal(r.start.toISOString(), '2026-05-08T22:00:00.000Z')
  })

  it('start/end with offsets; end defaults to now', () => {
    const r = resolveTimeRange({ start: '2026-05-10T10:00:00+02:00' }, rules, now)
    assert.equal(r.start.toISOString(), '2026-05-10T08:00:00.000Z')
    assert.equal(r.end.getTime(), now.getTime())
  })

  const code = (fn: () => unknown) => {
    try {
      fn()
    } catch (error) {
      return (error as { code?: string }).code
    }
    return 'no error'
  }

  it('refuses last with start, disorder, the future, too long, too old and bad text', () => {
    const cases: [string, Parameters<typeof resolveTimeRange>[0], Partial<TimeRangeRules>?][] = [
      ['last and start', { last: '1h', start: '2026-05-10T00:00:00Z' }],
      ['end before start', { start: '2026-05-10T10:00:00Z', end: '2026-05-10T09:00:00Z' }],
      ['equal', { start: '2026-05-10T10:00:00Z', end: '2026-05-10T10:00:00Z' }],
      ['future', { start: '2026-05-11T00:00:00Z', end: '2026-05-12T00:00:00Z' }],
      ['over the maximum', { last: '15d' }],
      [
        'beyond retention',
        { start: '2026-01-01T00:00:00Z', end: '2026-01-02T00:00:00Z' },
        { retentionMs: 90 * DAY },
      ],
      ['not a duration', { last: 'yesterday' }],
      ['not a time', { start: 'not-a-time' }],
    ]
    for (const [label, input, extra] of cases) {
      assert.equal(
        code(() => resolveTimeRange(input, { ...rules, ...extra }, now)),
        'ERR_INPUT_INVALID',
        label,
      )
    }
  })

  it('accepts exactly the maximum', () => {
    assert.equal(resolveTimeRange({ last: '14d' }, rules, now).ms, 14 * DAY)
  })
})
