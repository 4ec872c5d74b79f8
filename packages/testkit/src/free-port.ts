import { createServer } from 'node:net';

/** A TCP port on 127.0.0.1 that was free a moment ago (for a test to publish a container on). */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
