import { hostname, networkInterfaces } from 'node:os';

/** The machine of every local profile and of every address that loops back to it. */
export const THIS_MACHINE = 'this machine';

/** The names and addresses this machine answers to, besides loopback. */
export function thisMachineNames(): Set<string> {
  const names = new Set([hostname().toLowerCase()]);
  for (const list of Object.values(networkInterfaces())) {
    for (const entry of list ?? []) names.add(entry.address.toLowerCase());
  }
  return names;
}

function isLoopback(host: string): boolean {
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    /^(::ffff:)?127\.\d+\.\d+\.\d+$/.test(host) ||
    ['::1', '0:0:0:0:0:0:0:1', '0.0.0.0', '::'].includes(host)
  );
}

/**
 * The machine a profile's engine runs on. Engines are compared by machine, not by port,
 * user or socket: whoever drives any engine of a machine can bind the others' sockets, so
 * two of them cannot be told apart safely. Local profiles and loopback addresses are this
 * machine; other hosts compare as written (lower case), so two names of one host differ.
 */
export function machineOf(profile: Record<string, unknown>, thisMachine: ReadonlySet<string>): string {
  if (profile.type === 'local') return THIS_MACHINE;
  const host = String(profile.host ?? '')
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
  return isLoopback(host) || thisMachine.has(host) ? THIS_MACHINE : host;
}
