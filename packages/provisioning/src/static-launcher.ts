import { connect, type Socket } from 'node:net';
import type { Launcher } from './mcp-instance.js';
import { ProvisioningError } from './provisioning-error.js';
import { StreamTransport } from './stream-transport.js';

/** Splits `host:port` as the catalog's `static` holds it. */
export function parseHostPort(value: string): { host: string; port: number } {
  const at = value.lastIndexOf(':');
  const port = Number(value.slice(at + 1));
  if (at <= 0 || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new ProvisioningError('CONFIG', `static address ${JSON.stringify(value)} is not host:port`);
  }
  return { host: value.slice(0, at), port };
}

/**
 * A server that already runs and speaks newline-delimited JSON-RPC on a TCP port (a
 * pre-started container, as docker's gateway reaches through socat): one connection per
 * instance, closed to stop it.
 */
export function staticLauncher(server: string, address: string): Launcher {
  const { host, port } = parseHostPort(address);
  return (signal) =>
    new Promise((resolve, reject) => {
      const socket: Socket = connect({ host, port, signal });
      socket.setNoDelay(true);
      const fail = (error: Error) => {
        socket.destroy();
        reject(
          new ProvisioningError(
            'UNREACHABLE',
            `server ${server}: cannot connect to ${host}:${port}: ${error.message}`,
            { server },
            { cause: error },
          ),
        );
      };
      socket.once('error', fail);
      socket.once('connect', () => {
        socket.off('error', fail);
        resolve({
          transport: new StreamTransport(socket, socket, () => socket.destroy()),
          stop: async () => {
            socket.destroy();
          },
          describe: `tcp ${host}:${port}`,
        });
      });
    });
}
