import { type At, at, invalidAt, isMapping, listAt, scalarText } from './compose-shape.js';

/** A port as compose writes it in `config`: long syntax, published as text. */
export interface PortEntry {
  mode: string;
  host_ip?: string;
  target: number;
  published?: string;
  protocol: string;
}

const PORT = /^\d{1,5}$/;

function portNumber(text: string, where: At): number {
  const n = Number(text);
  if (!PORT.test(text) || n < 1 || n > 65535) throw invalidAt(where, `invalid port "${text}"`);
  return n;
}

function range(text: string, where: At): [number, number] {
  const [from, to = from] = text.split('-') as [string, string?];
  const a = portNumber(from, where);
  const b = portNumber(to, where);
  if (b < a) throw invalidAt(where, `invalid port range "${text}"`);
  return [a, b];
}

/** `[HOST_IP:][HOST_PORT[-END]:]PORT[-END][/PROTOCOL]`, one entry per container port of a range. */
function parseShort(spec: string, where: At): PortEntry[] {
  const slash = spec.lastIndexOf('/');
  const protocol = slash >= 0 ? spec.slice(slash + 1).toLowerCase() : 'tcp';
  const body = slash >= 0 ? spec.slice(0, slash) : spec;
  if (!['tcp', 'udp', 'sctp'].includes(protocol)) throw invalidAt(where, `invalid protocol "${protocol}"`);
  let hostIp: string | undefined;
  let rest = body;
  const v6 = /^\[([0-9a-fA-F:.]+)\]:(.*)$/.exec(body);
  if (v6) {
    hostIp = v6[1];
    rest = v6[2] ?? '';
  }
  const parts = rest.split(':');
  if (parts.length > (hostIp ? 2 : 3)) throw invalidAt(where, `invalid port "${spec}"`);
  if (parts.length === 3) hostIp = parts.shift() || undefined;
  const container = parts.pop() ?? '';
  const published = parts.pop() || undefined;
  const [first, last] = range(container, where);
  const hostRange = published ? range(published, where) : undefined;
  const count = last - first + 1;
  if (hostRange && hostRange[1] - hostRange[0] + 1 !== count && hostRange[0] !== hostRange[1]) {
    throw invalidAt(where, `port ranges of different sizes in "${spec}"`);
  }
  const entries: PortEntry[] = [];
  for (let i = 0; i < count; i++) {
    const entry: PortEntry = { mode: 'ingress', target: first + i, protocol };
    if (hostIp) entry.host_ip = hostIp;
    if (hostRange) {
      // One host range for one container port lets the engine pick from the range.
      entry.published =
        count === 1 && hostRange[0] !== hostRange[1]
          ? `${hostRange[0]}-${hostRange[1]}`
          : String(hostRange[0] + (hostRange[0] === hostRange[1] ? 0 : i));
    }
    entries.push(entry);
  }
  return entries;
}

function parseLong(value: Record<string, unknown>, where: At): PortEntry {
  if (value.target === undefined) throw invalidAt(where, 'a port needs target');
  const entry: PortEntry = {
    mode: value.mode === undefined ? 'ingress' : scalarText(value.mode, at(where, 'mode')),
    target: portNumber(scalarText(value.target, at(where, 'target')), at(where, 'target')),
    protocol:
      value.protocol === undefined ? 'tcp' : scalarText(value.protocol, at(where, 'protocol')).toLowerCase(),
  };
  if (value.host_ip !== undefined) entry.host_ip = scalarText(value.host_ip, at(where, 'host_ip'));
  if (value.published !== undefined && value.published !== null && value.published !== '') {
    const published = scalarText(value.published, at(where, 'published'));
    range(published, at(where, 'published'));
    entry.published = published;
  }
  return entry;
}

/** A service's `ports` in long syntax, with the dot path of a bad entry in the error. */
export function normalizePorts(value: unknown, where: At): PortEntry[] {
  return listAt(value, where).flatMap((item, i) => {
    const w = at(where, i);
    if (isMapping(item)) return [parseLong(item, w)];
    return parseShort(scalarText(item, w), w);
  });
}
