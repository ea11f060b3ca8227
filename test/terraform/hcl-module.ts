// Loads a Terraform module with the real HCL parser (@cdktf/hcl2json) and walks what it parsed.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from '@cdktf/hcl2json'

/** hcl2json output: blocks become arrays of bodies; expressions stay strings like "${var.x}". */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json }
export type Body = { [key: string]: Json }

export interface TfFile {
  name: string
  text: string
  json: Body
}

export interface TfModule {
  files: TfFile[]
  /** "type.name" → body, for resources and data sources. */
  resources: Map<string, Body>
  data: Map<string, Body>
  variables: Map<string, Body>
  outputs: Map<string, Body>
  locals: Map<string, Json>
}

export const MODULE_DIR = new URL('../../infra/terraform/', import.meta.url).pathname

export async function parseFile(name: string, text: string): Promise<TfFile> {
  return { name, text, json: (await parse(name, text)) as Body }
}

/** Parses every .tf file of a folder; a parse error rejects. */
export async function loadModule(dir = MODULE_DIR): Promise<TfModule> {
  const names = readdirSync(dir)
    .filter((n) => n.endsWith('.tf'))
    .sort()
  return moduleOf(await Promise.all(names.map((n) => parseFile(n, readFileSync(join(dir, n), 'utf8')))))
}

/** One module from inline HCL, for feeding the rule checkers a deliberately bad snippet. */
export async function moduleFromText(text: string, name = 'snippet.tf'): Promise<TfModule> {
  return moduleOf([await parseFile(name, text)])
}

const bodies = (value: Json | undefined): Body[] => (Array.isArray(value) ? (value as Body[]) : [])

function moduleOf(files: TfFile[]): TfModule {
  const mod: TfModule = {
    files,
    resources: new Map(),
    data: new Map(),
    variables: new Map(),
    outputs: new Map(),
    locals: new Map(),
  }
  for (const { json } of files) {
    for (const [kind, target] of [
      ['resource', mod.resources],
      ['data', mod.data],
    ] as const) {
      for (const [type, byName] of Object.entries(
        (json[kind] ?? {}) as Record<string, Record<string, Json>>,
      )) {
        for (const [name, list] of Object.entries(byName))
          target.set(`${type}.${name}`, bodies(list)[0] ?? {})
      }
    }
    for (const [name, list] of Object.entries((json.variable ?? {}) as Record<string, Json>)) {
      mod.variables.set(name, bodies(list)[0] ?? {})
    }
    for (const [name, list] of Object.entries((json.output ?? {}) as Record<string, Json>)) {
      mod.outputs.set(name, bodies(list)[0] ?? {})
    }
    for (const block of bodies(json.locals)) for (const [k, v] of Object.entries(block)) mod.locals.set(k, v)
  }
  return mod
}

export interface Visit {
  path: (string | number)[]
  value: string
}

/** Every string value under `value`, with its path. Object keys are not values. */
export function* strings(value: Json | undefined, path: (string | number)[] = []): Generator<Visit> {
  if (typeof value === 'string') yield { path, value }
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, [...path, i])
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) yield* strings(v, [...path, k])
}

/** Every object key under `value`. */
export function* keys(value: Json | undefined): Generator<string> {
  if (Array.isArray(value)) for (const v of value) yield* keys(v)
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      yield k
      yield* keys(v)
    }
  }
}

export function* moduleStrings(mod: TfModule): Generator<Visit & { file: string }> {
  for (const f of mod.files) for (const s of strings(f.json)) yield { ...s, file: f.name }
}

/**
 * Quoted string templates inside an expression, e.g. the "Allow … ${x} …" in "${[for g in y : "Allow …"]}".
 * Interpolations may nest quotes ("${f("a")}"); those are skipped over, not returned.
 */
export function quotedTemplates(expression: string): string[] {
  const out: string[] = []
  let i = 0
  while (i < expression.length) {
    if (expression[i] !== '"') {
      i += 1
      continue
    }
    const start = i + 1
    let j = start
    let depth = 0
    while (j < expression.length) {
      if (expression.startsWith('${', j) || expression.startsWith('%{', j)) {
        depth += 1
        j += 2
        continue
      }
      const c = expression[j]
      if (c === '\\') j += 2
      else if (depth > 0 && c === '}') {
        depth -= 1
        j += 1
      } else if (depth > 0 && c === '"') j = skipQuoted(expression, j) + 1
      else if (depth === 0 && c === '"') break
      else j += 1
    }
    out.push(expression.slice(start, j))
    i = j + 1
  }
  return out
}

function skipQuoted(text: string, open: number): number {
  let j = open + 1
  while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1
  return j
}

/** A string value and the literal templates inside it: what a rule about literal text must look at. */
export function literals(value: string): string[] {
  return value.includes('${') ? [value, ...quotedTemplates(value)] : [value]
}

/** Collapses whitespace, so expression text can be compared regardless of formatting. */
export const squash = (s: string) => s.replace(/\s+/g, ' ').trim()

/** The body of a block that hcl2json holds as a one-element array. */
export const block = (value: Json | undefined): Body => bodies(value)[0] ?? {}
