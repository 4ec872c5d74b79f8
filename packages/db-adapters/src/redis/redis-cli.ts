import type { Writable } from 'node:stream';
import type { DbAdapterContext, DbCallOptions } from '../db-adapter.js';
import { dbError, runDbCommand, shownText } from '../db-exec.js';

export interface RedisCliOptions extends DbCallOptions {
  /** Database index (`-n`). */
  database?: string;
  /** Port of another server in the container (a restore's temporary one), reached without a password. */
  port?: number;
  maxCapturedBytes?: number;
  stdout?: Writable;
  what?: string;
}

/** The env that carries the password: redis-cli reads REDISCLI_AUTH, so it never sits in argv. */
export function redisEnv(context: DbAdapterContext, port?: number): Record<string, string> | undefined {
  const password = context.credentials.password;
  return password === undefined || port !== undefined ? undefined : { REDISCLI_AUTH: password };
}

/** redis-cli's options before the command: user, database, port; JSON replies. */
export function redisCliArgv(context: DbAdapterContext, options: RedisCliOptions, json = true): string[] {
  const argv = ['redis-cli', '--no-auth-warning'];
  if (options.port !== undefined) argv.push('-p', String(options.port));
  else if (context.credentials.user) argv.push('--user', context.credentials.user);
  if (options.database !== undefined) argv.push('-n', options.database);
  if (json) argv.push('--json');
  return argv;
}

// redis-cli prints an error reply as `error:"…"` (or `(error) …`) on stdout and still exits 0.
const ERROR_REPLY = /^(?:error:|\(error\) )(.*)$/s;
// Failed logins print on stderr and the command then meets NOAUTH.
const AUTH_FAILED = /^AUTH failed: (.*)$/m;

/** Runs one redis command (argv after the options); returns the reply text, or throws the server's error. */
export async function runRedis(
  context: DbAdapterContext,
  command: readonly string[],
  options: RedisCliOptions = {},
): Promise<{ stdout: string; truncated: boolean }> {
  const what = options.what ?? `redis ${command[0] ?? ''}`.trim();
  const result = await runDbCommand(
    context,
    {
      argv: [...redisCliArgv(context, options), ...command],
      ...(redisEnv(context, options.port) ? { env: redisEnv(context, options.port) } : {}),
      what,
      ...(options.maxCapturedBytes ? { maxCapturedBytes: options.maxCapturedBytes } : {}),
    },
    options,
  );
  const out = result.stdout.replace(/\n$/, '');
  const auth = AUTH_FAILED.exec(result.stderr);
  const error = ERROR_REPLY.exec(out);
  if (auth || error) {
    let said = auth?.[1] ?? error?.[1] ?? '';
    if (!auth && said.startsWith('"')) said = (JSON.parse(said) as string) ?? said;
    throw dbError(context, 'DATABASE', `${what} failed: ${shownText(context, said)}`, {
      container: context.container,
    });
  }
  return { stdout: out, truncated: result.truncated };
}

/** `INFO` as a record of its `key:value` lines. */
export async function redisInfo(
  context: DbAdapterContext,
  section: string,
  options: RedisCliOptions = {},
): Promise<Record<string, string>> {
  const { stdout } = await runRedis(context, ['INFO', section], {
    ...options,
    what: `redis INFO ${section}`,
  });
  let text = stdout;
  if (text.startsWith('"')) text = JSON.parse(text) as string;
  const info: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const at = line.indexOf(':');
    if (at > 0 && !line.startsWith('#')) info[line.slice(0, at)] = line.slice(at + 1);
  }
  return info;
}
