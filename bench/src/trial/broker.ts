/**
 * The blind trial's MCP session: starts the built berth-mcp once (so confirm tokens and
 * connections live as long as the trial), serves one call per connection on a unix
 * socket, and logs every call with the bytes a text-only model reads.
 *   tsx bench/src/trial/broker.ts <socket> <log.jsonl> [berth-mcp flags...]
 */
import { appendFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';

const [socket, log, ...flags] = process.argv.slice(2);
if (!socket || !log) {
  process.stderr.write('usage: broker.ts <socket> <log.jsonl> [berth-mcp flags]\n');
  process.exit(2);
}
const bin = fileURLToPath(new URL('../../../apps/server/dist/main.js', import.meta.url));
const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root' };
for (const key of ['DOCKER_HOST', 'XDG_CONFIG_HOME', 'XDG_STATE_HOME'] as const) {
  const value = process.env[key];
  if (value) env[key] = value;
}
const client = new Client({ name: 'berth-blind-trial', version: '0' });
await client.connect(
  new StdioClientTransport({ command: process.execPath, args: [bin, ...flags], env, stderr: 'ignore' }),
);

interface Request {
  task?: string;
  tool?: string;
  arguments?: Record<string, unknown>;
  list?: boolean;
}

async function answer(request: Request): Promise<{ text: string; isError: boolean; structured: number }> {
  if (request.list) {
    const listed = await client.listTools();
    return { text: JSON.stringify(listed.tools, null, 1), isError: false, structured: 0 };
  }
  const result = await client.callTool({ name: request.tool ?? '', arguments: request.arguments ?? {} });
  const blocks = (result.content ?? []) as { type: string; text?: string }[];
  const text = blocks.map((b) => (b.type === 'text' ? (b.text ?? '') : `[${b.type}]`)).join('\n');
  const structured = result.structuredContent
    ? Buffer.byteLength(JSON.stringify(result.structuredContent))
    : 0;
  return { text, isError: result.isError === true, structured };
}

rmSync(socket, { force: true });
createServer((conn) => {
  let buffer = '';
  conn.setEncoding('utf8').on('data', async (chunk: string) => {
    buffer += chunk;
    const nl = buffer.indexOf('\n');
    if (nl < 0) return;
    let reply: { text: string; isError: boolean; structured: number };
    const request = JSON.parse(buffer.slice(0, nl)) as Request;
    try {
      reply = await answer(request);
    } catch (error) {
      reply = { text: `protocol error: ${(error as Error).message}`, isError: true, structured: 0 };
    }
    if (!request.list) {
      appendFileSync(
        log,
        `${JSON.stringify({
          time: new Date().toISOString(),
          task: request.task ?? '',
          tool: request.tool,
          arguments: request.arguments,
          isError: reply.isError,
          textBytes: Buffer.byteLength(reply.text),
          structuredBytes: reply.structured,
        })}\n`,
      );
    }
    conn.end(`${JSON.stringify(reply)}\n`);
  });
}).listen(socket, () => process.stderr.write(`trial broker on ${socket}\n`));
