import { PROTOCOL_VERSION_META_KEY } from '@modelcontextprotocol/server';
import { isObject } from './json-object.js';

/**
 * Whether a parsed POST body is a JSON-RPC request or notification that claims a protocol
 * revision in its `_meta` envelope (the 2026-07-28 way), `initialize` aside. The SDK's
 * `isLegacyRequest` answers false for every such body, whatever else it holds: its modern
 * path serves it or refuses it. The endpoint then skips that predicate, whose
 * classification the modern handler runs again in full, for the requests of the stateless
 * era, which are nearly all requests.
 */
export function claimsModernEra(httpMethod: string, body: unknown): boolean {
  if (httpMethod !== 'POST' || !isObject(body)) return false;
  if (typeof body.method !== 'string' || body.method === 'initialize') return false;
  // A body with a result or an error is a posted response, which is legacy traffic.
  if ('result' in body || 'error' in body) return false;
  const params = body.params;
  if (!isObject(params)) return false;
  const meta = params._meta;
  return isObject(meta) && PROTOCOL_VERSION_META_KEY in meta;
}
