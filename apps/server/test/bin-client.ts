import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';

export const bin = fileURLToPath(new URL('../dist/main.js', import.meta.url));

/** The name the test client gives in initialize, which the audit log records as `caller`. */
export const CLIENT_NAME = 'berth-test';

export interface BinClientOptions {
  args?: string[];
  env?: Record<string, string>;
  /** 'auto' negotiates the 2026-07-28 protocol; default is the 2025 handshake. */
  negotiation?: 'auto';
  /** Answer elicitation requests (declares the capability). */
  elicit?: (message: string) => {
    action: 'accept' | 'decline' | 'cancel';
    content?: Record<string, string | number | boolean | string[]>;
  };
}

/** The built berth-mcp bin, driven by the SDK v2 client over stdio, as users start it. */
export async function binClient(options: BinClientOptions = {}): Promise<Client & AsyncDisposable> {
  const client = new Client(
    { name: CLIENT_NAME, version: '0.0.0' },
    {
      ...(options.negotiation ? { versionNegotiation: { mode: options.negotiation } } : {}),
      ...(options.elicit ? { capabilities: { elicitation: { form: {} } } } : {}),
    },
  );
  if (options.elicit) {
    const answer = options.elicit;
    client.setRequestHandler('elicitation/create', async (request) => answer(request.params.message));
  }
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', ...options.env };
  if (process.env.DOCKER_HOST && !options.env?.DOCKER_HOST) env.DOCKER_HOST = process.env.DOCKER_HOST;
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [bin, '--audit-log', 'off', ...(options.args ?? [])],
      env,
      stderr: 'pipe',
    }),
  );
  return Object.assign(client, { [Symbol.asyncDispose]: () => client.close() });
}

/** The text of a tool result (one content block of text). */
export function textOf(result: { content?: unknown }): string {
  const [first] = (result.content ?? []) as { type: string; text?: string }[];
  return first?.type === 'text' ? (first.text ?? '') : '';
}
