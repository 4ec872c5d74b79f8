import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../dist/main.js', import.meta.url));

async function connect(versionNegotiation?: 'auto'): Promise<Client> {
  const client = new Client(
    { name: 'berth-test', version: '0.0.0' },
    versionNegotiation ? { versionNegotiation: { mode: versionNegotiation } } : {},
  );
  // No Docker in the environment at all: the server must still answer.
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [bin],
      env: { DOCKER_HOST: 'unix:///nonexistent.sock' },
    }),
  );
  return client;
}

describe('berth-mcp over stdio (the built bin)', () => {
  it('answers the 2025 initialize handshake without touching Docker', async () => {
    const client = await connect();
    try {
      expect(client.getServerVersion()?.name).toBe('berth');
      expect(client.getNegotiatedProtocolVersion()).toMatch(/^2025-/);
    } finally {
      await client.close();
    }
  });

  it('negotiates the 2026-07-28 protocol with a modern client', async () => {
    const client = await connect('auto');
    try {
      expect(client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
    } finally {
      await client.close();
    }
  });
});
