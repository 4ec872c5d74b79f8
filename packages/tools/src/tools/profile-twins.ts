import { machineOf } from '@berth/config/lite';
import { containPathLexically } from '@berth/security';
import { refusal } from './profile-leash.js';

type Fields = Record<string, unknown>;

export interface TwinTightening {
  /** Fields to write on top of what was asked, so the profile is no looser than its twins. */
  forced: Fields;
  /** Why, for the answer row (`read-only: prod reaches the same engine`). */
  note?: string;
}

/**
 * A profile that reaches the machine of other profiles gets the tightest of their safety
 * fields: a second name is no way around the first one's leash. `retargeted` says the
 * call chose where the profile points (add, or an edit of host, port or policy): then
 * accept-new for an SSH host berth already reaches is refused, since it would pin
 * whatever key that host offers now, including a changed one.
 */
export function tightenForTwins(
  name: string,
  next: Fields,
  profiles: Readonly<Record<string, Fields>>,
  thisMachine: ReadonlySet<string>,
  retargeted: boolean,
): TwinTightening {
  const machine = machineOf(next, thisMachine);
  const twins = Object.entries(profiles).filter(
    ([other, p]) => other !== name && machineOf(p, thisMachine) === machine,
  );
  if (twins.length === 0) return { forced: {} };
  const sshTwin = twins.find(([, p]) => p.type === 'ssh');
  if (retargeted && next.type === 'ssh' && next.hostKeyPolicy === 'accept-new' && sshTwin) {
    throw refusal(
      name,
      `accept-new would pin whatever key ${machine} offers now, and profile '${sshTwin[0]}' already reaches it; use hostKeyPolicy strict (its key must be in known_hosts)`,
    );
  }
  const forced: Fields = {};
  const readOnlyTwin = twins.find(([, p]) => p.readOnly === true);
  if (readOnlyTwin && next.readOnly !== true) forced.readOnly = true;
  if (next.confirm === false && twins.some(([, p]) => p.confirm !== false)) forced.confirm = true;
  if (next.allowHostAccess === true && twins.some(([, p]) => p.allowHostAccess !== true)) {
    forced.allowHostAccess = false;
  }
  const roots = Array.isArray(next.bindRoots) ? (next.bindRoots as string[]) : [];
  const shared = roots.filter((root) =>
    twins.every(([, p]) =>
      ((p.bindRoots as string[] | undefined) ?? []).some((o) => containPathLexically(o, root).inside),
    ),
  );
  if (shared.length !== roots.length) forced.bindRoots = shared;
  const tightened = Object.keys(forced);
  if (tightened.length === 0) return { forced };
  const why = readOnlyTwin
    ? `read-only: profile '${readOnlyTwin[0]}' is read-only and reaches the same engine`
    : `${tightened.join(', ')} as tight as the other profiles of ${machine}`;
  return { forced, note: why };
}
