import { dirname, resolve } from 'node:path';
import type { Logger } from 'pino';
import { type At, at, invalidAt, isMapping, mappingAt, scalarText } from './compose-shape.js';
import { parseComposeYaml } from './compose-yaml.js';
import { DiscoveryError } from './discovery-error.js';
import type { FileSource } from './file-source.js';
import { interpolateTree, type Lookup } from './interpolate.js';
import { mergeModels, mergeValues } from './merge-compose.js';
import { normalizeService } from './normalize-service.js';
import type { PathContext } from './service-volumes.js';

type Model = Record<string, unknown>;

export interface LoaderContext {
  source: FileSource;
  lookup: Lookup;
  home: string;
  logger?: Logger | undefined;
  signal?: AbortSignal | undefined;
}

/** Extends and include chains deeper than this are cycles or mistakes. */
const MAX_DEPTH = 16;

interface RawFile {
  file: string;
  doc: Model;
}

async function readFile(ctx: LoaderContext, file: string, why: string): Promise<RawFile> {
  if (ctx.signal?.aborted) {
    throw new DiscoveryError(
      'CANCELLED',
      `reading ${file} was cancelled`,
      { file },
      { cause: ctx.signal.reason },
    );
  }
  const text = await ctx.source.readText(file, ctx.signal);
  if (text === undefined) throw new DiscoveryError('NOT_FOUND', `${why} ${file} does not exist`, { file });
  const raw = parseComposeYaml(text, file);
  const doc = interpolateTree(raw, ctx.lookup, file, '', (name, path) =>
    ctx.logger?.warn({ variable: name, path, file }, 'variable is not set; using an empty string'),
  ) as Model;
  return { file, doc };
}

/** A service with its `extends` chain resolved, normalised against the directory of the file that declares it. */
async function resolveService(
  ctx: LoaderContext,
  raw: RawFile,
  name: string,
  paths: PathContext,
  seen: readonly string[],
): Promise<Model> {
  const key = `${raw.file}#${name}`;
  const where: At = { file: raw.file, path: `services.${name}` };
  if (seen.includes(key) || seen.length > MAX_DEPTH) {
    throw invalidAt(where, `extends cycle: ${[...seen, key].join(' -> ')}`);
  }
  const services = mappingAt(raw.doc.services, { file: raw.file, path: 'services' });
  if (!(name in services))
    throw new DiscoveryError('NOT_FOUND', `no service ${name} in ${raw.file}`, { file: raw.file });
  const own = mappingAt(services[name], where);
  const { extends: ext, ...rest } = own;
  const service = normalizeService(rest, where, paths);
  if (ext === undefined) return service;
  const extWhere = at(where, 'extends');
  const spec = typeof ext === 'string' ? { service: ext } : mappingAt(ext, extWhere);
  const baseName = scalarText(spec.service, at(extWhere, 'service'));
  let baseRaw = raw;
  let basePaths = paths;
  if (spec.file !== undefined) {
    const file = resolve(dirname(raw.file), scalarText(spec.file, at(extWhere, 'file')));
    baseRaw = await readFile(ctx, file, `${extWhere.path} (in ${raw.file}): file`);
    // Relative paths of the base service resolve against its own file's directory.
    basePaths = { ...paths, baseDir: dirname(file) };
  }
  const base = await resolveService(ctx, baseRaw, baseName, basePaths, [...seen, key]);
  return mergeValues(base, service) as Model;
}

/** The top level of one file, normalised, with `include` and `extends` resolved. */
export async function loadComposeFile(
  ctx: LoaderContext,
  file: string,
  paths: PathContext,
  depth = 0,
): Promise<Model> {
  if (depth > MAX_DEPTH)
    throw new DiscoveryError('INVALID_CONFIG', `include nested too deep at ${file}`, { file });
  const raw = await readFile(ctx, file, depth === 0 ? 'compose file' : 'included file');
  const { include, services: rawServices, ...top } = raw.doc;
  const model: Model = { ...top };
  const services: Record<string, Model> = {};
  for (const name of Object.keys(mappingAt(rawServices, { file, path: 'services' }))) {
    services[name] = await resolveService(ctx, raw, name, paths, []);
  }
  model.services = services;
  if (include === undefined) return model;
  const included = await loadIncludes(ctx, include, { file, path: 'include' }, paths, depth);
  for (const part of included) {
    for (const name of Object.keys(mappingAt(part.services, { file, path: 'include' }))) {
      if (name in services)
        throw invalidAt({ file, path: `services.${name}` }, 'also defined by an included file');
    }
  }
  return mergeModels([...included, model]);
}

async function loadIncludes(
  ctx: LoaderContext,
  include: unknown,
  where: At,
  paths: PathContext,
  depth: number,
): Promise<Model[]> {
  if (!Array.isArray(include)) throw invalidAt(where, 'expected a list');
  const models: Model[] = [];
  for (const [i, entry] of include.entries()) {
    const w = at(where, i);
    const spec: Record<string, unknown> = isMapping(entry) ? entry : { path: entry };
    const files = (Array.isArray(spec.path) ? spec.path : [spec.path]).map((p, j) =>
      resolve(dirname(where.file), scalarText(p, at(at(w, 'path'), j))),
    );
    const dir =
      spec.project_directory === undefined
        ? dirname(files[0] ?? where.file)
        : resolve(dirname(where.file), scalarText(spec.project_directory, at(w, 'project_directory')));
    const parts: Model[] = [];
    for (const f of files) parts.push(await loadComposeFile(ctx, f, { ...paths, baseDir: dir }, depth + 1));
    models.push(mergeModels(parts));
  }
  return models;
}
