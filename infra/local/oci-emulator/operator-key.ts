// The operator's API key: made once per data directory, registered in the state, and described by an OCI config file.
import { createHash, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import * as seed from '../seed.ts'
import { atomicWrite, type Store } from './store.ts'

export const KEY_FILE = 'operator_api_key.pem'
export const CONFIG_FILE = 'config'

/** OCI's key fingerprint: MD5 of the DER SubjectPublicKeyInfo, lower-case hex pairs joined by colons. */
export function ociFingerprint(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' })
  return createHash('md5').update(der).digest('hex').match(/../g)!.join(':')
}

/**
 * Makes sure the operator has a key pair on disk, that its public half is registered, and that the
 * config file points at it. Returns the config file's path. Safe to call on every start.
 */
export function ensureOperatorKey(store: Store): string {
  const dataDir = resolve(store.dataDir)
  const keyPath = join(dataDir, KEY_FILE)
  if (!existsSync(keyPath)) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    atomicWrite(keyPath, privateKey.export({ type: 'pkcs8', format: 'pem' }), 0o600)
  }
  const publicKey = createPublicKey(readFileSync(keyPath))
  const fingerprint = ociFingerprint(publicKey)
  const userId = seed.operator.ocid
  if (!store.state.apiKeys.some((k) => k.userId === userId && k.fingerprint === fingerprint)) {
    store.state.apiKeys.push({
      userId,
      fingerprint,
      publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      timeCreated: new Date().toISOString(),
    })
    store.save()
  }
  const configPath = join(dataDir, CONFIG_FILE)
  const config = [
    '[DEFAULT]',
    `user=${userId}`,
    `fingerprint=${fingerprint}`,
    `tenancy=${store.state.tenancy.id}`,
    `region=${seed.REGION}`,
    `key_file=${keyPath}`,
    '',
  ].join('\n')
  if (!existsSync(configPath) || readFileSync(configPath, 'utf8') !== config)
    atomicWrite(configPath, config, 0o600)
  return configPath
}
