import { PassThrough, Writable } from 'node:stream';
import type { JSONRPCMessage } from '@modelcontextprotocol/client';
import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_BYTES, StreamTransport } from './stream-transport.js';

describe('StreamTransport', () => {
  it('reads newline-delimited JSON-RPC in any chunking, writes one line per message, and closes once', async () => {
    const input = new PassThrough();
    const written: string[] = [];
    const output = new Writable({
      write(chunk, _encoding, done) {
        written.push(String(chunk));
        done();
      },
    });
    let stopped = 0;
    const transport = new StreamTransport(input, output, () => stopped++);
    const received: JSONRPCMessage[] = [];
    let closes = 0;
    transport.onmessage = (message) => received.push(message);
    transport.onclose = () => closes++;
    await transport.start();
    input.write('{"jsonrpc":"2.0","id":1,"res');
    input.write('ult":{}}\n{"jsonrpc":"2.0","method":"notifications/x"}\n');
    await transport.send({ jsonrpc: '2.0', id: 2, method: 'ping' });
    input.end();
    await new Promise((resolve) => setImmediate(resolve));
    expect(received).toEqual([
      { jsonrpc: '2.0', id: 1, result: {} },
      { jsonrpc: '2.0', method: 'notifications/x' },
    ]);
    expect(written).toEqual(['{"jsonrpc":"2.0","id":2,"method":"ping"}\n']);
    await transport.close();
    expect([closes, stopped]).toEqual([1, 1]);
    await expect(transport.send({ jsonrpc: '2.0', id: 3, method: 'ping' })).rejects.toThrow(/closed/);
  });

  it('a send to a full stream that closes fails instead of hanging', async () => {
    const output = new Writable({ highWaterMark: 1, write: () => {} });
    const transport = new StreamTransport(new PassThrough(), output);
    await transport.start();
    const sending = transport.send({ jsonrpc: '2.0', id: 1, method: 'ping' });
    output.destroy();
    await expect(sending).rejects.toThrow(/closed/);
  });

  it('messages sent in one turn of the event loop leave in one write', async () => {
    const writes: string[][] = [];
    const output = new Writable({
      writev(chunks, done) {
        writes.push(chunks.map((c) => String(c.chunk)));
        done();
      },
    });
    const transport = new StreamTransport(new PassThrough(), output);
    await transport.start();
    await Promise.all([
      transport.send({ jsonrpc: '2.0', id: 1, method: 'ping' }),
      transport.send({ jsonrpc: '2.0', id: 2, method: 'ping' }),
    ]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toEqual([
      ['{"jsonrpc":"2.0","id":1,"method":"ping"}\n', '{"jsonrpc":"2.0","id":2,"method":"ping"}\n'],
    ]);
    await transport.send({ jsonrpc: '2.0', id: 3, method: 'ping' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toHaveLength(2);
  });

  it('reports a line that is not JSON-RPC and goes on with the lines after it, CRLF or not', async () => {
    const input = new PassThrough();
    const transport = new StreamTransport(input, new PassThrough());
    const received: JSONRPCMessage[] = [];
    const errors: string[] = [];
    transport.onmessage = (message) => received.push(message);
    transport.onerror = (error) => errors.push(error.message);
    await transport.start();
    input.write(
      'starting up\n{"id":1}\r\n\n{"jsonrpc":"2.0","id":2,"result":{}}\r\n{"jsonrpc":"2.0","id":3,',
    );
    input.write('"result":{}}\n');
    await new Promise((resolve) => setImmediate(resolve));
    expect(received).toEqual([
      { jsonrpc: '2.0', id: 2, result: {} },
      { jsonrpc: '2.0', id: 3, result: {} },
    ]);
    expect(errors).toHaveLength(2);
    expect(errors[1]).toBe('a line from the server is not a JSON-RPC 2.0 message');
  });

  it('closes when a line grows past the limit without its newline', async () => {
    const input = new PassThrough();
    const transport = new StreamTransport(input, new PassThrough());
    const errors: string[] = [];
    let closes = 0;
    transport.onerror = (error) => errors.push(error.message);
    transport.onclose = () => closes++;
    await transport.start();
    const chunk = Buffer.alloc(1024 * 1024, 0x61);
    for (let sent = 0; sent <= MAX_MESSAGE_BYTES; sent += chunk.length) input.write(chunk);
    await new Promise((resolve) => setImmediate(resolve));
    expect(closes).toBe(1);
    expect(errors[0]).toMatch(/exceeds/);
  });
});
