import { homedir, userInfo } from 'node:os';
import { dirname } from 'node:path';
import { berthPaths, expandHome } from './berth-paths.js';
import { ConfigError } from './config-error.js';
import type { ConfigIssue } from './config-issue.js';
import { ProfileName, type SshProfile } from './profile-schema.js';
import { hostMatches, isConcreteHost } from './ssh-config-lines.js';
import { readSshConfig, type SshDirective } from './ssh-config-reader.js';

/** What an import writes for one Host: the fields ssh_config gives, with strict host-key checks. */
export type ImportedSshProfile = Pick<SshProfile, 'type' | 'host' | 'user' | 'hostKeyPolicy'> &
  Partial<Pick<SshProfile, 'port' | 'identityFile' | 'agent' | 'proxyJump' | 'description'>>;

export interface SshImportOptions {
  /** The ssh_config to read; default ~/.ssh/config. */
  file?: string;
  /** Host aliases to import; default all concrete (non-wildcard) Host entries. */
  select?: readonly string[];
  env?: NodeJS.ProcessEnv;
  home?: string;
}

export interface SshImportResult {
  /** Profiles by Host alias, in file order. */
  profiles: Record<string, ImportedSshProfile>;
  warnings: ConfigIssue[];
}

const WANTED = ['hostname', 'user', 'port', 'identityfile', 'proxyjump'] as const;
type Wanted = (typeof WANTED)[number];

/** %-tokens of ssh_config that make sense without a live connection. */
function expandTokens(value: string, alias: string, host: string, user: string, home: string): string {
  return value.replace(/%([%dhnru])/g, (_all, token: string) => {
    switch (token) {
      case '%':
        return '%';
      case 'd':
        return home;
      case 'h':
        return host;
      case 'n':
        return alias;
      default:
        return user;
    }
  });
}

/** First value wins, as in OpenSSH: the first matching block that sets a keyword decides it. */
function settingsFor(alias: string, directives: readonly SshDirective[]) {
  const found = new Map<Wanted, { value: string; at: string }>();
  let extraIdentities = 0;
  for (const d of directives) {
    if (d.keyword === 'host' || d.inMatch) continue;
    if (d.patterns !== null && !hostMatches(d.patterns, alias)) continue;
    if (!(WANTED as readonly string[]).includes(d.keyword)) continue;
    const keyword = d.keyword as Wanted;
    const value = d.args[0];
    if (value === undefined) continue;
    if (found.has(keyword)) {
      if (keyword === 'identityfile') extraIdentities++;
      continue;
    }
    found.set(keyword, { value, at: d.at });
  }
  return { found, extraIdentities };
}

/**
 * Reads ~/.ssh/config (with Includes) and turns its concrete Host entries into ssh
 * profiles; `Host a b` gives two, wildcard and negated patterns give none (their settings
 * still apply to the hosts they match). Host keys are checked strictly.
 */
export async function importSshConfig(options: SshImportOptions = {}): Promise<SshImportResult> {
  const { env = process.env, home = homedir() } = options;
  const paths = berthPaths({ env, home });
  const file = options.file ? expandHome(options.file, home) : paths.sshConfigFile;
  let read: Awaited<ReturnType<typeof readSshConfig>>;
  try {
    read = await readSshConfig(file, { home, sshDir: dirname(paths.sshConfigFile) });
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new ConfigError(
      missing ? 'NOT_FOUND' : 'READ_FAILED',
      `cannot read ${file}: ${(error as Error).message}`,
      {
        file,
      },
      { cause: error },
    );
  }
  const warnings = [...read.warnings];
  const aliases: string[] = [];
  for (const d of read.directives) {
    if (d.keyword !== 'host') continue;
    for (const pattern of d.args)
      if (isConcreteHost(pattern) && !aliases.includes(pattern)) aliases.push(pattern);
  }
  const selected = options.select ? [...options.select] : aliases;
  for (const name of selected) {
    if (!aliases.includes(name))
      warnings.push({ path: `Host ${name}`, message: 'no such Host entry', source: file });
  }
  const localUser = env.USER || env.LOGNAME || userInfo().username;
  const profiles: Record<string, ImportedSshProfile> = {};
  for (const alias of aliases.filter((a) => selected.includes(a))) {
    const issue = (message: string, source = file) =>
      warnings.push({ path: `Host ${alias}`, message, source });
    if (!ProfileName.safeParse(alias).success) {
      issue('not a valid profile name (letters, digits, ".", "_", "-"); skipped');
      continue;
    }
    const { found, extraIdentities } = settingsFor(alias, read.directives);
    const host = expandTokens(found.get('hostname')?.value ?? alias, alias, alias, localUser, home);
    const user = found.get('user')?.value ?? localUser;
    const profile: ImportedSshProfile = { type: 'ssh', host, user, hostKeyPolicy: 'strict' };
    const port = found.get('port');
    if (port) {
      const number = Number(port.value);
      if (Number.isInteger(number) && number >= 1 && number <= 65535) profile.port = number;
      else issue(`Port ${JSON.stringify(port.value)} is not a port number; using 22`, port.at);
    }
    const identity = found.get('identityfile');
    if (identity && identity.value.toLowerCase() !== 'none') {
      profile.identityFile = expandHome(expandTokens(identity.value, alias, host, user, home), home);
      if (extraIdentities > 0)
        issue(`${extraIdentities + 1} IdentityFile lines; berth uses the first`, identity.at);
    } else {
      // OpenSSH falls back to the agent when no key file is named; so does the profile.
      profile.agent = true;
    }
    const jump = found.get('proxyjump');
    if (jump && jump.value.toLowerCase() !== 'none') {
      profile.proxyJump = jump.value;
      issue('ProxyJump is recorded but not used for connecting yet', jump.at);
    }
    profile.description = `Imported from ${file} (Host ${alias})`;
    profiles[alias] = profile;
  }
  return { profiles, warnings };
}
