import { z } from 'zod';
import { errorLine, MappedError } from '../framework/error-message.js';
import { action } from '../framework/tool-spec.js';
import { maxBytesParam } from './container-logs.js';
import { inspectLearningSecrets } from './container-secrets.js';
import { argvParam, containerRef, learnSecrets, stringMap, userParam, workdirParam } from './refs.js';
import { withSuggestions } from './resource-kind.js';

export const EXEC_DEFAULT_SECONDS = 60;
export const EXEC_MAX_SECONDS = 600;

/**
 * Runs argv in a running container (an action of container_ops; argv, never a shell).
 * Not idempotent and not additive: what the command does is the caller's, so every call
 * is audited. An MCP cancel aborts the exec request and the call returns at once. Output
 * is masked by the runner, after the values of secret-looking env keys were learned here.
 */
export const execAction = action({
  summary:
    'run `argv` (array, no shell) with env, user, workdir, stdin; exit code and output (masked, capped)',
  effect: 'change',
  params: z.object({
    id: containerRef,
    argv: argvParam,
    env: stringMap.optional(),
    user: userParam.optional(),
    workdir: workdirParam.optional(),
    stdin: z.string().max(1_000_000).optional(),
    timeout: z
      .number()
      .int()
      .min(1)
      .max(EXEC_MAX_SECONDS)
      .optional()
      .describe(`Seconds the command may run (default ${EXEC_DEFAULT_SECONDS})`),
    max_bytes: maxBytesParam,
  }),
  rows: z.object({ exitCode: z.number(), stdout: z.string(), stderr: z.string(), truncated: z.boolean() }),
  target: (p) => `${p.id}: ${p.argv[0]}`,
  run: async (p, call) => {
    const seconds = p.timeout ?? EXEC_DEFAULT_SECONDS;
    learnSecrets(p.env, call.masker);
    // `echo $API_TOKEN` prints the container's own secret: learn it before any output leaves.
    await inspectLearningSecrets(call, p.id);
    try {
      const r = await withSuggestions('container', p.id, call, (e) =>
        e.exec(p.id, p.argv, {
          timeoutMs: seconds * 1000,
          maxOutputBytes: p.max_bytes ?? 16_000,
          ...(p.env ? { env: p.env } : {}),
          ...(p.user ? { user: p.user } : {}),
          ...(p.workdir ? { workdir: p.workdir } : {}),
          ...(p.stdin !== undefined ? { stdin: p.stdin } : {}),
        }),
      );
      return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr, truncated: r.truncated };
    } catch (error) {
      const line = errorLine(error);
      if (line.code !== 'TIMEOUT') throw error;
      // The engine cannot kill an exec: say so, and how to avoid the wait.
      const message = `${call.host.name}: exec in ${p.id} ran past ${seconds} s and was detached (the process may still run); raise timeout (max ${EXEC_MAX_SECONDS}) or run it in the background`;
      throw new MappedError({ ...line, message }, { cause: error });
    }
  },
});
