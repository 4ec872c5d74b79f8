import { userInfo } from 'node:os';
import type { Caller, ToolContext } from '@berth/tools/core';
import type { Logger } from 'pino';
import { type CliIo, line } from './cli-io.js';
import { type Colors, colorsFor } from './render/colors.js';

/** The options every command takes (before or after its name). */
export interface GlobalOptions {
  /** `--host`: one profile, several (`a,b` or repeated), or `*`. */
  host?: string | undefined;
  json: boolean;
  yes: boolean;
  dryRun: boolean;
  verbose: boolean;
  config?: string | undefined;
  trustProject: boolean;
  /** A file, or `off`. */
  auditLog?: string | undefined;
}

/** The OS user, as the audit log records the CLI's calls (`cli:<user>`). */
export function cliCaller(env: NodeJS.ProcessEnv): Caller {
  let name = env.USER || env.LOGNAME || '';
  if (!name) {
    try {
      name = userInfo().username;
    } catch {
      name = 'unknown';
    }
  }
  return { via: 'cli', name };
}

/**
 * One CLI run: its io, global options and cancellation (Ctrl-C aborts `signal`). The tool
 * context is built on first use, so commands that call no tool (`completion`, `config
 * path`) never load the tool core.
 */
export class Session {
  readonly out: Colors;
  readonly err: Colors;
  readonly caller: Caller;
  private built: Promise<ToolContext> | undefined;

  constructor(
    readonly io: CliIo,
    readonly globals: GlobalOptions,
    readonly signal: AbortSignal,
  ) {
    this.out = colorsFor(io, io.stdoutIsTTY);
    this.err = colorsFor(io, io.interactive);
    this.caller = cliCaller(io.env);
  }

  context(): Promise<ToolContext> {
    this.built ??= (async () => {
      const [{ BERTH_TOOL_CATALOG, createToolContext }, logger] = await Promise.all([
        import('@berth/tools/core'),
        this.logger(),
      ]);
      const { auditLog } = this.globals;
      return createToolContext({
        tools: BERTH_TOOL_CATALOG,
        configPath: this.globals.config,
        trustProject: this.globals.trustProject,
        auditLog: auditLog === 'off' ? false : auditLog,
        env: this.io.env,
        logger,
      });
    })();
    return this.built;
  }

  /** Silent unless --verbose; then debug lines (with causes) on stderr, never stdout. */
  async logger(): Promise<Logger> {
    const { default: pino } = await import('pino');
    if (!this.globals.verbose) return pino({ level: 'silent' });
    return pino({ name: 'berth', level: 'debug' }, pino.destination({ fd: 2, sync: true }));
  }

  print(text: string): void {
    line(this.io.stdout, text);
  }

  warn(text: string): void {
    line(this.io.stderr, text);
  }

  async dispose(): Promise<void> {
    const built = this.built;
    this.built = undefined;
    if (built) await (await built.catch(() => undefined))?.dispose();
  }
}
