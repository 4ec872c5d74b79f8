import type { FuzzCall, ToolShape } from './fuzz-call-arbitrary.test-support.js';

/** Programs the fuzz may name first in an argv: they read and print, nothing else. */
export const HARMLESS_PROGRAMS = ['echo', 'true', 'false', 'id', 'ls', 'cat', 'pwd', 'uname', 'whoami'];

export interface ShieldScope {
  /** Full ids of the fuzz's own fixtures (local and remote): prefixes of these may reach them. */
  ownIds: readonly string[];
  /** Names of everything on the local engine that is not the fuzz's (refreshed as it runs). */
  foreignNames(): ReadonlySet<string>;
  /** Every program in the fixture images, by base name. */
  programs: ReadonlySet<string>;
  /** The fuzz's own volume: the only one a generated `name:/dst` mount may use. */
  volume: string;
}

const REF_PARAMS = ['id', 'container', 'network', 'name', 'image'];
const IMAGE_REF = /^[A-Za-z0-9][A-Za-z0-9_.:@/-]*$/;
const PORT_WITH_HOST = /^(?:(\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-fA-F:]+\]):)?(\d{1,5})?:(\d{1,5}(?:\/[a-z]+)?)$/;
const NAMED_MOUNT = /^([A-Za-z0-9][A-Za-z0-9_.-]{0,254})(:\/.*)$/;

/**
 * Keeps the fuzz inside the test bed without weakening what it sends berth: the engine
 * is shared with other tests, so a generated value must not name another test's object
 * (an id prefix or a name), reach a registry beyond loopback, take a host port, make an
 * unlabelled volume, or name a real program that a payload would then legitimately feed.
 * Each rewrite keeps the value's shape (same param, same type, still hostile where it was).
 */
export class FuzzShield {
  constructor(private readonly scope: ShieldScope) {}

  apply(call: FuzzCall): FuzzCall {
    if (!call.args || typeof call.args !== 'object') return call;
    const args: Record<string, unknown> = {};
    for (const key of Object.keys(call.args)) {
      const descriptor = Object.getOwnPropertyDescriptor(call.args, key);
      let value = descriptor?.value;
      if (REF_PARAMS.includes(key) && typeof value === 'string') value = this.ref(value);
      if (key === 'image' && call.args.action === 'pull' && typeof value === 'string')
        value = this.pullRef(value);
      if (key === 'ports' && Array.isArray(value))
        value = value.map((p) => (typeof p === 'string' ? loopbackPort(p) : p));
      if (key === 'volumes' && Array.isArray(value))
        value = value.map((v) => (typeof v === 'string' ? this.mount(v) : v));
      if ((key === 'argv' || key === 'cmd') && Array.isArray(value)) value = this.argv(value);
      Object.defineProperty(args, key, { value, enumerable: true, configurable: true, writable: true });
    }
    return { tool: call.tool, args };
  }

  /** The engine resolves any unique hex prefix of an id, and names exactly. */
  private ref(value: string): string {
    const bare = value.replace(/^\//, '').replace(/^sha256:/, '');
    // Twelve digits or more: a shorter prefix of one engine's fixture may be unique to another test's object.
    const own = bare.length >= 12 && this.scope.ownIds.some((id) => id.startsWith(bare.toLowerCase()));
    const hex = /^[0-9a-f]+$/i.test(bare) && !own;
    const foreign = this.scope.foreignNames().has(bare) || this.scope.foreignNames().has(`${bare}:latest`);
    return hex || foreign ? `z${value}` : value;
  }

  /** A pull goes to a closed loopback port, never to a public registry. */
  private pullRef(value: string): string {
    return IMAGE_REF.test(value) && !value.startsWith('127.0.0.1:') ? `127.0.0.1:1/${value}` : value;
  }

  private mount(value: string): string {
    const m = NAMED_MOUNT.exec(value);
    return m ? `${this.scope.volume}${m[2]}` : value;
  }

  private argv(value: unknown[]): unknown[] {
    const [first, ...rest] = value;
    if (typeof first !== 'string') return value;
    const base = first.split('/').pop() ?? first;
    const real = this.scope.programs.has(base) && !HARMLESS_PROGRAMS.includes(base);
    return real ? [`z${first}`, ...rest] : value;
  }
}

/** Published ports stay on loopback at a port the engine picks (other tests own fixed ones). */
function loopbackPort(value: string): string {
  const m = PORT_WITH_HOST.exec(value);
  return m ? `127.0.0.1::${m[3]}` : value;
}

/**
 * Whatever a create call makes carries the test bed's labels, merged into its own
 * `labels` (for actions that take them; a `labels` of the wrong type is left to fail).
 */
export function withMadeLabels(call: FuzzCall, shapes: ToolShape[], made: Record<string, string>): FuzzCall {
  const args = call.args;
  const action = typeof args?.action === 'string' ? args.action : '';
  const shape = shapes.find((s) => s.name === call.tool);
  if (call.tool !== 'create' || !args || !shape || !Object.hasOwn(shape.takes, action)) return call;
  if (!shape.takes[action]?.includes('labels')) return call;
  const labels = args.labels;
  if (labels !== undefined && (typeof labels !== 'object' || labels === null || Array.isArray(labels)))
    return call;
  // A null-prototype target keeps an own `__proto__` key a label, as the server will read it.
  const merged = Object.assign(Object.create(null), labels ?? {}, made);
  const out = { ...args };
  Object.defineProperty(out, 'labels', {
    value: { ...merged },
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return { tool: call.tool, args: out };
}
