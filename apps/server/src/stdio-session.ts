import type { Readable, Writable } from 'node:stream';
import type { McpServer } from '@modelcontextprotocol/server';
import { StdioServerTransport, serveStdio } from '@modelcontextprotocol/server/stdio';
import type { Logger } from 'pino';
import { DEFAULT_MAX_LINE_BYTES, LineLimit } from './line-limit.js';

export interface StdioSessionOptions {
  logger: Logger;
  /** Releases what the session holds: the config watcher and every engine connection. */
  dispose: () => Promise<void>;
  stdin?: Readable;
  stdout?: Writable;
  exit?: (code: number) => void;
  /** Longest JSON-RPC line read (default 10 MiB, the SDK's own). */
  maxLineBytes?: number;
  /** How long closing may take before the process exits anyway. */
  closeTimeoutMs?: number;
}

/**
 * Serves MCP on stdio for as long as the client holds stdin open. When stdin ends, the
 * session closes (calls in flight are aborted), `dispose` releases the connections, and
 * the process exits 0 at once: an idle SSH connection or a timer left behind cannot keep
 * it alive. A line past `maxLineBytes` ends it with exit code 1 and a log line, before
 * the rest of that line is read.
 */
export function serveStdioSession(factory: () => McpServer, options: StdioSessionOptions): void {
  const { logger } = options;
  const stdin = options.stdin ?? process.stdin;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const lines = new LineLimit(maxLineBytes);
  // One byte more than a line: the guard passes whole lines only, each with its newline.
  const transport = new StdioServerTransport(lines, options.stdout ?? process.stdout, {
    maxBufferSize: maxLineBytes + 1,
  });
  const session = serveStdio(factory, {
    transport,
    onerror: (error) => logger.error({ err: error }, 'mcp transport error'),
  });
  let ending = false;
  const end = async (code: number) => {
    if (ending) return;
    ending = true;
    const closing = (async () => {
      await session.close();
      await options.dispose();
    })();
    const late = new Promise<void>((resolve) => {
      setTimeout(resolve, options.closeTimeoutMs ?? 2000).unref();
    });
    try {
      await Promise.race([closing, late]);
    } catch (error) {
      logger.warn({ err: error }, 'closing the session failed');
    }
    exit(code);
  };
  stdin.once('end', () => void end(0));
  stdin.once('close', () => void end(0));
  stdin.once('error', (error) => {
    logger.error({ err: error }, 'stdin failed; ending the session');
    void end(1);
  });
  lines.once('error', (error) => {
    logger.error({ maxLineBytes }, `${error.message}; ending the session`);
    void end(1);
  });
  stdin.pipe(lines);
}
