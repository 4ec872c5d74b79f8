import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import type { BerthPaths } from './berth-paths.js';
import type { ConfigIssue } from './config-issue.js';
import type { BerthConfig, Profile, SshProfile, TcpProfile } from './profile-schema.js';

export interface RulesContext {
  paths: BerthPaths;
  /** The source of a dot path, for messages. */
  sourceOf: (path: string) => string | undefined;
}

interface Found {
  errors: ConfigIssue[];
  warnings: ConfigIssue[];
}

type FileState = 'missing' | 'not-regular' | 'unreadable' | 'ok';

const STATE_TEXT: Record<Exclude<FileState, 'ok'>, string> = {
  missing: 'file not found',
  // A device or FIFO would be read without end (/dev/zero: hundreds of MB per connect).
  'not-regular': 'not a regular file',
  unreadable: 'file not readable',
};

async function fileState(path: string): Promise<FileState> {
  try {
    if (!(await stat(path)).isFile()) return 'not-regular';
  } catch {
    return 'missing';
  }
  try {
    await access(path, constants.R_OK);
    return 'ok';
  } catch {
    return 'unreadable';
  }
}

function fileIssue(
  found: Found,
  profile: Profile,
  path: string,
  file: string,
  state: FileState,
  ctx: RulesContext,
) {
  if (state === 'ok') return;
  const issue = { path, message: `${STATE_TEXT[state]}: ${file}` };
  const source = ctx.sourceOf(path);
  const withSource = source ? { ...issue, source } : issue;
  if (state !== 'unreadable' && profile.enabled) found.errors.push(withSource);
  else found.warnings.push(withSource);
}

/** A file a profile needs: missing or not a regular file is an error, unless the profile is disabled (never connected). */
async function requireFile(found: Found, profile: Profile, path: string, file: string, ctx: RulesContext) {
  fileIssue(found, profile, path, file, await fileState(file), ctx);
}

async function sshRules(found: Found, name: string, p: SshProfile, ctx: RulesContext) {
  const at = `profiles.${name}`;
  if (p.identityFile) await requireFile(found, p, `${at}.identityFile`, p.identityFile, ctx);
  if (!p.identityFile && p.agent === false) {
    found.warnings.push({
      path: at,
      message: 'neither identityFile nor agent is set; there is no key to log in with',
    });
  }
  if (p.hostKeyPolicy === 'insecure-ignore') {
    found.warnings.push({
      path: `${at}.hostKeyPolicy`,
      message:
        'insecure-ignore turns host-key checks off: anyone on the network path can impersonate this host',
    });
  }
  if (p.knownHostsFile) {
    // May be missing (accept-new creates it), never a device or FIFO.
    const state = await fileState(p.knownHostsFile);
    if (state === 'not-regular') fileIssue(found, p, `${at}.knownHostsFile`, p.knownHostsFile, state, ctx);
  }
  if (p.hostKeyPolicy === 'strict') {
    const knownHosts = p.knownHostsFile ?? ctx.paths.userKnownHostsFile;
    if ((await fileState(knownHosts)) !== 'ok') {
      found.warnings.push({
        path: `${at}.hostKeyPolicy`,
        message: `strict checks need ${knownHosts}, which is missing or unreadable; connections will be refused (add the host key, or use accept-new)`,
      });
    }
  }
}

async function tcpRules(found: Found, name: string, p: TcpProfile, ctx: RulesContext) {
  const at = `profiles.${name}`;
  if (!p.tls) {
    found.warnings.push({
      path: `${at}.tls`,
      message: 'not set: plain TCP, anyone who reaches the port controls the engine; configure tls',
    });
    return;
  }
  if (!p.tls.verify) {
    found.warnings.push({
      path: `${at}.tls.verify`,
      message: 'false: the engine certificate is not checked',
    });
  }
  if (Boolean(p.tls.cert) !== Boolean(p.tls.key)) {
    found.errors.push({ path: `${at}.tls`, message: 'cert and key go together; set both or neither' });
  }
  for (const key of ['ca', 'cert', 'key'] as const) {
    const file = p.tls[key];
    if (file) await requireFile(found, p, `${at}.tls.${key}`, file, ctx);
  }
}

/** Rules across fields and the filesystem; the schema has already checked every field on its own. */
export async function checkConfigRules(config: BerthConfig, ctx: RulesContext): Promise<Found> {
  const found: Found = { errors: [], warnings: [] };
  const names = Object.keys(config.profiles);
  if (config.defaultProfile !== undefined) {
    const target = config.profiles[config.defaultProfile];
    const source = ctx.sourceOf('defaultProfile');
    const where = source ? { source } : {};
    if (!target) {
      found.errors.push({
        path: 'defaultProfile',
        message: `no profile named ${JSON.stringify(config.defaultProfile)}; known: ${names.join(', ') || 'none'}`,
        ...where,
      });
    } else if (!target.enabled) {
      found.errors.push({
        path: 'defaultProfile',
        message: `profile "${config.defaultProfile}" is disabled`,
        ...where,
      });
    }
  }
  if (names.length > 0 && names.every((name) => !config.profiles[name]?.enabled)) {
    found.warnings.push({ path: 'profiles', message: 'every profile is disabled' });
  }
  for (const [name, profile] of Object.entries(config.profiles)) {
    if (profile.type === 'ssh') await sshRules(found, name, profile, ctx);
    if (profile.type === 'tcp') await tcpRules(found, name, profile, ctx);
  }
  return found;
}
