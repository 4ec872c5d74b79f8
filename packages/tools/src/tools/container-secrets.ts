import type { HostEngine } from '@berth/engine';
import type { HostCall } from '../framework/host-call.js';
import { learnSecrets } from './refs.js';
import { withSuggestions } from './resource-kind.js';

type Inspected = Awaited<ReturnType<HostEngine['containers']['inspect']>>;

/** `KEY=value` entries as a record (a value may hold `=`; an entry without one is a key). */
export function envRecord(entries: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    entries.map((entry) => {
      const at = entry.indexOf('=');
      return at < 0 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
    }),
  );
}

/**
 * Inspects a container and teaches the call's masker the values of its secret-looking env
 * keys, before anything the container says (its command, logs, processes, exec output)
 * leaves: a password echoed in a log line or passed on a command line is masked too, not
 * only `PASSWORD=...` forms. A wrong name gets the closest ones.
 */
export async function inspectLearningSecrets(call: HostCall, ref: string): Promise<Inspected> {
  const info = await withSuggestions('container', ref, call, (engine) => engine.containers.inspect(ref));
  learnSecrets(envRecord(info.Config?.Env ?? []), call.masker);
  return info;
}
