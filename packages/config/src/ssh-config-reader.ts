import { readdir, readFile, realpath } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { expandHome } from './berth-paths.js';
import type { ConfigIssue } from './config-issue.js';
import { parseSshConfigLines } from './ssh-config-lines.js';

/** A setting with the Host patterns in force where it appeared (`null`: before any Host, applies to all). */
export interface SshDirective {
  keyword: string;
  args: string[];
  patterns: string[] | null;
  /** Inside a `Match` block: berth cannot evaluate those conditions, so the setting is ignored. */
  inMatch: boolean;
  /** `file:line`, for messages. */
  at: string;
}

/** OpenSSH's own limit on nested Include. */
const MAX_DEPTH = 16;

function globToRegex(segment: string): RegExp {
  return new RegExp(
    `^${segment
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
}

/** Expands `*` and `?` in any path segment; results sorted, as glob(3) returns them. */
async function expandGlob(pattern: string): Promise<string[]> {
  const segments = pattern.split('/');
  let paths = [segments[0] === '' ? '/' : (segments[0] as string)];
  for (const segment of segments.slice(1)) {
    if (segment === '') continue;
    if (!/[*?]/.test(segment)) {
      paths = paths.map((p) => join(p, segment));
      continue;
    }
    const regex = globToRegex(segment);
    const next: string[] = [];
    for (const dir of paths) {
      const names = await readdir(dir).catch(() => [] as string[]);
      for (const name of names.sort())
        if (!name.startsWith('.') && regex.test(name)) next.push(join(dir, name));
    }
    paths = next;
  }
  return paths;
}

interface ReadState {
  sshDir: string;
  home: string;
  directives: SshDirective[];
  warnings: ConfigIssue[];
  /** Files on the current Include chain, to stop cycles. */
  chain: Set<string>;
}

async function readInto(
  file: string,
  state: ReadState,
  depth: number,
  context: { patterns: string[] | null; inMatch: boolean },
): Promise<void> {
  const real = await realpath(file).catch(() => file);
  if (state.chain.has(real)) {
    state.warnings.push({
      path: 'Include',
      message: `cycle: ${file} includes itself; skipped`,
      source: file,
    });
    return;
  }
  const text = await readFile(file, 'utf8');
  state.chain.add(real);
  // An included file starts in its includer's Host context; its own Host lines do not leak back out.
  let { patterns, inMatch } = context;
  for (const line of parseSshConfigLines(text)) {
    const at = `${file}:${line.line}`;
    if (line.keyword === 'host') {
      patterns = line.args;
      inMatch = false;
      // Kept in the list so the importer sees every Host line, in order.
      state.directives.push({ keyword: 'host', args: line.args, patterns, inMatch, at });
    } else if (line.keyword === 'match') {
      inMatch = true;
      state.warnings.push({
        path: 'Match',
        message: 'Match blocks are not evaluated; their settings are ignored',
        source: at,
      });
    } else if (line.keyword === 'include') {
      if (depth >= MAX_DEPTH) {
        state.warnings.push({
          path: 'Include',
          message: `nested deeper than ${MAX_DEPTH}; skipped`,
          source: at,
        });
        continue;
      }
      for (const arg of line.args) {
        const expanded = expandHome(arg, state.home);
        const pattern = isAbsolute(expanded) ? expanded : join(state.sshDir, expanded);
        for (const match of await expandGlob(pattern)) {
          try {
            await readInto(match, state, depth + 1, { patterns, inMatch });
          } catch (error) {
            state.warnings.push({
              path: 'Include',
              message: `cannot read ${match}: ${(error as Error).message}`,
              source: at,
            });
          }
        }
      }
    } else {
      state.directives.push({ keyword: line.keyword, args: line.args, patterns, inMatch, at });
    }
  }
  state.chain.delete(real);
}

/**
 * Reads an ssh_config with its Includes expanded in place: relative Include paths resolve
 * against `sshDir` (~/.ssh), globs expand, cycles and deep nesting are cut with a warning.
 */
export async function readSshConfig(
  file: string,
  { home, sshDir }: { home: string; sshDir: string },
): Promise<{ directives: SshDirective[]; warnings: ConfigIssue[] }> {
  const state: ReadState = { sshDir, home, directives: [], warnings: [], chain: new Set() };
  await readInto(file, state, 0, { patterns: null, inMatch: false });
  return { directives: state.directives, warnings: state.warnings };
}
