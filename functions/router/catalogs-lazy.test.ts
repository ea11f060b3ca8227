import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { GroupCatalog } from '../core/catalog.ts'
import { catalogSummary, lazyCatalog } from './catalogs-lazy.ts'
import { GROUP_CATALOGS } from './groups.ts'

/** A lazy catalog over `real`, counting how often its loader ran. */
function counted(real: GroupCatalog) {
  let loads = 0
  const lazy = lazyCatalog(JSON.parse(JSON.stringify(catalogSummary(real))), () => {
    loads += 1
    return real
  })
  return { lazy, loads: () => loads }
}

describe('lazyCatalog', () => {
  it('answers what tools/list and access checks read without loading the catalog', () => {
    for (const real of GROUP_CATALOGS) {
      const { lazy, loads } = counted(real)
      assert.equal(lazy.group, real.group)
      assert.equal(lazy.title, real.title)
      assert.equal(lazy.description, real.description)
      assert.deepEqual(lazy.resources, real.resources)
      assert.deepEqual(
        lazy.tools.map(({ name, title, description, access, annotations }) => ({
          name,
          title,
          description,
          access,
          annotations,
        })),
        real.tools.map(({ name, title, description, access, annotations }) => ({
          name,
          title,
          description,
          access,
          annotations,
        })),
      )
      assert.equal(loads(), 0, `${real.group}: nothing loaded for data`)
    }
  })

  it('loads the catalog once, on the first schema, template or prompt read, and hands over its own objects', () => {
    const real = GROUP_CATALOGS.find((c) => c.resourceTemplates?.length) as GroupCatalog
    const { lazy, loads } = counted(real)
    lazy.tools.forEach((t, i) => {
      assert.equal(t.input, real.tools[i].input)
      assert.equal(t.output, real.tools[i].output)
      assert.equal(t.describeChange, real.tools[i].describeChange)
    })
    assert.equal(lazy.resourceTemplates, real.resourceTemplates)
    assert.equal(lazy.prompts, real.prompts)
    assert.equal(loads(), 1)
  })

  it('refuses a tool the loaded catalog no longer has, naming it', () => {
    const real = GROUP_CATALOGS[0]
    const summary = catalogSummary(real)
    summary.tools.push({ ...summary.tools[0], name: 'gone_tool' })
    const lazy = lazyCatalog(summary, () => real)
    assert.throws(() => lazy.tools.at(-1)?.input, /gone_tool/)
  })
})
