// Types for the parts of @fnproject/fdk the project uses (the package ships none).
declare module '@fnproject/fdk' {
  export interface HttpGatewayContext {
    readonly requestURL: string | null
    readonly method: string | null
    readonly headers: Record<string, string[]>
    getHeader(key: string): string | null
    statusCode: number
    setResponseHeader(key: string, ...values: string[]): void
  }
  export interface Context {
    readonly callID: string
    readonly deadline: Date | null
    readonly headers: Record<string, string[]>
    getHeader(key: string): string | null
    responseContentType: string
    setResponseHeader(key: string, ...values: string[]): void
    readonly httpGateway: HttpGatewayContext
  }
  export interface FnResult {
    readonly __fnResult?: never
  }
  export function handle(
    fn: (body: Buffer, ctx: Context) => Promise<FnResult | string> | FnResult | string,
    options: { inputMode: 'buffer' },
  ): () => void
  export function rawResult(body: string | Buffer): FnResult
}
