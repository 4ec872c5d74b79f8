import type { HostEngine } from '@berth/engine';
import { argvSecrets } from '@berth/security';
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
 * Teaches `call`'s masker what an inspected container holds secret: the values of its
 * secret-looking env keys and labels, and the values of secret flags on its command line.
 */
export function learnContainerSecrets(info: Inspected, call: HostCall): void {
  learnSecrets(envRecord(info.Config?.Env ?? []), call.masker);
  learnSecrets(info.Config?.Labels ?? {}, call.masker);
  const argv = [...(info.Config?.Entrypoint ?? []), ...(info.Config?.Cmd ?? [])];
  call.masker.addSecrets(argvSecrets(argv, call.masker.isSecretKey));
}

/**
 * Inspects a container and learns its secrets (`learnContainerSecrets`) before anything
 * the container says (its command, logs, processes, exec output) leaves: a password echoed
 * in a log line or passed on a command line is masked too, not only `PASSWORD=...` forms.
 * A wrong name gets the closest ones.
 */
export async function inspectLearningSecrets(call: HostCall, ref: string): Promise<Inspected> {
  const info = await withSuggestions('container', ref, call, (engine) => engine.containers.inspect(ref));
  learnContainerSecrets(info, call);
  return info;
}

/** Containers one read learns from at most (events of a busy host name many). */
const MAX_LEARNED = 32;

/**
 * Learns the secrets of containers a read names (events: an exec's argv is the agent's,
 * what it echoes is the container's). One that is gone by now is skipped.
 */
export async function learnFromContainers(call: HostCall, ids: Iterable<string>): Promise<void> {
  const engine = await call.engine();
  const unique = [...new Set(ids)].slice(0, MAX_LEARNED);
  const found = await Promise.allSettled(unique.map((id) => engine.containers.inspect(id)));
  for (const r of found) if (r.status === 'fulfilled') learnContainerSecrets(r.value, call);
}
