/**
 * The least an HTTP front to a stdio MCP server in a container can do, run as a process of
 * its own: each POSTed JSON-RPC line goes to the container's attached stdin (attached over
 * the engine API, as berth-gateway does) and the answer line with the same id goes back as
 * the HTTP body. No auth, sessions, MCP, routing, audit or masking. The gateway bench
 * calls through it with the same client to show what per-call HTTP costs on this machine
 * before the gateway does anything.
 *
 * argv: a JSON object { image, command, labels }. Prints { url } on stdout once it
 * listens; removes its container on SIGTERM.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { attachContainer, FrameDemuxer } from '@berth/engine';
import { dockerClient } from '@berth/testkit';

const { image, command, labels } = JSON.parse(process.argv[2] ?? '{}') as {
  image: string;
  command: string[];
  labels: Record<string, string>;
};
const docker = dockerClient();
const container = await docker.createContainer({
  Image: image,
  Cmd: command,
  OpenStdin: true,
  StdinOnce: false,
  AttachStdin: true,
  AttachStdout: true,
  AttachStderr: true,
  Labels: labels,
  HostConfig: { NetworkMode: 'none', AutoRemove: true },
});
const stream = await attachContainer(docker, container.id);
const waiting = new Map<string | number, ServerResponse>();
const demuxer = new FrameDemuxer('multiplexed');
let partial = '';
let ready = () => {};
const initialized = new Promise<void>((resolve) => {
  ready = resolve;
});
stream.on('data', (chunk: Buffer) => {
  for (const frame of demuxer.push(chunk)) {
    if (frame.stream !== 'stdout') continue;
    const lines = (partial + frame.data.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      const { id } = JSON.parse(line) as { id?: string | number };
      if (id === 'bare-proxy-init') ready();
      const res = id === undefined ? undefined : waiting.get(id);
      if (!res) continue;
      waiting.delete(id as string | number);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(line) });
      res.end(line);
    }
  }
});
await container.start();
stream.write(
  `${JSON.stringify({
    jsonrpc: '2.0',
    id: 'bare-proxy-init',
    method: 'initialize',
    params: {
      protocolVersion: '2025-06-18',
      capabilities: {},
      clientInfo: { name: 'bare-proxy', version: '0' },
    },
  })}\n${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`,
);
await initialized;

// As the gateway does: what arrives in one turn of the event loop leaves in one write.
let corked = false;
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    waiting.set((JSON.parse(body) as { id: string | number }).id, res);
    if (!corked) {
      corked = true;
      stream.cork();
      setImmediate(() => {
        corked = false;
        stream.uncork();
      });
    }
    stream.write(`${body}\n`);
  });
});
server.keepAliveTimeout = 60_000;
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
process.stdout.write(
  `${JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp` })}\n`,
);
process.once('SIGTERM', () => {
  server.closeAllConnections();
  server.close();
  void container
    .remove({ force: true })
    .catch(() => {})
    .finally(() => process.exit(0));
});
