import type { HostEngine } from '@berth/engine';
import { ComposeError } from './compose-error.js';

/** Writes stdin to the file named by $1, readable by its owner only (a `.env` holds secrets). A constant script: the path is an argument, never script text. */
const WRITE_SCRIPT = 'umask 077 && cat > "$1"';
const FILE_MS = 30_000;

/**
 * File operations on the engine's host for deploy, each one argv through `host.run`: the
 * same code for a local profile (a local process) and an ssh profile (the SSH connection).
 * Every path was validated and contained by the caller, and comes after `--` or an option
 * that takes it, so none can be read as a flag.
 */
export class StackFiles {
  constructor(
    private readonly host: HostEngine,
    private readonly stack: string,
    private readonly signal?: AbortSignal,
  ) {}

  private async run(
    argv: string[],
    input?: string,
  ): Promise<{ exitCode: number; stdout: string; stderr: string }> {
    return this.host.run(argv, {
      timeoutMs: FILE_MS,
      ...(this.signal ? { signal: this.signal } : {}),
      ...(input === undefined ? {} : { input }),
    });
  }

  private async must(argv: string[], what: string, input?: string): Promise<string> {
    const result = await this.run(argv, input);
    if (result.exitCode !== 0) {
      throw new ComposeError(
        'WRITE_FAILED',
        `deploy of stack "${this.stack}" on profile "${this.host.profile}" could not ${what}: ${result.stderr.trim()}`,
        { profile: this.host.profile, project: this.stack, operation: 'deploy', exitCode: result.exitCode },
      );
    }
    return result.stdout;
  }

  async isDirectory(path: string): Promise<boolean> {
    return (await this.run(['test', '-d', path])).exitCode === 0;
  }

  /** A symlink could lead the stack's files out of composePath, where a lexical check cannot see. */
  async isSymlink(path: string): Promise<boolean> {
    return (await this.run(['test', '-L', path])).exitCode === 0;
  }

  async makeDirectory(path: string): Promise<void> {
    await this.must(['mkdir', '-p', '--', path], `create ${path}`);
  }

  /** A new, empty folder inside `parent`; its name starts with `.berth-deploy-`. */
  async makeTempDirectory(parent: string): Promise<string> {
    const path = (
      await this.must(
        ['mktemp', '-d', '-p', parent, '.berth-deploy-XXXXXXXX'],
        `create a temporary folder in ${parent}`,
      )
    ).trim();
    if (!path.startsWith(`${parent}/.berth-deploy-`)) {
      throw new ComposeError(
        'WRITE_FAILED',
        `mktemp on profile "${this.host.profile}" answered an unexpected path`,
        {
          profile: this.host.profile,
          project: this.stack,
        },
      );
    }
    return path;
  }

  async write(path: string, content: string): Promise<void> {
    await this.must(['sh', '-c', WRITE_SCRIPT, 'berth-write', path], `write ${path}`, content);
  }

  /** rename(2) within one folder tree of one file system: the target is the old file or the new one, never half of either. */
  async rename(from: string, to: string): Promise<void> {
    await this.must(['mv', '-f', '-T', '--', from, to], `move ${from} to ${to}`);
  }

  /** Best effort, for clean-up after a failure: the error that caused it is the one to report. */
  async removeTree(path: string): Promise<void> {
    await this.run(['rm', '-rf', '--', path]).catch(() => {});
  }

  /** Removes the folder only when empty (clean-up of a stack folder this deploy created). */
  async removeEmptyDirectory(path: string): Promise<void> {
    await this.run(['rmdir', '--', path]).catch(() => {});
  }
}
