import { ConfigError } from './config-error.js';
import { updateConfigFile, type WriteResult } from './config-file-update.js';
import { isPlainObject } from './config-layer.js';
import { Profile } from './profile-schema.js';
import type { ImportedSshProfile } from './ssh-config-import.js';
import type { EditOp } from './yaml-text-edit.js';
import { issuesFromZod } from './zod-issues.js';

export interface ImportWriteResult extends WriteResult {
  /** Profiles written (added, or replaced with `overwrite`). */
  written: string[];
  /** Names the file already had; left as they were unless `overwrite`. */
  clashes: string[];
}

/**
 * Writes imported profiles into a config file in one atomic write. A name the file
 * already uses is reported in `clashes` and kept as it is, unless `overwrite` is set.
 */
export async function writeImportedProfiles(
  file: string,
  profiles: Record<string, ImportedSshProfile>,
  { overwrite = false }: { overwrite?: boolean } = {},
): Promise<ImportWriteResult> {
  for (const [name, profile] of Object.entries(profiles)) {
    const parsed = Profile.safeParse(profile);
    if (!parsed.success) {
      const issues = issuesFromZod(parsed.error, profile, ['profiles', name]);
      throw new ConfigError('INVALID_CONFIG', `imported profile "${name}" is not valid; nothing written`, {
        file,
        issues,
      });
    }
  }
  const written: string[] = [];
  const clashes: string[] = [];
  const result = await updateConfigFile(file, (current) => {
    const existing = isPlainObject(current.profiles) ? current.profiles : {};
    const ops: EditOp[] = [];
    for (const [name, profile] of Object.entries(profiles)) {
      if (name in existing) {
        clashes.push(name);
        if (!overwrite) continue;
      }
      written.push(name);
      ops.push({ kind: 'set', path: ['profiles', name], value: { ...profile } });
    }
    return ops;
  });
  return { ...result, written, clashes };
}
