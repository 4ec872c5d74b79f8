import { realpath } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { expandHome } from './berth-paths.js';

async function real(path: string): Promise<string | undefined> {
  try {
    return await realpath(path);
  } catch {
    return undefined;
  }
}

/**
 * Whether the user file trusts the folder of `projectFile`: one of `trustedProjects` is the
 * same folder by real path (symlinks resolved on both sides). Only that exact folder, not
 * its subfolders: a server started in a subfolder reads that subfolder's file.
 */
export async function isTrustedProject(
  projectFile: string,
  trustedProjects: readonly string[],
  { userFile, home }: { userFile: string; home: string },
): Promise<boolean> {
  const folder = await real(dirname(projectFile));
  if (folder === undefined) return false;
  for (const entry of trustedProjects) {
    const expanded = expandHome(entry, home);
    const path = isAbsolute(expanded) ? expanded : resolve(dirname(userFile), expanded);
    if ((await real(path)) === folder) return true;
  }
  return false;
}

/** The issue text an ignored project file gets: the agent reads it in `hosts`, the user in the log. */
export function untrustedProjectMessage(projectFile: string, userFile: string): string {
  return `project file not trusted, ignored: to use it, list ${dirname(projectFile)} under trustedProjects in ${userFile}, or start berth with --trust-project`;
}
