import { sanitizeText } from '@berth/security';
import { z } from 'zod';
import { errorLine, MappedError } from '../framework/error-message.js';
import { clipString, jsonBytes } from '../framework/fit-bytes.js';
import type { HostCall } from '../framework/host-call.js';
import { action } from '../framework/tool-spec.js';
import { maxBytesParam } from './container-logs.js';
import { inspectLearningSecrets } from './container-secrets.js';
import { argvParam, containerRef, learnSecrets, stringMap, userParam, workdirParam } from './refs.js';
import { withSuggestions } from './resource-kind.js';

export const EXEC_DEFAULT_SECONDS = 60;
export const EXEC_MAX_SECONDS = 600;
const DEFAULT_MAX_BYTES = 16_000;

const HOW = 'raise max_bytes or print less';

interface Output {
  /** Masked text. */
  text: string;
  /** Bytes it stands for: what the engine dropped past its cap counted too. */
  total: number;
}

/**
 * One stream cleaned and masked as the runner would, before it is cut: a cut never leaves
 * the head of a secret, and control characters shown as \uXXXX are counted at their size.
 */
function masked(call: HostCall, raw: string, rawTotal: number): Output {
  const text = call.masker.maskText(sanitizeText(raw));
  return { text, total: Buffer.byteLength(text) + rawTotal - Buffer.byteLength(raw) };
}

/**
 * stdout and stderr cut to share `room` bytes of JSON: the smaller keeps what it needs
 * up to half, the larger the rest; each cut keeps its head and says what it left out.
 */
function shareRoom(out: Output, err: Output, room: number): [string, string] {
  const size = (o: Output) => jsonBytes(o.text) - 2;
  const whole = (o: Output) => o.total <= Buffer.byteLength(o.text);
  if (size(out) + size(err) <= room && whole(out) && whole(err)) return [out.text, err.text];
  const half = Math.floor(room / 2);
  const outRoom = Math.max(half, room - size(err));
  const errRoom = room - Math.min(size(out), outRoom);
  return [
    clipString(out.text, outRoom + 2, { total: out.total, how: HOW }),
    clipString(err.text, errRoom + 2, { total: err.total, how: HOW }),
  ];
}

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
    const maxBytes = p.max_bytes ?? DEFAULT_MAX_BYTES;
    learnSecrets(p.env, call.masker);
    // `echo $API_TOKEN` prints the container's own secret: learn it before any output leaves.
    await inspectLearningSecrets(call, p.id);
    try {
      const r = await withSuggestions('container', p.id, call, (e) =>
        e.exec(p.id, p.argv, {
          timeoutMs: seconds * 1000,
          // Beyond what is shown, so the cut below (after masking) decides it, never a
          // cut through a secret that masking would then miss.
          maxOutputBytes: 2 * maxBytes + 4096,
          ...(p.env ? { env: p.env } : {}),
          ...(p.user ? { user: p.user } : {}),
          ...(p.workdir ? { workdir: p.workdir } : {}),
          ...(p.stdin !== undefined ? { stdin: p.stdin } : {}),
        }),
      );
      // max_bytes is the whole row as the agent reads it: stdout and stderr together.
      const room = maxBytes - jsonBytes({ exitCode: r.exitCode, stdout: '', stderr: '', truncated: true });
      const out = masked(call, r.stdout, r.stdoutBytes);
      const err = masked(call, r.stderr, r.stderrBytes);
      const [stdout, stderr] = shareRoom(out, err, Math.max(room, 0));
      const truncated = r.truncated || stdout !== out.text || stderr !== err.text;
      return { exitCode: r.exitCode, stdout, stderr, truncated };
    } catch (error) {
      const line = errorLine(error);
      if (line.code !== 'TIMEOUT') throw error;
      // The engine cannot kill an exec: say so, and how to avoid the wait.
      const message = `${call.host.name}: exec in ${p.id} ran past ${seconds} s and was detached (the process may still run); raise timeout (max ${EXEC_MAX_SECONDS}) or run it in the background`;
      throw new MappedError({ ...line, message }, { cause: error });
    }
  },
});
