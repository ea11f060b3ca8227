// Metric series: merging streams, statistics, sparklines and the observations drawn from them.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { highSince, mergeStreams, observations, type Point, sparkline, stats } from './series.ts'

const series = (...values: number[]): Point[] =>
  values.map((value, i) => ({ timestamp: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(), value }))

test('stats: min, mean, max and the latest point; nothing for an empty series', () => {
  const s = series(10, 20, 60)
  assert.deepEqual(stats(s), { min: 10, mean: 30, max: 60, latest: s[2] })
  assert.deepEqual(stats([]), {})
  assert.equal(stats(series(1, 2, 2)).mean, 1.67)
})

test('mergeStreams sums or averages per timestamp, in time order', () => {
  const a = series(1, 2, 3)
  const b = series(10, 20)
  assert.deepEqual(
    mergeStreams([a, b], 'sum').map((p) => p.value),
    [11, 22, 3],
  )
  assert.deepEqual(
    mergeStreams([a, b], 'mean').map((p) => p.value),
    [5.5, 11, 3],
  )
  assert.deepEqual(mergeStreams([[...a].reverse()], 'sum'), a)
})

test('sparkline: at most width characters, scaled to the given floor and ceiling', () => {
  assert.equal(sparkline(series(0, 100), 24, 0, 100), '▁█')
  assert.equal(sparkline(series(...Array.from({ length: 300 }, () => 50)), 24, 0, 100).length, 24)
  assert.equal(sparkline([], 24), '')
  assert.equal(sparkline(series(5, 5, 5)), '▁▁▁')
})

test('highSince: the start of the run above a threshold that reaches the latest point', () => {
  const s = series(95, 20, 91, 96, 97)
  assert.deepEqual(highSince(s, 90), s[2])
  assert.equal(highSince(series(95, 20), 90), undefined)
  assert.equal(highSince([], 90), undefined)
})

test('observations: saturation with its start, a spike now, idleness and missing data', () => {
  const m = (name: string, values: number[]) => {
    const points = series(...values)
    return { name, points, ...stats(points) }
  }
  const notes = observations(
    [m('cpu', [96, 97, 98]), m('memory', [50, 60, 93]), m('network_in', []), m('network_out', [1])],
    'RUNNING',
  )
  assert.equal(notes.length, 3)
  assert.match(
    notes[0],
    /^CPU saturated: mean 97% \(max 98%\) over the window — at or above 90% since 2026-01-01T00:00:00.000Z \(2 min/,
  )
  assert.match(
    notes[1],
    /^Memory high now: 93% \(window mean 67.67%\) — at or above 90% since 2026-01-01T00:02:00.000Z/,
  )
  assert.equal(notes[2], 'No Network bytes in data in this window.')
  assert.match(observations([m('cpu', [1, 2])], 'RUNNING')[0], /nearly idle/)
  assert.deepEqual(observations([m('cpu', []), m('memory', [])], 'STOPPED'), [
    'No data in this window: the instance is STOPPED, so it publishes no metrics.',
  ])
  assert.match(observations([m('cpu', [])], 'RUNNING')[0], /Monitoring plugin is enabled/)
  assert.deepEqual(observations([m('cpu', [40, 50])], 'RUNNING'), [])
})
