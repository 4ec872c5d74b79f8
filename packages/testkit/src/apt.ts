import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { log } from './log.js';
import { runCommand } from './run-command.js';

/** Debian packages the test bed needs on the machine that runs the tests. */
export const TESTBED_PACKAGES = [
  'docker.io',
  'docker-compose',
  'openssh-server',
  'openssh-client',
  'debootstrap',
  'busybox-static',
  'openssl',
  // The CLI's completion scripts are loaded in each shell, and its prompts run under a
  // pseudo-terminal made with Python's pty module.
  'bash-completion',
  'zsh',
  'fish',
  'python3',
] as const;

/** A command the test bed runs, and the package that brings it. */
const COMMANDS: Record<string, (typeof TESTBED_PACKAGES)[number]> = {
  dockerd: 'docker.io',
  'docker-compose': 'docker-compose',
  ssh: 'openssh-client',
  'ssh-keygen': 'openssh-client',
  sshd: 'openssh-server',
  debootstrap: 'debootstrap',
  busybox: 'busybox-static',
  openssl: 'openssl',
  zsh: 'zsh',
  fish: 'fish',
  python3: 'python3',
};

export function hasCommand(name: string, path = process.env.PATH ?? ''): boolean {
  const dirs = [...path.split(':'), '/usr/sbin', '/sbin'];
  return dirs.some((dir) => dir !== '' && existsSync(join(dir, name)));
}

/** The test bed's packages whose commands this machine lacks. */
export function missingPackages(): string[] {
  return [
    ...new Set(
      Object.entries(COMMANDS)
        .filter(([cmd]) => !hasCommand(cmd))
        .map(([, pkg]) => pkg),
    ),
  ];
}

export async function aptInstall(packages: readonly string[]): Promise<void> {
  log(`installing ${packages.join(' ')} with apt-get`);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  await runCommand(['apt-get', 'update'], { timeoutMs: 300_000, env });
  await runCommand(['apt-get', 'install', '-y', '--no-install-recommends', ...packages], {
    timeoutMs: 900_000,
    env,
  });
}

export interface AptSource {
  mirror: string;
  suite: string;
}

/**
 * The Debian mirror and suite apt already uses on this machine, so that debootstrap
 * needs no host name written anywhere in the repo. Reads deb822 `.sources` files first,
 * then the classic `sources.list`.
 */
export function aptSource(
  files = ['/etc/apt/sources.list.d/debian.sources', '/etc/apt/sources.list'],
  osRelease = '/etc/os-release',
): AptSource {
  const suite = readCodename(osRelease);
  for (const file of files) {
    if (!existsSync(file)) continue;
    const mirror = parseMirror(readFileSync(file, 'utf8'), suite);
    if (mirror) return { mirror, suite };
  }
  throw new Error(`No Debian mirror for ${suite} found in ${files.join(', ')}`);
}

function readCodename(osRelease: string): string {
  const text = existsSync(osRelease) ? readFileSync(osRelease, 'utf8') : '';
  return /^VERSION_CODENAME=(\S+)$/m.exec(text)?.[1] ?? 'bookworm';
}

/** Exported for unit tests: the first mirror serving `suite` (not its -security or -updates). */
export function parseMirror(text: string, suite: string): string | undefined {
  // deb822 stanzas are separated by blank lines.
  for (const stanza of text.split(/\n\s*\n/)) {
    const uris = /^URIs:\s*(\S+)/im.exec(stanza)?.[1];
    const suites = /^Suites:\s*(.+)$/im.exec(stanza)?.[1]?.split(/\s+/) ?? [];
    const types = /^Types:\s*(.+)$/im.exec(stanza)?.[1]?.split(/\s+/) ?? [];
    if (uris && suites.includes(suite) && types.includes('deb')) return uris;
  }
  for (const line of text.split('\n')) {
    const match = /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+(\S+)/.exec(line.trim());
    if (match?.[1] && match[2] === suite) return match[1];
  }
  return undefined;
}
