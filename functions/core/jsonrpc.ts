// JSON-RPC 2.0 framing shared by the MCP handler and the router's invoker.

export const PARSE_ERROR = -32700
export const INVALID_REQUEST = -32600
export const METHOD_NOT_FOUND = -32601
export const INVALID_PARAMS = -32602
export const INTERNAL_ERROR = -32603
// Codes of MCP 2026-07-28 (the 2.x SDK's ProtocolErrorCode; -32020 is its HEADER_MISMATCH_ERROR_CODE).
export const HEADER_MISMATCH = -32020
export const MISSING_REQUIRED_CLIENT_CAPABILITY = -32021
export const UNSUPPORTED_PROTOCOL_VERSION = -32022

export type JsonRpcId = string | number

export interface JsonRpcRequest {
  jsonrpc: '2.0'
  id?: JsonRpcId
  method: string
  params?: Record<string, unknown>
}

export interface JsonRpcResponse {
  jsonrpc: '2.0'
  id: JsonRpcId | null
  result?: unknown
  error?: { code: number; message: string; data?: unknown }
}

export class JsonRpcError extends Error {
  constructor(
    readonly rpcCode: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message)
    this.name = 'JsonRpcError'
  }
}

export const rpcResult = (id: JsonRpcId, result: unknown): JsonRpcResponse => ({ jsonrpc: '2.0', id, result })

export const rpcError = (
  id: JsonRpcId | null,
  code: number,
  message: string,
  data?: unknown,
): JsonRpcResponse => ({
  jsonrpc: '2.0',
  id,
  error: data === undefined ? { code, message } : { code, message, data },
})

/** Classifies one parsed message; throws JsonRpcError(INVALID_REQUEST) for anything that is not JSON-RPC 2.0. */
export function asMessage(value: unknown): JsonRpcRequest | JsonRpcResponse {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new JsonRpcError(INVALID_REQUEST, 'A JSON-RPC message must be an object')
  }
  const m = value as Record<string, unknown>
  if (m.jsonrpc !== '2.0') throw new JsonRpcError(INVALID_REQUEST, 'jsonrpc must be "2.0"')
  if ('id' in m && m.id !== null && typeof m.id !== 'string' && typeof m.id !== 'number') {
    throw new JsonRpcError(INVALID_REQUEST, 'id must be a string or a number')
  }
  if (typeof m.method === 'string') {
    if (
      m.params !== undefined &&
      (typeof m.params !== 'object' || m.params === null || Array.isArray(m.params))
    ) {
      throw new JsonRpcError(INVALID_REQUEST, 'params must be an object')
    }
    return m as unknown as JsonRpcRequest
  }
  if ('result' in m || 'error' in m) return m as unknown as JsonRpcResponse
  throw new JsonRpcError(INVALID_REQUEST, 'Not a JSON-RPC request, notification or response')
}

export const isRequest = (m: JsonRpcRequest | JsonRpcResponse): m is JsonRpcRequest =>
  'method' in m && m.id !== undefined && m.id !== null
