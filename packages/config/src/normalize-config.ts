import { dirname, isAbsolute, resolve } from 'node:path';
import { expandHome } from './berth-paths.js';
import type { ConfigIssue } from './config-issue.js';
import { DEFAULT_DOCKER_SOCKET, profileFromDockerHost } from './docker-host-profile.js';
import type { EnvSettings } from './env-settings.js';
import { type MergedConfig, originOf } from './merge-layers.js';
import { BerthConfig, Profile } from './profile-schema.js';
import { issuesFromZod } from './zod-issues.js';

export interface NormalizeContext {
  env: NodeJS.ProcessEnv;
  home: string;
  settings: EnvSettings;
}

/** Fields that name files on this machine: `~` expands, relative paths resolve against the file that set them. */
const LOCAL_PATH_FIELDS = [
  'socketPath',
  'identityFile',
  'knownHostsFile',
  'agent',
  'tls.ca',
  'tls.cert',
  'tls.key',
];

function resolveLocalPaths(name: string, entry: Record<string, unknown>, merged: MergedConfig, home: string) {
  const out = structuredClone(entry);
  for (const field of LOCAL_PATH_FIELDS) {
    const [head, tail] = field.split('.') as [string, string | undefined];
    const holder = tail ? out[head] : out;
    const key = tail ?? head;
    if (holder === null || typeof holder !== 'object') continue;
    const record = holder as Record<string, unknown>;
    const value = record[key];
    if (typeof value !== 'string' || value === '') continue;
    let path = expandHome(value, home);
    const origin = originOf(merged.origins, `profiles.${name}.${field}`);
    if (!isAbsolute(path) && origin && isAbsolute(origin)) path = resolve(dirname(origin), path);
    record[key] = path;
  }
  return out;
}

/**
 * Merged raw settings → a typed BerthConfig: adds the implicit `local` profile when no
 * profile is configured, applies defaults, BERTH_READ_ONLY and the default profile choice.
 */
export function normalizeConfig(
  merged: MergedConfig,
  { env, home, settings }: NormalizeContext,
): { config?: BerthConfig; errors: ConfigIssue[]; warnings: ConfigIssue[] } {
  const errors: ConfigIssue[] = [];
  const warnings: ConfigIssue[] = [];
  let entries = merged.profiles;
  if (Object.keys(entries).length === 0) {
    const implicit = profileFromDockerHost(settings.dockerHost, env, home);
    errors.push(...implicit.errors);
    if (implicit.profile) {
      entries = { local: implicit.profile };
      merged.origins.set('profiles.local', settings.dockerHost ? 'env' : 'default');
    }
  }
  const localSocket = settings.dockerHost?.startsWith('unix://')
    ? decodeURIComponent(new URL(settings.dockerHost).pathname)
    : DEFAULT_DOCKER_SOCKET;
  const profiles: Record<string, Profile> = {};
  for (const [name, entry] of Object.entries(entries)) {
    const input = resolveLocalPaths(name, entry, merged, home);
    const parsed = Profile.safeParse(input);
    if (!parsed.success) {
      errors.push(
        ...issuesFromZod(parsed.error, input, ['profiles', name], (p) => originOf(merged.origins, p)),
      );
      continue;
    }
    const profile = parsed.data;
    if (profile.type === 'local' && profile.socketPath === undefined) profile.socketPath = localSocket;
    if (settings.readOnly) profile.readOnly = true;
    profiles[name] = profile;
  }
  if (errors.length > 0) return { errors, warnings };

  let defaultProfile = merged.defaultProfile;
  const names = Object.keys(profiles);
  if (defaultProfile === undefined) {
    if ('local' in profiles) defaultProfile = 'local';
    else if (names.length === 1) defaultProfile = names[0];
    else {
      warnings.push({
        path: 'defaultProfile',
        message: `not set and no profile is named "local"; every call must name a host (one of ${names.join(', ')})`,
      });
    }
  }
  const config = BerthConfig.parse({
    ...(defaultProfile ? { defaultProfile } : {}),
    profiles,
    trustedProjects: merged.trustedProjects ?? [],
    backupRoots: merged.backupRoots ?? [],
  });
  return { config, errors, warnings };
}
