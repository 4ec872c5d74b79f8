/* Test-only: an "engine" that accepts connections and never answers, to make a call slow for real. */
import { createServer, type Socket } from 'node:net';
import Docker from 'dockerode';
import type { EngineLease } from './engine-lease.js';

export async function silentEngine(timeoutMs: number): Promise<EngineLease & AsyncDisposable> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the silent engine has no TCP port');
  return {
    profile: 'silent',
    docker: new Docker({ host: '127.0.0.1', port: address.port, protocol: 'http' }),
    timeoutMs,
    run: () => new Promise(() => {}),
    async [Symbol.asyncDispose]() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
