// Event bindings: validation with located errors, matching, and the template language (values, never code).
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { type Binding, matches, parseBindings, render } from './bindings.ts'

const tools = new Map<string, { access: 'read' | 'write' }>([
  ['objectstorage_head_object', { access: 'read' }],
  ['objectstorage_delete_object', { access: 'write' }],
])
const event = JSON.parse(
  readFileSync(
    new URL('../../infra/events/examples/objectstorage-createobject.json', import.meta.url),
    'utf8',
  ),
)

const errorText = (fn: () => unknown) => {
  try {
    fn()
  } catch (e) {
    assert.equal((e as { code: string }).code, 'ERR_CONFIG_INVALID')
    return (e as Error).message
  }
  assert.fail('expected ERR_CONFIG_INVALID')
}

describe('parseBindings', () => {
  it('accepts the shipped bindings', () => {
    const text = readFileSync(new URL('../../infra/events/bindings.json', import.meta.url), 'utf8')
    assert.equal(parseBindings(text, tools, false).length, 1)
  })

  it('says where each problem is', () => {
    const bad = {
      bindings: [
        {
          name: 'Bad Name',
          eventTypes: [],
          tool: 'objectstorage_head_object',
          arguments: { a: '{{data.x; process.exit()}}' },
        },
        { name: 'two', eventTypes: ['x.y'], tool: 'nope_no_tool', arguments: {} },
        { name: 'three', eventTypes: ['x.y'], tool: 'objectstorage_delete_object', arguments: {} },
        {
          name: 'four',
          eventTypes: ['x.y'],
          tool: 'objectstorage_head_object',
          arguments: {},
          conditions: [{ path: 'data.a', equals: 'x', prefix: 'y' }],
        },
      ],
    }
    const text = errorText(() => parseBindings(JSON.stringify(bad), tools, false))
    for (const where of [
      'bindings.0.name',
      'bindings.0.eventTypes',
      'bindings.0.arguments.a',
      'bindings.3.conditions.0',
    ]) {
      assert.ok(text.includes(where), `${where} reported`)
    }
    const semantic = errorText(() =>
      parseBindings(JSON.stringify({ bindings: bad.bindings.slice(1, 3) }), tools, false),
    )
    assert.match(semantic, /bindings\.0\.tool: no tool named 'nope_no_tool'/)
    assert.match(semantic, /bindings\.1\.tool: 'objectstorage_delete_object' changes resources/)
    assert.equal(parseBindings(JSON.stringify({ bindings: [bad.bindings[2]] }), tools, true).length, 1)
    errorText(() => parseBindings('{not json', tools, false))
  })
})

describe('render and matches', () => {
  it('substitutes fields, keeping the type of a whole-value placeholder', () => {
    assert.equal(render('{{data.resourceName}}', event), 'incoming/report.csv')
    assert.equal(
      render('out/{{ data.additionalDetails.bucketName }}/{{eventID}}.json', event),
      'out/events-inbox/3e47d127-19de-6eb8-eb67-0c1ab961fcbc.json',
    )
    assert.deepEqual(render('{{data.additionalDetails}}', event), event.data.additionalDetails)
  })

  it('refuses missing fields and inherited properties', () => {
    assert.throws(() => render('{{data.nothing}}', event), { code: 'ERR_INPUT_INVALID' })
    assert.throws(() => render('{{data.constructor}}', event), { code: 'ERR_INPUT_INVALID' })
    assert.throws(() => render('x{{data.additionalDetails}}', event), { code: 'ERR_INPUT_INVALID' })
  })

  it('matches on type and every condition', () => {
    const b = (conditions: Binding['conditions']): Binding => ({
      name: 'b',
      eventTypes: ['com.oraclecloud.objectstorage.createobject'],
      conditions,
      tool: 'objectstorage_head_object',
      arguments: {},
    })
    assert.equal(
      matches(b([{ path: 'data.additionalDetails.bucketName', equals: 'events-inbox' }]), event),
      true,
    )
    assert.equal(matches(b([{ path: 'data.additionalDetails.bucketName', equals: 'other' }]), event), false)
    assert.equal(matches(b([{ path: 'data.resourceName', prefix: 'incoming/' }]), event), true)
    assert.equal(matches(b([{ path: 'data.resourceName', in: ['a', 'b'] }]), event), false)
    assert.equal(matches(b([]), { ...event, eventType: 'com.oraclecloud.objectstorage.deleteobject' }), false)
  })
})
