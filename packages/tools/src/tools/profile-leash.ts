import { containPathLexically } from '@berth/security';
import { ToolError } from '../framework/tool-error.js';

type Fields = Record<string, unknown>;

/** Resolves a path as the config loader would (`~`, relative to the file written). */
export type PathOf = (value: string) => string;

/** What a field is when the file leaves it out (the schema's defaults). */
const DEFAULTS: Fields = {
  readOnly: false,
  confirm: true,
  allowHostAccess: false,
  bindRoots: [],
  hostKeyPolicy: 'strict',
  agent: false,
};
const POLICY_RANK: Record<string, number> = { 'insecure-ignore': 0, 'accept-new': 1, strict: 2 };
/** Fields that choose which keys, files and certificates are trusted: only a person changes them. */
const TRUST_FILES = ['knownHostsFile', 'identityFile', 'agent'] as const;
const TLS_FILES = ['ca', 'cert', 'key'] as const;
/** The fields an edit of a profile the server has not loaded may not touch. */
export const SAFETY_FIELDS = [
  'type',
  'readOnly',
  'confirm',
  'allowHostAccess',
  'bindRoots',
  'hostKeyPolicy',
  'tls',
  ...TRUST_FILES,
];

export function refusal(name: string, what: string): ToolError {
  return new ToolError(
    'INVALID',
    `host_config cannot loosen profile '${name}': ${what}. Only a person loosens a profile, in their config file; host_config may only tighten it`,
  );
}

/** The profile after an edit: `null` puts a field back to its default; `tls` merges per field. */
export function applyPatch(current: Fields, patch: Fields): Fields {
  const next: Fields = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) {
      if (key in DEFAULTS) next[key] = DEFAULTS[key];
      else delete next[key];
    } else if (key === 'tls' && isObject(value) && isObject(current.tls)) {
      const tls: Fields = { ...current.tls };
      for (const [sub, subValue] of Object.entries(value)) {
        if (subValue === null) delete tls[sub];
        else if (subValue !== undefined) tls[sub] = subValue;
      }
      next.tls = tls;
    } else next[key] = value;
  }
  return next;
}

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Compares file fields as the loader resolves them; `undefined` is the default file. */
function sameFile(a: unknown, b: unknown, pathOf: PathOf): boolean {
  const norm = (v: unknown) => (typeof v === 'string' ? pathOf(v) : v);
  return norm(a) === norm(b);
}

/** Refuses values no agent may write at all, on a new profile or an edit. */
export function refuseUnsafeValues(name: string, fields: Fields): void {
  if (fields.hostKeyPolicy === 'insecure-ignore') {
    throw refusal(name, 'hostKeyPolicy insecure-ignore turns host-key checks off');
  }
  if (isObject(fields.tls) && fields.tls.verify === false) {
    throw refusal(name, 'tls.verify false turns certificate checks off');
  }
}

/**
 * Refuses an edit that loosens what the server loaded for this profile: `next` must be at
 * least as tight as `current` in every safety field. Comparing with the loaded profile,
 * not the call's host, is the point: the profile edited is the one that restrains.
 */
export function refuseLoosening(name: string, current: Fields, next: Fields, pathOf: PathOf): void {
  const was = (key: string) => current[key] ?? DEFAULTS[key];
  const is = (key: string) => next[key] ?? DEFAULTS[key];
  if (is('type') !== was('type')) throw refusal(name, `type ${String(was('type'))} cannot change`);
  if (was('readOnly') === true && is('readOnly') !== true) throw refusal(name, 'readOnly true stays true');
  if (was('confirm') !== false && is('confirm') !== true) throw refusal(name, 'confirm true stays true');
  if (was('allowHostAccess') !== true && is('allowHostAccess') !== false) {
    throw refusal(name, 'allowHostAccess false stays false');
  }
  const roots = is('bindRoots');
  const old = was('bindRoots') as string[];
  const within = (root: unknown) =>
    typeof root === 'string' && old.some((o) => containPathLexically(o, root).inside);
  if (!Array.isArray(roots) || !roots.every(within)) {
    throw refusal(name, `bindRoots may only shrink (now: ${old.join(', ') || 'none'})`);
  }
  if (was('type') === 'ssh') {
    const before = POLICY_RANK[String(was('hostKeyPolicy'))] ?? 0;
    if ((POLICY_RANK[String(is('hostKeyPolicy'))] ?? -1) < before) {
      throw refusal(name, `hostKeyPolicy ${String(was('hostKeyPolicy'))} cannot become weaker`);
    }
  }
  for (const key of TRUST_FILES) {
    if (!sameFile(was(key), is(key), pathOf)) throw refusal(name, `${key} cannot change`);
  }
  if (isObject(current.tls)) {
    if (!isObject(next.tls)) throw refusal(name, 'tls cannot be removed');
    if (current.tls.verify !== false && next.tls.verify === false)
      throw refusal(name, 'tls.verify stays true');
    for (const key of TLS_FILES) {
      if (!sameFile(current.tls[key], next.tls[key], pathOf)) throw refusal(name, `tls.${key} cannot change`);
    }
  }
}

/**
 * A new profile starts no looser than the defaults in the fields only a person loosens;
 * accept-new and a key file are allowed, so an agent can add a host it has never reached.
 */
export function refuseLooseNew(name: string, fields: Fields): void {
  refuseUnsafeValues(name, fields);
  if (fields.confirm === false) throw refusal(name, 'confirm false');
  if (fields.allowHostAccess === true) throw refusal(name, 'allowHostAccess true');
  if (Array.isArray(fields.bindRoots) && fields.bindRoots.length > 0) throw refusal(name, 'bindRoots');
  if (fields.knownHostsFile !== undefined) {
    throw refusal(name, 'knownHostsFile chooses which host keys are trusted');
  }
}
