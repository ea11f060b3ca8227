// Bundled by test/cjs-bundle.test.ts: which named exports of CommonJS packages a dynamic import yields in a bundle.
import { cjsExports } from '../../functions/core/cjs.ts'

const [secrets, functions, common] = await Promise.all([
  import('oci-secrets'),
  import('oci-functions'),
  import('oci-common'),
])
console.log(
  JSON.stringify({
    direct: typeof (secrets as { SecretsClient?: unknown }).SecretsClient,
    SecretsClient: typeof cjsExports(secrets).SecretsClient,
    FunctionsInvokeClient: typeof cjsExports(functions).FunctionsInvokeClient,
    DefaultRequestSigner: typeof cjsExports(common).DefaultRequestSigner,
    ResourcePrincipalAuthenticationDetailsProvider:
      typeof cjsExports(common).ResourcePrincipalAuthenticationDetailsProvider,
  }),
)
