import { randomBytes } from 'node:crypto';
import { constants } from 'node:os';
import { Deadline } from './abortable.js';
import { ClientPoolError } from './client-pool-error.js';
import { OutputBuffer } from './output-buffer.js';
import type { RemoteProcess } from './remote-process.js';
import { DEFAULT_MAX_OUTPUT_BYTES, type RunOptions, type RunResult } from './run-result.js';
import type { SshConnection } from './ssh-connection.js';

function signalExitCode(signal: string | undefined): number {
  const number = signal ? constants.signals[`SIG${signal}` as keyof typeof constants.signals] : undefined;
  return number === undefined ? 255 : 128 + number;
}

/**
 * Reports the command's PID on stderr behind a one-time marker, then becomes the command.
 * A constant script: argv arrives as positional parameters, never as script text.
 * sshd starts each command in its own session, so that PID is also its process group.
 */
const PID_WRAPPER = 'printf "%s%s\\n" "$1" "$$" >&2; shift; exec "$@"';
/** Kills the process group, or the process when it is no group leader. */
const KILL_SCRIPT = 'kill -KILL -- "-$1" 2>/dev/null || kill -KILL "$1"';

/**
 * Runs argv on the remote host over the profile's SSH connection (quoted by shellJoin in
 * SshConnection.exec). On timeout or abort the remote process group gets SIGKILL over a
 * second channel: sshd neither kills a command whose channel closes nor accepts signal
 * requests for root sessions.
 */
export async function runOverSsh(
  connection: SshConnection,
  argv: readonly string[],
  options: RunOptions & { timeoutMs: number; profile: string },
): Promise<RunResult> {
  const what = `command ${JSON.stringify(argv[0])} on profile "${options.profile}"`;
  const deadline = new Deadline(what, options.timeoutMs, options.signal, { profile: options.profile });
  const marker = `berth-pid-${randomBytes(8).toString('hex')}:`;
  try {
    const process = await connection.exec(
      ['sh', '-c', PID_WRAPPER, 'berth-run', marker, ...argv],
      deadline.signal,
    );
    return await collect(process, marker, connection, deadline, options, options.profile);
  } catch (error) {
    throw deadline.signal.aborted ? deadline.error() : error;
  } finally {
    deadline.dispose();
  }
}

function killRemote(connection: SshConnection, pid: string): void {
  connection.exec(['sh', '-c', KILL_SCRIPT, 'berth-kill', pid]).then(
    ({ channel }) => {
      channel.resume();
      channel.stderr.resume();
      channel.end();
    },
    () => {},
  );
}

function collect(
  process: RemoteProcess,
  marker: string,
  connection: SshConnection,
  deadline: Deadline,
  options: RunOptions,
  profile: string,
): Promise<RunResult> {
  const { channel } = process;
  const cap = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  const stdout = new OutputBuffer(cap);
  const stderrBuffer = new OutputBuffer(cap);
  const stderr = {
    push(chunk: Buffer) {
      stderrBuffer.push(chunk);
      if (chunk.length > 0) options.onStderr?.(chunk);
    },
  };
  let pid: string | undefined;
  // Until the marker line is complete, stderr is held back.
  let head: Buffer | undefined = Buffer.alloc(0);
  const onStderr = (chunk: Buffer) => {
    if (head === undefined) return stderr.push(chunk);
    head = Buffer.concat([head, chunk]);
    const newline = head.indexOf(10);
    if (newline === -1 && head.length < 256) return;
    const line = head.subarray(0, newline === -1 ? 0 : newline).toString('latin1');
    const rest = head;
    head = undefined;
    if (line.startsWith(marker) && /^\d+$/.test(line.slice(marker.length))) {
      pid = line.slice(marker.length);
      stderr.push(rest.subarray(newline + 1));
    } else {
      stderr.push(rest);
    }
  };
  return new Promise<RunResult>((resolve, reject) => {
    const onAbort = () => {
      if (pid) killRemote(connection, pid);
      channel.close();
      reject(deadline.error());
    };
    if (deadline.signal.aborted) return onAbort();
    deadline.signal.addEventListener('abort', onAbort, { once: true });
    channel.on('data', (chunk: Buffer) => {
      stdout.push(chunk);
      options.onStdout?.(chunk);
    });
    channel.stderr.on('data', onStderr);
    channel.on('error', (error: Error) => {
      deadline.signal.removeEventListener('abort', onAbort);
      reject(error);
    });
    channel.on('close', () => {
      deadline.signal.removeEventListener('abort', onAbort);
      if (head?.length) stderr.push(head);
      const exit = process.exit;
      if (exit === undefined) {
        reject(
          new ClientPoolError(
            'UNREACHABLE',
            `${deadline.what}: the SSH connection closed before the command reported an exit status`,
            { profile },
          ),
        );
        return;
      }
      resolve({
        exitCode: exit.code ?? signalExitCode(exit.signal),
        stdout: stdout.text(),
        stderr: stderrBuffer.text(),
        truncated: stdout.truncated || stderrBuffer.truncated,
      });
    });
    if (options.input !== undefined) channel.end(options.input);
    else channel.end();
  });
}
