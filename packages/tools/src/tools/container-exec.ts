import { execInContainer } from '@berth/engine';
import { z } from 'zod';
import { errorLine, MappedError } from '../framework/error-message.js';
import { action } from '../framework/tool-spec.js';
import { maxBytesParam } from './container-logs.js';
import { withContainerSuggestions } from './not-found.js';
import { argvParam, containerRef, learnSecrets, stringMap, userParam, workdirParam } from './refs.js';

export const EXEC_DEFAULT_SECONDS = 60;
export const EXEC_MAX_SECONDS = 600;

/**
 * Runs argv in a running container (action of container_ops; argv, never a shell). Not idempotent (the command acts again), not
 * destructive by class (what the command does is the caller's): every call is audited.
 * An MCP cancel aborts the exec request and the call returns at once.
 */
export const containerExecActions = {
  exec: action({
    summary: 'argv, env, user, workdir, stdin; exit code, stdout, stderr (masked, capped)',
    params: z.object({
      id: containerRef,
      argv: argvParam,
      env: stringMap.optional(),
      user: userParam.optional(),
      workdir: workdirParam.optional(),
      stdin: z.string().max(1_000_000).optional(),
      timeout: z.number().int().min(1).max(EXEC_MAX_SECONDS).optional().describe('Seconds (60)'),
      max_bytes: maxBytesParam,
    }),
    target: (p) => `${p.id}: ${p.argv[0]}`,
    run: async (p, call) => {
      const docker = await call.docker();
      const seconds = p.timeout ?? EXEC_DEFAULT_SECONDS;
      learnSecrets(p.env, call.masker);
      try {
        const r = await withContainerSuggestions(docker, call.host.name, p.id, call.signal, () =>
          execInContainer(docker, p.id, p.argv, {
            signal: call.signal,
            timeoutMs: seconds * 1000,
            maxOutputBytes: p.max_bytes ?? 16_000,
            ...(p.env ? { env: p.env } : {}),
            ...(p.user ? { user: p.user } : {}),
            ...(p.workdir ? { workdir: p.workdir } : {}),
            ...(p.stdin !== undefined ? { stdin: p.stdin } : {}),
          }),
        );
        return {
          exitCode: r.exitCode,
          stdout: call.masker.maskText(r.stdout),
          stderr: call.masker.maskText(r.stderr),
          truncated: r.truncated,
        };
      } catch (error) {
        if (errorLine(error).code !== 'TIMEOUT') throw error;
        // The engine cannot kill an exec: say so, and how to avoid the wait.
        throw new MappedError(
          {
            code: 'TIMEOUT',
            message: `${call.host.name}: exec in ${p.id} ran past ${seconds} s and was detached (the process may still run); raise timeout (max ${EXEC_MAX_SECONDS}) or run it in the background`,
          },
          { cause: error },
        );
      }
    },
  }),
};
