import { isAbsolute, resolve } from 'node:path';
import { type At, at, invalidAt, isMapping, listAt, scalarText } from './compose-shape.js';

/** A mount as compose writes it in `config`: long syntax, bind sources absolute. */
export interface VolumeEntry {
  type: string;
  source?: string;
  target: string;
  read_only?: boolean;
  [key: string]: unknown;
}

export interface PathContext {
  /** Relative bind sources resolve against it. */
  baseDir: string;
  /** `~` expands to it. */
  home: string;
}

/** A host path as compose resolves it: `~` is the home directory, relative is under the base. */
export function resolveHostPath(path: string, ctx: PathContext): string {
  if (path === '~' || path.startsWith('~/')) return resolve(ctx.home, path.slice(2));
  return isAbsolute(path) ? resolve(path) : resolve(ctx.baseDir, path);
}

const isPathLike = (source: string) => /^[./~]/.test(source) || isAbsolute(source);

/** `[SOURCE:]TARGET[:MODE]`: a source that looks like a path is a bind, else a named volume. */
function parseShort(spec: string, where: At, ctx: PathContext): VolumeEntry {
  const parts = spec.split(':');
  if (parts.length > 3 || parts.some((p) => p === '')) throw invalidAt(where, `invalid volume "${spec}"`);
  if (parts.length === 1) return { type: 'volume', target: spec, volume: {} };
  const [source = '', target = '', mode] = parts;
  const modes = (mode ?? '').split(',').filter((m) => m !== '');
  const entry: VolumeEntry = isPathLike(source)
    ? { type: 'bind', source: resolveHostPath(source, ctx), target, bind: { create_host_path: true } }
    : { type: 'volume', source, target, volume: {} };
  if (modes.includes('ro')) entry.read_only = true;
  return entry;
}

function parseLong(value: Record<string, unknown>, where: At, ctx: PathContext): VolumeEntry {
  const type = value.type === undefined ? 'volume' : scalarText(value.type, at(where, 'type'));
  if (value.target === undefined) throw invalidAt(where, 'a volume needs target');
  const entry: VolumeEntry = { ...value, type, target: scalarText(value.target, at(where, 'target')) };
  if (value.source !== undefined && value.source !== null) {
    const source = scalarText(value.source, at(where, 'source'));
    entry.source = type === 'bind' ? resolveHostPath(source, ctx) : source;
  } else {
    delete entry.source;
  }
  if (value.read_only !== undefined) entry.read_only = value.read_only === true || value.read_only === 'true';
  return entry;
}

/** A service's `volumes` in long syntax. */
export function normalizeVolumes(value: unknown, where: At, ctx: PathContext): VolumeEntry[] {
  return listAt(value, where).map((item, i) => {
    const w = at(where, i);
    if (isMapping(item)) return parseLong(item, w, ctx);
    return parseShort(scalarText(item, w), w, ctx);
  });
}
