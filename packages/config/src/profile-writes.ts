import { ConfigError } from './config-error.js';
import { updateConfigFile, type WriteResult } from './config-file-update.js';
import { isPlainObject } from './config-layer.js';
import { Profile, type ProfileInput, ProfileName } from './profile-schema.js';
import type { EditOp } from './yaml-text-edit.js';
import { issuesFromZod } from './zod-issues.js';

type UnionKeys<T> = T extends unknown ? keyof T : never;
type UnionValue<T, K extends PropertyKey> = T extends unknown ? (K extends keyof T ? T[K] : never) : never;

/**
 * Fields to change on a profile. A field left out stays as it is; `null` removes the field
 * from the file (back to its default). `tls` changes per field too; `tls: null` removes it.
 */
export type ProfilePatch = {
  [K in UnionKeys<ProfileInput>]?: Exclude<UnionValue<ProfileInput, K>, undefined> | null;
};

function checkName(name: string, file: string): void {
  const parsed = ProfileName.safeParse(name);
  if (!parsed.success) {
    const issues = [
      { path: `profiles.${name}`, message: parsed.error.issues[0]?.message ?? 'bad name', source: file },
    ];
    throw new ConfigError('INVALID_CONFIG', `${issues[0]?.path}: ${issues[0]?.message}`, { file, issues });
  }
}

function profilesOf(current: Record<string, unknown>): Record<string, unknown> {
  return isPlainObject(current.profiles) ? current.profiles : {};
}

function requireProfile(current: Record<string, unknown>, name: string, file: string): void {
  if (!(name in profilesOf(current))) {
    throw new ConfigError('PROFILE_NOT_FOUND', `${file} defines no profile named "${name}"`, { file });
  }
}

/** Drops undefined members so they are neither written nor compared. */
function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, withoutUndefined(v)]),
  );
}

/**
 * Adds a profile, written as given (defaults are not spelled out). A taken name is
 * PROFILE_EXISTS unless `overwrite` is set; the whole profile is then replaced.
 */
export async function addProfile(
  file: string,
  name: string,
  profile: ProfileInput,
  { overwrite = false }: { overwrite?: boolean } = {},
): Promise<WriteResult> {
  checkName(name, file);
  const clean = withoutUndefined(profile);
  const parsed = Profile.safeParse(clean);
  if (!parsed.success) {
    const issues = issuesFromZod(parsed.error, clean, ['profiles', name]);
    throw new ConfigError(
      'INVALID_CONFIG',
      `refused, nothing written: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      {
        file,
        issues,
      },
    );
  }
  return updateConfigFile(file, (current) => {
    if (name in profilesOf(current) && !overwrite) {
      throw new ConfigError('PROFILE_EXISTS', `${file} already has a profile named "${name}"`, { file });
    }
    return [{ kind: 'set', path: ['profiles', name], value: clean }];
  });
}

/** Changes only the fields in `patch`; every other byte of the file stays as it was. */
export async function editProfile(file: string, name: string, patch: ProfilePatch): Promise<WriteResult> {
  checkName(name, file);
  return updateConfigFile(file, (current) => {
    requireProfile(current, name, file);
    const ops: EditOp[] = [];
    const at = ['profiles', name];
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      if (value === null) ops.push({ kind: 'delete', path: [...at, key] });
      else if (key === 'tls' && isPlainObject(value)) {
        for (const [sub, subValue] of Object.entries(value)) {
          if (subValue === undefined) continue;
          const path = [...at, key, sub];
          ops.push(subValue === null ? { kind: 'delete', path } : { kind: 'set', path, value: subValue });
        }
      } else ops.push({ kind: 'set', path: [...at, key], value: withoutUndefined(value) });
    }
    return ops;
  });
}

/** Removes a profile; a `defaultProfile` naming it is removed too (reported as `clearedDefault`). */
export async function removeProfile(
  file: string,
  name: string,
): Promise<WriteResult & { clearedDefault: boolean }> {
  let clearedDefault = false;
  const result = await updateConfigFile(file, (current) => {
    requireProfile(current, name, file);
    const ops: EditOp[] = [{ kind: 'delete', path: ['profiles', name] }];
    if (current.defaultProfile === name) {
      clearedDefault = true;
      ops.push({ kind: 'delete', path: ['defaultProfile'] });
    }
    return ops;
  });
  return { ...result, clearedDefault };
}

/**
 * Sets (or with `undefined`, removes) `defaultProfile`. The profile must be defined in the
 * same file unless `allowOtherSource` says it comes from another config file.
 */
export async function setDefaultProfile(
  file: string,
  name: string | undefined,
  { allowOtherSource = false }: { allowOtherSource?: boolean } = {},
): Promise<WriteResult> {
  if (name !== undefined) checkName(name, file);
  return updateConfigFile(file, (current) => {
    if (name === undefined) return [{ kind: 'delete', path: ['defaultProfile'] }];
    if (!allowOtherSource) requireProfile(current, name, file);
    return [{ kind: 'set', path: ['defaultProfile'], value: name }];
  });
}
