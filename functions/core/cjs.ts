// Named exports of a CommonJS package loaded with a dynamic import, the same from sources and from the bundles.

/**
 * Node's ESM interop puts `module.exports` on `default` and copies the named exports beside it; esbuild's bundles
 * (format esm, splitting) put it on `default` only, so `(await import('oci-…')).SomeClient` is undefined there.
 * Reading through `default` works in both.
 */
export const cjsExports = <T extends object>(namespace: T): T =>
  (namespace as { default?: T }).default ?? namespace
