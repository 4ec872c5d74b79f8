import { basename, isAbsolute } from 'node:path';
import type { BerthConfig, ConfigIssue, Profile } from '@berth/config';

/** One configured engine, as tools see it (from the profile; no engine is asked). */
export interface HostSummary {
  name: string;
  type: string;
  readOnly: boolean;
  isDefault: boolean;
  /** The profile asks for no confirmation of data-losing actions (automation). */
  noConfirm: boolean;
  description?: string;
  tags?: string[];
  /** The profile's deadline for one engine call (ms). */
  timeoutMs: number;
  /** ssh: how the host key is checked; `insecure-ignore` means it is not. */
  hostKeyPolicy?: string;
  /** Config warnings about this host (on the default host also those about the config as a whole). */
  notes?: string[];
}

/** Where profile writes go and how the running server picks them up. */
export interface HostConfigStore {
  /** The config file writes go to (`--config`, else the trusted project file, else the user file). */
  writeTarget(): Promise<string>;
  /** Reloads the config now (the file watcher would, a moment later); resolves once applied. */
  reload(): Promise<void>;
  /** Every profile of the config the server loaded (disabled ones too), defaults applied. */
  profiles(): Readonly<Record<string, Profile>>;
  /** The user file's `backupRoots`: folders besides berth's own where database backups may go. */
  backupRoots?(): readonly string[];
  /** Home directory whose ~/.ssh/config `import` reads. */
  home: string;
  env: NodeJS.ProcessEnv;
}

/**
 * One warning as a short note: the path within the profile, the message, the file's name.
 * Not `path: message`: answers are masked, and `hostKeyPolicy: …` reads as a secret pair.
 */
function noteOf(issue: ConfigIssue, prefix: string): string {
  const path = issue.path.startsWith(prefix) ? issue.path.slice(prefix.length) : issue.path;
  const where = issue.source && isAbsolute(issue.source) ? ` (${basename(issue.source)})` : '';
  return `${path === '' || path === '(file)' ? '' : `${path} — `}${issue.message}${where}`;
}

/**
 * The enabled profiles as tools see them. Config warnings become each host's notes, so an
 * agent reading `hosts` sees what was ignored or is unsafe; warnings about no listed host
 * (an ignored project file) go to the default host, or the first.
 */
export function hostSummaries(
  config: BerthConfig,
  flagDefault: string | undefined,
  warnings: readonly ConfigIssue[] = [],
): HostSummary[] {
  const profiles = Object.entries(config.profiles).filter(([, p]) => p.enabled !== false);
  const names = profiles.map(([name]) => name);
  const wanted =
    flagDefault ?? config.defaultProfile ?? (names.includes('local') ? 'local' : (names[0] ?? 'local'));
  const ownerOf = (issue: ConfigIssue) =>
    names.find((name) => issue.path === `profiles.${name}` || issue.path.startsWith(`profiles.${name}.`));
  const general = warnings.filter((w) => ownerOf(w) === undefined).map((w) => noteOf(w, ''));
  const generalOn = names.includes(wanted) ? wanted : names[0];
  return profiles.map(([name, p]) => {
    const own = warnings.filter((w) => ownerOf(w) === name).map((w) => noteOf(w, `profiles.${name}.`));
    const notes = name === generalOn ? [...general, ...own] : own;
    return {
      name,
      type: p.type,
      readOnly: p.readOnly,
      isDefault: name === wanted,
      noConfirm: p.confirm === false,
      timeoutMs: p.timeoutMs,
      ...(p.type === 'ssh' ? { hostKeyPolicy: p.hostKeyPolicy } : {}),
      ...(p.description ? { description: p.description } : {}),
      ...(p.tags.length > 0 ? { tags: p.tags } : {}),
      ...(notes.length > 0 ? { notes } : {}),
    };
  });
}
