import type { ConfigIssue } from './config-issue.js';
import { machineOf, thisMachineNames } from './profile-machine.js';
import type { BerthConfig } from './profile-schema.js';

/**
 * A profile a project file adds for a machine that a read-only profile of the user file
 * reaches is read-only too: a second name must not be a writable way into the same engine.
 */
export function readOnlyTwins(config: BerthConfig, added: readonly string[], source: string): ConfigIssue[] {
  const warnings: ConfigIssue[] = [];
  if (added.length === 0) return warnings;
  const here = thisMachineNames();
  const guarded = new Map<string, string>();
  for (const [name, profile] of Object.entries(config.profiles)) {
    if (!added.includes(name) && profile.readOnly) guarded.set(machineOf(profile, here), name);
  }
  for (const name of added) {
    const profile = config.profiles[name];
    const twin = profile && !profile.readOnly ? guarded.get(machineOf(profile, here)) : undefined;
    if (!profile || twin === undefined) continue;
    profile.readOnly = true;
    warnings.push({
      path: `profiles.${name}.readOnly`,
      message: `set to true: it reaches the machine of "${twin}", which the user file makes read-only`,
      source,
    });
  }
  return warnings;
}
