import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';

/** The built berth-mcp, started as users start it. */
export const bin = fileURLToPath(new URL('../../../apps/server/dist/main.js', import.meta.url));

export interface AttackClientOptions {
  args?: string[];
  /** The server's whole environment (PATH and DOCKER_HOST are added when absent). */
  env?: Record<string, string>;
  /** The server's working directory: where a hostile repository would be cloned. */
  cwd?: string;
}

export interface AttackClient extends AsyncDisposable {
  client: Client;
  /** Everything the server wrote to stderr so far (its log). */
  stderr(): string;
  /** A tool call's text and structured answer, whatever the outcome. */
  call(
    tool: string,
    args: Record<string, unknown>,
  ): Promise<{ text: string; isError: boolean; structured: unknown }>;
}

/** The built bin driven by the SDK client over stdio, its stderr captured for leak scans. */
export async function attackClient(options: AttackClientOptions = {}): Promise<AttackClient> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', ...options.env };
  if (process.env.DOCKER_HOST && env.DOCKER_HOST === undefined) env.DOCKER_HOST = process.env.DOCKER_HOST;
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [bin, ...(options.args ?? [])],
    env,
    stderr: 'pipe',
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  let log = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    log += chunk.toString('utf8');
  });
  const client = new Client({ name: 'berth-redteam', version: '0' });
  await client.connect(transport);
  return {
    client,
    stderr: () => log,
    async call(tool, args) {
      const result = await client.callTool({ name: tool, arguments: args });
      const text = ((result.content ?? []) as { type: string; text?: string }[])
        .map((c) => c.text ?? '')
        .join('\n');
      return { text, isError: result.isError === true, structured: result.structuredContent };
    },
    [Symbol.asyncDispose]: () => client.close(),
  };
}
