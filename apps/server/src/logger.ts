import pino, { type Logger } from 'pino';
import type { LogLevel } from './cli-options.js';

/** pino on fd 2, synchronously: stdout belongs to MCP, and a crash must not lose the last lines. */
export function createLogger(level: LogLevel, fd = 2): Logger {
  return pino({ name: 'berth-mcp', level }, pino.destination({ fd, sync: true }));
}
