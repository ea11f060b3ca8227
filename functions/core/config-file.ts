// Reads an OCI config file's profile without building a signer, so that a missing file and a missing profile
// can be told apart and named: oci-common's errors say neither which path nor which flag to change.
import { existsSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'

export type ConfigFileProblem = 'config_file_missing' | 'profile_missing'

export interface ConfigFileProfile {
  /** The path read, `~` expanded. */
  file: string
  profile: string
  /** Why the profile cannot be used, when that is plain from the file alone. */
  problem?: ConfigFileProblem
  /** The profiles the file holds, in order. */
  profiles: string[]
  /** The profile's keys over those of DEFAULT, as the SDK resolves them. */
  values: Record<string, string>
}

export const expandHome = (file: string) => file.replace(/^~(?=\/|$)/, homedir())

export function readConfigProfile(path: string, profile: string): ConfigFileProfile {
  const file = expandHome(path)
  if (!existsSync(file)) return { file, profile, problem: 'config_file_missing', profiles: [], values: {} }
  const sections = new Map<string, Record<string, string>>()
  let current: Record<string, string> | undefined
  for (const raw of readFileSync(file, 'utf8').split(/\r?\n/)) {
    const line = raw.trim()
    if (!line || line.startsWith('#') || line.startsWith(';')) continue
    const section = /^\[(.*)\]$/.exec(line)
    if (section) {
      const name = (section[1] as string).trim()
      current = sections.get(name) ?? {}
      sections.set(name, current)
      continue
    }
    const eq = line.indexOf('=')
    if (current && eq > 0) current[line.slice(0, eq).trim()] = line.slice(eq + 1).trim()
  }
  const profiles = [...sections.keys()]
  const own = sections.get(profile)
  if (!own) return { file, profile, problem: 'profile_missing', profiles, values: {} }
  return { file, profile, profiles, values: { ...sections.get('DEFAULT'), ...own } }
}
