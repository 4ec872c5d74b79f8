import { createMasker, type Masker, sanitizeText } from '@berth/security';
import type { CallToolResult } from '@modelcontextprotocol/client';
import type { ToolCallInterceptor } from './tool-call-interceptor.js';

/** Every string of a JSON value cleaned and masked, by its key name and by the secrets in it. */
function maskJson(value: unknown, masker: Masker, key?: string): unknown {
  if (typeof value === 'string') return masker.maskValue(sanitizeText(value), key);
  if (Array.isArray(value)) return value.map((v) => maskJson(v, masker, key));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskJson(v, masker, k)]));
  }
  return value;
}

/**
 * Masks secrets in what other servers answer: text content, embedded text resources and
 * structured content, by key name and by the secret values `masker` knows (default: a
 * masker that knows none, so by key names and credential formats). Binary content
 * (images, audio, blobs) passes as it is.
 */
export function maskResultsInterceptor(masker: Masker = createMasker()): ToolCallInterceptor {
  return {
    name: 'mask-results',
    after(call, result) {
      // berth's own runner masks its answers already; masking twice would mangle its tokens.
      if (call.audited) return result;
      const content = result.content.map((block) => {
        if (block.type === 'text') return { ...block, text: masker.maskText(sanitizeText(block.text)) };
        if (block.type === 'resource' && 'text' in block.resource) {
          return { ...block, resource: { ...block.resource, text: masker.maskText(block.resource.text) } };
        }
        return block;
      });
      const masked: CallToolResult = { ...result, content };
      if (result.structuredContent !== undefined) {
        masked.structuredContent = maskJson(result.structuredContent, masker) as Record<string, unknown>;
      }
      return masked;
    },
  };
}
