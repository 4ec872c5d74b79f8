import { basename, posix } from 'node:path';
import { isBerthError } from '@berth/errors';
import type { Logger } from 'pino';
import { DiscoveryError } from './discovery-error.js';
import { COMPOSE_FILE_NAMES, OVERRIDE_FILE_NAMES } from './find-compose-files.js';
import { hostFileSource } from './host-file-source.js';
import { normalizeProjectName } from './project-name.js';
import type { HostRunner } from './remote-stacks.js';

/** A directory under a compose path that holds a compose file. */
export interface ComposePathProject {
  /** Absolute directory on the host. */
  dir: string;
  /** The compose file and its override, absolute, in merge order. */
  files: string[];
  /** The name compose gives the project when nothing else names it (the directory, normalised). */
  name: string;
}

export interface ListComposeFilesOptions {
  signal?: AbortSignal;
  /** Deadline of each host command; default: the runner's. */
  timeoutMs?: number;
  logger?: Logger;
  /** Entries of one compose path looked into at most; default 500. */
  maxEntries?: number;
}

/** Candidates per `ls` call: keeps one argv well under any command-line limit. */
const BATCH = 50;

/**
 * The compose projects under a profile's compose paths on a host: each path itself and each
 * directory one level below it, read with `ls -1A -- <dir>` and `ls -1d -- <candidates>`
 * through the host's `run(argv)` (no shell, no `find`). A path that does not exist is
 * skipped with a debug line; a path that is not absolute is refused.
 */
export async function listComposeFiles(
  host: HostRunner,
  composePaths: readonly string[],
  options: ListComposeFilesOptions = {},
): Promise<ComposePathProject[]> {
  const source = hostFileSource(host, options.timeoutMs ? { timeoutMs: options.timeoutMs } : {});
  const projects = new Map<string, ComposePathProject>();
  for (const root of composePaths) {
    if (!root.startsWith('/')) {
      throw new DiscoveryError('INVALID', `compose path ${JSON.stringify(root)} must be absolute`, {
        file: root,
      });
    }
    const top = posix.normalize(root).replace(/(.)\/$/, '$1');
    const entries = await source.list(top, options.signal);
    options.logger?.debug({ path: top, entries: entries?.length }, 'compose path');
    if (!entries) continue;
    const dirs = [top, ...entries.slice(0, options.maxEntries ?? 500).map((e) => posix.join(top, e))];
    const names = [...COMPOSE_FILE_NAMES, ...OVERRIDE_FILE_NAMES];
    const candidates = dirs.flatMap((dir) => names.map((name) => posix.join(dir, name)));
    const present = new Set<string>();
    for (let i = 0; i < candidates.length; i += BATCH) {
      for (const path of await existingPaths(host, candidates.slice(i, i + BATCH), options))
        present.add(path);
    }
    for (const dir of dirs) {
      const base = COMPOSE_FILE_NAMES.map((n) => posix.join(dir, n)).find((p) => present.has(p));
      if (!base || projects.has(dir)) continue;
      const override = OVERRIDE_FILE_NAMES.map((n) => posix.join(dir, n)).find((p) => present.has(p));
      projects.set(dir, {
        dir,
        files: override ? [base, override] : [base],
        name: normalizeProjectName(basename(dir)),
      });
    }
  }
  return [...projects.values()].sort((a, b) => a.dir.localeCompare(b.dir));
}

/** The candidates that exist, by one `ls -1d`: it prints those and complains about the rest. */
async function existingPaths(
  host: HostRunner,
  paths: string[],
  options: ListComposeFilesOptions,
): Promise<string[]> {
  try {
    const result = await host.run(['ls', '-1d', '--', ...paths], {
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    });
    // Exit 2 only says some candidate is missing; the rest are still printed.
    if (result.exitCode !== 0 && result.exitCode !== 2) {
      throw new DiscoveryError(
        'READ_FAILED',
        `ls on the host failed: ${result.stderr.trim().split('\n')[0]}`,
        {},
      );
    }
    const wanted = new Set(paths);
    return result.stdout.split('\n').filter((line) => wanted.has(line));
  } catch (error) {
    if (error instanceof DiscoveryError) throw error;
    if (isBerthError(error) && (error.code === 'CANCELLED' || error.code === 'TIMEOUT')) {
      throw new DiscoveryError(error.code, error.message, {}, { cause: error });
    }
    throw new DiscoveryError(
      'READ_FAILED',
      `ls on the host failed: ${(error as Error).message}`,
      {},
      { cause: error },
    );
  }
}
