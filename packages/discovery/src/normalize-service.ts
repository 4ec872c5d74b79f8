import shellQuote from 'shell-quote';
import { type At, at, isMapping, keyValues, listAt, mappingAt, scalarText } from './compose-shape.js';
import { normalizePorts } from './service-ports.js';
import { normalizeVolumes, type PathContext, resolveHostPath } from './service-volumes.js';

/** A command line as argv, split the way compose splits a string `command` (shell words, no expansion). */
export function splitCommand(text: string): string[] {
  // The env callback keeps `$X` as written: interpolation already ran, and the shell in the
  // container (if any) expands the rest.
  return shellQuote
    .parse(text, (name) => `$${name}`)
    .map((token) => {
      if (typeof token === 'string') return token;
      if ('op' in token && token.op === 'glob') return token.pattern;
      if ('op' in token) return token.op;
      return `#${token.comment}`;
    });
}

function argvAt(value: unknown, where: At): string[] | null {
  if (value === null) return null;
  if (typeof value === 'string') return splitCommand(value);
  return listAt(value, where).map((item, i) => scalarText(item, at(where, i)));
}

function stringsAt(value: unknown, where: At): string[] {
  if (typeof value === 'string' || typeof value === 'number') return [String(value)];
  return listAt(value, where).map((item, i) => scalarText(item, at(where, i)));
}

function normalizeBuild(value: unknown, where: At, ctx: PathContext): Record<string, unknown> {
  if (typeof value === 'string') return { context: resolveHostPath(value, ctx), dockerfile: 'Dockerfile' };
  const build = { ...mappingAt(value, where) };
  const context = build.context === undefined ? '.' : scalarText(build.context, at(where, 'context'));
  // A remote context (git URL) is not a path on this machine.
  build.context = /^[a-z]+:\/\/|^git@/.test(context) ? context : resolveHostPath(context, ctx);
  build.dockerfile ??= 'Dockerfile';
  if (build.args !== undefined) build.args = keyValues(build.args, at(where, 'args'));
  return build;
}

function normalizeDependsOn(value: unknown, where: At): Record<string, unknown> {
  if (Array.isArray(value)) {
    return Object.fromEntries(
      value.map((item, i) => [
        scalarText(item, at(where, i)),
        { condition: 'service_started', required: true },
      ]),
    );
  }
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(mappingAt(value, where))) {
    out[name] = { condition: 'service_started', required: true, ...mappingAt(spec, at(where, name)) };
  }
  return out;
}

function normalizeEnvFiles(
  value: unknown,
  where: At,
  ctx: PathContext,
): Array<{ path: string; required: boolean }> {
  const items = typeof value === 'string' ? [value] : listAt(value, where);
  return items.map((item, i) => {
    const w = at(where, i);
    if (isMapping(item)) {
      return {
        path: resolveHostPath(scalarText(item.path, at(w, 'path')), ctx),
        required: item.required !== false && item.required !== 'false',
      };
    }
    return { path: resolveHostPath(scalarText(item, w), ctx), required: true };
  });
}

/**
 * One service in the long, absolute form compose prints: environment and labels as
 * mappings, ports and volumes in long syntax, command and entrypoint as argv, depends_on
 * as a mapping with conditions, env_file and build paths absolute. Other keys pass through.
 */
export function normalizeService(raw: unknown, where: At, ctx: PathContext): Record<string, unknown> {
  const service: Record<string, unknown> = { ...mappingAt(raw, where) };
  const field = (key: string) => at(where, key);
  if (service.build !== undefined) service.build = normalizeBuild(service.build, field('build'), ctx);
  for (const key of ['command', 'entrypoint']) {
    if (service[key] !== undefined) service[key] = argvAt(service[key], field(key));
  }
  if (service.environment !== undefined)
    service.environment = keyValues(service.environment, field('environment'));
  if (service.labels !== undefined) {
    const labels = keyValues(service.labels, field('labels'));
    service.labels = Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, v ?? '']));
  }
  if (service.env_file !== undefined)
    service.env_file = normalizeEnvFiles(service.env_file, field('env_file'), ctx);
  if (service.ports !== undefined) service.ports = normalizePorts(service.ports, field('ports'));
  if (service.expose !== undefined) service.expose = stringsAt(service.expose, field('expose'));
  if (service.volumes !== undefined)
    service.volumes = normalizeVolumes(service.volumes, field('volumes'), ctx);
  if (service.depends_on !== undefined)
    service.depends_on = normalizeDependsOn(service.depends_on, field('depends_on'));
  if (Array.isArray(service.networks)) {
    service.networks = Object.fromEntries(
      service.networks.map((n, i) => [scalarText(n, at(field('networks'), i)), null]),
    );
  }
  for (const key of ['profiles', 'dns', 'dns_search', 'tmpfs', 'cap_add', 'cap_drop']) {
    if (service[key] !== undefined) service[key] = stringsAt(service[key], field(key));
  }
  if (service.image !== undefined && service.image !== null)
    service.image = scalarText(service.image, field('image'));
  return service;
}
