import { isLegacyRequest, PROTOCOL_VERSION_META_KEY } from '@modelcontextprotocol/server';
import { describe, expect, it } from 'vitest';
import { claimsModernEra } from './modern-claim.js';

const claim = (version: unknown = '2026-07-28', extra: Record<string, unknown> = {}) => ({
  _meta: { [PROTOCOL_VERSION_META_KEY]: version, ...extra },
});

const bodies: Record<string, unknown> = {
  'modern tools/call': { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'x', ...claim() } },
  'modern notification': { jsonrpc: '2.0', method: 'notifications/cancelled', params: claim() },
  'claim naming an unserved revision': {
    jsonrpc: '2.0',
    id: 1,
    method: 'tools/list',
    params: claim('1999-01-01'),
  },
  'claim that is not a string': { jsonrpc: '2.0', id: 1, method: 'tools/list', params: claim(7) },
  'claim without jsonrpc': { id: 1, method: 'tools/list', params: claim() },
  'claim with a bad id': { jsonrpc: '2.0', id: {}, method: 'tools/list', params: claim() },
  'initialize with a claim': { jsonrpc: '2.0', id: 1, method: 'initialize', params: claim() },
  initialize: { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18' } },
  'legacy request': { jsonrpc: '2.0', id: 2, method: 'tools/list' },
  'legacy request with _meta': { jsonrpc: '2.0', id: 2, method: 'tools/list', params: { _meta: { x: 1 } } },
  'posted response with a claim': { jsonrpc: '2.0', id: 3, result: {}, method: 'x', params: claim() },
  'posted error': { jsonrpc: '2.0', id: 3, error: { code: 1, message: 'm' } },
  batch: [{ jsonrpc: '2.0', id: 1, method: 'tools/list', params: claim() }],
  string: 'hello',
  null: null,
  'params array': { jsonrpc: '2.0', id: 1, method: 'tools/list', params: [claim()] },
};

const request = (method: string, headers: Record<string, string> = {}) =>
  new Request('http://gateway.invalid/mcp', {
    method,
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...headers,
    },
  });

describe('claimsModernEra', () => {
  it('claims only bodies the SDK never routes to its legacy path', async () => {
    const claimed: string[] = [];
    for (const [name, body] of Object.entries(bodies)) {
      const variants: Record<string, string>[] = [
        {},
        { 'mcp-protocol-version': '2025-06-18' },
        { 'mcp-protocol-version': '2026-07-28' },
      ];
      for (const headers of variants) {
        if (!claimsModernEra('POST', body)) continue;
        claimed.push(name);
        expect(await isLegacyRequest(request('POST', headers), body), name).toBe(false);
      }
    }
    expect(new Set(claimed)).toEqual(
      new Set([
        'modern tools/call',
        'modern notification',
        'claim naming an unserved revision',
        'claim that is not a string',
        'claim without jsonrpc',
        'claim with a bad id',
      ]),
    );
  });

  it('claims no GET, and no body it cannot see', () => {
    expect(claimsModernEra('GET', bodies['modern tools/call'])).toBe(false);
    expect(claimsModernEra('POST', undefined)).toBe(false);
  });
});
