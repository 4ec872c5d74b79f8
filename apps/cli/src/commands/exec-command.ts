import { text } from 'node:stream/consumers';
import type { ToolOutput } from '@berth/tools/core';
import { CliError } from '../cli-error.js';
import { EXIT_OK } from '../exit-codes.js';
import { printAside, printOutput } from '../render/print-output.js';
import type { Session } from '../session.js';
import { toolCommand } from '../tool-command.js';
import { keyValues } from './option-values.js';

/** The command's own output on our stdout and stderr, and its exit code as ours (as docker exec). */
function renderExec(output: ToolOutput, session: Session): number {
  const row = output.rows[0] as
    | { exitCode?: number; stdout?: string; stderr?: string; truncated?: boolean }
    | undefined;
  if (session.globals.json) printOutput(session, output);
  else {
    if (row?.stdout) session.io.stdout.write(row.stdout);
    if (row?.stderr) session.io.stderr.write(row.stderr);
    if (row?.truncated) session.warn(session.err.dim('(output cut: raise --max-bytes or print less)'));
    printAside(session, output);
  }
  return row?.exitCode ?? EXIT_OK;
}

/** `exec CONTAINER -- ARGV...`: argv, never a shell string; -i sends this process's stdin. */
export const execCommand = toolCommand({
  path: ['exec'],
  summary: "run argv in a running container (argv after --; exit code is the command's)",
  kind: 'change',
  tool: 'container_ops',
  action: 'exec',
  takesRest: true,
  args: [{ name: 'container', description: 'name or id', required: true, completes: 'container' }],
  options: [
    { flags: '-e, --env <key=value...>', description: 'extra environment' },
    { flags: '-u, --user <user>', description: 'user, uid or user:group' },
    { flags: '-w, --workdir <dir>', description: 'working directory' },
    { flags: '-i, --interactive', description: 'send stdin to the command (read to its end first)' },
    { flags: '--timeout <seconds>', description: 'seconds it may run (60, at most 600)', type: 'int' },
    { flags: '--max-bytes <n>', description: 'bytes of output kept (16000)', type: 'int' },
  ],
  examples: ['berth exec web -- ls -l /', 'echo hi | berth exec -i web -- cat'],
  render: renderExec,
  params: async ({ args, rest, options }, session) => {
    if (rest.length === 0)
      throw new CliError('INVALID', 'exec needs the command after --, e.g. berth exec web -- ls -l');
    const env = keyValues(options.env, '--env');
    return {
      id: args[0],
      argv: rest,
      ...(env ? { env } : {}),
      ...(options.user !== undefined ? { user: options.user } : {}),
      ...(options.workdir !== undefined ? { workdir: options.workdir } : {}),
      ...(options.timeout !== undefined ? { timeout: options.timeout } : {}),
      ...(options.maxBytes !== undefined ? { max_bytes: options.maxBytes } : {}),
      ...(options.interactive ? { stdin: await text(session.io.stdin) } : {}),
    };
  },
});
