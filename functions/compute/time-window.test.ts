// Metrics windows: last or start/end, bounds, and intervals that keep series under the point limit.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { isMcpFunctionsError } from '../core/errors.ts'
import { METRICS_MAX_POINTS } from './catalog.ts'
import { durationMs, intervalFor, resolveWindow } from './time-window.ts'

const NOW = new Date('2026-02-01T12:00:00.000Z')
const H = 3_600_000

const rejects = (input: Parameters<typeof resolveWindow>[0], pattern: RegExp) =>
  assert.throws(
    () => resolveWindow(input, NOW),
    (e) => isMcpFunctionsError(e) && e.code === 'ERR_INPUT_INVALID' && pattern.test(e.message),
  )

test('last picks the window ending now and an interval with at most the point limit', () => {
  const cases: [string, string][] = [
    ['1h', '1m'],
    ['5h', '1m'],
    ['6h', '5m'],
    ['24h', '5m'],
    ['7d', '1h'],
    ['30d', '3h'],
    ['90d', '12h'],
  ]
  for (const [last, interval] of cases) {
    const w = resolveWindow({ last }, NOW)
    assert.equal(w.end.toISOString(), NOW.toISOString())
    assert.equal(NOW.getTime() - w.start.getTime(), durationMs(last))
    assert.equal(w.interval, interval, last)
    assert.ok(Math.ceil(durationMs(last) / w.intervalMs) <= METRICS_MAX_POINTS, last)
  }
})

test('the default window is the last 6 hours', () => {
  const w = resolveWindow({}, NOW)
  assert.equal(NOW.getTime() - w.start.getTime(), 6 * H)
})

test('start and end, with end defaulting to now and a slightly future end clamped', () => {
  const w = resolveWindow({ start: '2026-02-01T10:00:00Z', end: '2026-02-01T11:00:00+00:00' }, NOW)
  assert.equal(w.start.toISOString(), '2026-02-01T10:00:00.000Z')
  assert.equal(w.end.toISOString(), '2026-02-01T11:00:00.000Z')
  assert.equal(w.interval, '1m')
  assert.equal(resolveWindow({ start: '2026-02-01T00:00:00Z' }, NOW).end.toISOString(), NOW.toISOString())
  assert.equal(
    resolveWindow({ start: '2026-02-01T11:00:00Z', end: '2026-02-01T12:02:00Z' }, NOW).end.toISOString(),
    NOW.toISOString(),
  )
})

test('contradictory, unordered, future, too old, too long or too short windows are refused', () => {
  rejects({ last: '1h', start: '2026-02-01T10:00:00Z' }, /either last or start/)
  rejects({ end: '2026-02-01T10:00:00Z' }, /end needs a start/)
  rejects({ start: '2026-02-01T11:00:00Z', end: '2026-02-01T10:00:00Z' }, /before end/)
  rejects({ start: '2026-02-01T10:00:00Z', end: '2026-02-02T10:00:00Z' }, /future/)
  rejects({ start: '2025-10-01T00:00:00Z' }, /more than 90 days ago/)
  rejects({ last: '91d' }, /longer than 90 days/)
  rejects({ start: '2026-02-01T11:59:30Z' }, /shorter than one minute/)
  rejects({ last: '2w' }, /not a duration/)
  rejects({ start: 'yesterday' }, /ISO 8601/)
})

test('intervalFor grows with the range', () => {
  assert.equal(intervalFor(60_000), '1m')
  assert.equal(intervalFor(300 * 60_000), '1m')
  assert.equal(intervalFor(301 * 60_000), '5m')
  assert.equal(intervalFor(1000 * 24 * H), '1d')
})
