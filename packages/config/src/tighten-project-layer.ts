import type { ConfigIssue } from './config-issue.js';
import { type ConfigLayer, isPlainObject } from './config-layer.js';
import { LocalProfile, SshProfile, TcpProfile } from './profile-schema.js';

const POLICY_RANK: Record<string, number> = { 'insecure-ignore': 0, 'accept-new': 1, strict: 2 };

/** Fields that neither widen what berth may do nor change where it connects. */
const FREE = new Set([
  'description',
  'tags',
  'composePaths',
  'appdataPath',
  'timeoutMs',
  'connectTimeoutMs',
  'keepaliveIntervalMs',
]);

const PROFILE_FIELDS = new Set(
  [LocalProfile, TcpProfile, SshProfile].flatMap((schema) => Object.keys(schema.shape)),
);

type Check = (value: unknown, user: Record<string, unknown>) => string | undefined;

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/**
 * On a profile of the user file: why a value would loosen it, or undefined when it only
 * tightens. Every other profile field (where and how berth connects) is the user's alone.
 */
const TIGHTEN: Record<string, Check> = {
  readOnly: (v) => (v === true ? undefined : 'readOnly can only become true'),
  confirm: (v) => (v === true ? undefined : 'confirm can only become true'),
  enabled: (v) => (v === false ? undefined : 'a project file can only disable a profile'),
  allowHostAccess: (v) => (v === false ? undefined : 'allowHostAccess can only become false'),
  bindRoots: (v, user) =>
    Array.isArray(v) && v.every((root) => asList(user.bindRoots).includes(root))
      ? undefined
      : 'only some of the bindRoots the user file lists',
  hostKeyPolicy: (v, user) =>
    (POLICY_RANK[String(v)] ?? -1) >= (POLICY_RANK[String(user.hostKeyPolicy ?? 'strict')] ?? 2)
      ? undefined
      : 'only a stricter policy (strict > accept-new > insecure-ignore)',
};

/** On a profile the project file adds: the values that would turn a check off. */
const NEW_PROFILE: Record<string, Check> = {
  hostKeyPolicy: (v) =>
    v === 'insecure-ignore' ? 'a project file cannot turn host-key checks off (strict applies)' : undefined,
  confirm: (v) => (v === false ? 'a project file cannot turn confirmation off' : undefined),
  allowHostAccess: (v) =>
    v === true ? 'only your own config file can let containers reach the host' : undefined,
  bindRoots: (v) =>
    asList(v).length > 0
      ? 'only your own config file can let containers bind host folders unasked'
      : undefined,
};

export interface TightenedProject {
  layer: ConfigLayer;
  warnings: ConfigIssue[];
  /** Profiles the project file adds (the user file does not define them). */
  added: string[];
}

function userProfileEntry(
  name: string,
  entry: Record<string, unknown>,
  user: Record<string, unknown>,
  refuse: (key: string, why: string) => void,
): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entry)) {
    if (key === 'type' && value === user.type) continue;
    const check = TIGHTEN[key];
    if (FREE.has(key)) kept[key] = value;
    else if (check) {
      const why = check(value, user);
      if (why) refuse(key, why);
      else kept[key] = value;
    } else if (key === 'tls' && isPlainObject(value)) {
      const { verify, ...rest } = value;
      if (verify === true) kept.tls = { verify };
      if (verify === false) refuse('tls.verify', 'tls.verify can only become true');
      for (const sub of Object.keys(rest)) refuse(`tls.${sub}`, 'the user file sets how berth connects');
    } else if (PROFILE_FIELDS.has(key)) {
      refuse(key, `where and how berth connects to ${name} is the user file's to set`);
    } else kept[key] = value; // Not a profile field: validation names it.
  }
  return kept;
}

function newProfileEntry(
  entry: Record<string, unknown>,
  refuse: (key: string, why: string) => void,
): Record<string, unknown> {
  const kept = structuredClone(entry);
  for (const [key, check] of Object.entries(NEW_PROFILE)) {
    const why = key in kept ? check(kept[key], {}) : undefined;
    if (why === undefined) continue;
    delete kept[key];
    refuse(key, why);
  }
  if (isPlainObject(kept.tls) && kept.tls.verify === false) {
    delete kept.tls.verify;
    refuse('tls.verify', 'a project file cannot turn certificate checks off');
  }
  return kept;
}

/**
 * A trusted project file, cut down to what may only tighten the user file: a profile the
 * user defines may become read-only, confirming, disabled or stricter about host keys, and
 * get descriptive fields; new profiles never turn a check off. What is cut is a warning.
 */
export function tightenProjectLayer(project: ConfigLayer, user: ConfigLayer | undefined): TightenedProject {
  const warnings: ConfigIssue[] = [];
  const added: string[] = [];
  const layer: ConfigLayer = { source: project.source, profiles: {} };
  if (project.defaultProfile !== undefined) layer.defaultProfile = project.defaultProfile;
  if (project.trustedProjects !== undefined) {
    warnings.push({
      path: 'trustedProjects',
      message: 'ignored: only the user file can trust projects',
      source: project.source,
    });
  }
  if (project.backupRoots !== undefined) {
    warnings.push({
      path: 'backupRoots',
      message: 'ignored: only your own config file can let backups be written elsewhere',
      source: project.source,
    });
  }
  for (const [name, entry] of Object.entries(project.profiles)) {
    const refuse = (key: string, why: string) =>
      warnings.push({ path: `profiles.${name}.${key}`, message: `ignored: ${why}`, source: project.source });
    const mine = user?.profiles[name];
    if (mine) layer.profiles[name] = userProfileEntry(name, entry, mine, refuse);
    else {
      layer.profiles[name] = newProfileEntry(entry, refuse);
      added.push(name);
    }
  }
  return { layer, warnings, added };
}
