import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BodyTooLargeError, parseJsonBody, readNodeRequest, webRequestOf } from './node-http.js';

/** A stand-in for Node's request: a stream with the fields the reader looks at. */
function incoming(headers: Record<string, string | string[]>) {
  return Object.assign(new PassThrough(), { method: 'POST', url: '/mcp?x=1', headers });
}

/** The stand-in read as the endpoint reads a request: the body parsed once, and the web request the SDK gets. */
async function read(req: ReturnType<typeof incoming>, maxBodyBytes = 1024) {
  const parts = await readNodeRequest(req as unknown as IncomingMessage, maxBodyBytes);
  const json = parseJsonBody(parts.body);
  return { request: webRequestOf(parts, json, new AbortController().signal), json };
}

describe('reading a request for the MCP endpoint', () => {
  it('reads a body sent in chunks, parses it once and keeps the headers', async () => {
    const req = incoming({ 'content-type': 'application/json', 'x-many': ['a', 'b'] });
    const reading = read(req);
    req.write('{"jsonrpc":"2.0",');
    req.end('"id":1,"method":"ping"}');
    const { request, json } = await reading;
    expect(json).toEqual({ jsonrpc: '2.0', id: 1, method: 'ping' });
    expect([request.method, new URL(request.url).pathname, request.headers.get('x-many')]).toEqual([
      'POST',
      '/mcp',
      'a, b',
    ]);
    // A parsed body is left out of the request; one that is not JSON stays for the SDK to refuse.
    expect(request.body).toBeNull();
    const other = incoming({});
    const text = read(other);
    other.end('not json');
    const unparsed = await text;
    expect([unparsed.json, await unparsed.request.text()]).toEqual([undefined, 'not json']);
  });

  it('refuses a body past the limit as it arrives, without a declared length', async () => {
    const req = incoming({});
    const reading = read(req, 8);
    req.write('0123456789');
    await expect(reading).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(req.destroyed).toBe(true);
  });

  it('refuses a declared length past the limit before reading', async () => {
    const req = incoming({ 'content-length': '100' });
    await expect(read(req, 8)).rejects.toBeInstanceOf(BodyTooLargeError);
  });

  it('fails the read when the client leaves before the end of the body', async () => {
    const req = incoming({});
    const reading = read(req);
    req.write('{"jsonrpc"');
    req.destroy();
    await expect(reading).rejects.toThrow(/before sending the whole body/);
  });
});
