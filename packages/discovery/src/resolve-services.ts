import type { LoaderContext } from './compose-file-loader.js';
import type { ComposeResource, ComposeService, ServicePort, ServiceVolume } from './compose-project.js';
import { invalidAt, isMapping, mappingAt } from './compose-shape.js';
import { DiscoveryError } from './discovery-error.js';
import { parseDotEnv } from './dot-env.js';
import { serviceKind } from './service-kind.js';
import type { PortEntry } from './service-ports.js';
import type { VolumeEntry } from './service-volumes.js';

type Model = Record<string, unknown>;

/**
 * Fills each service's `environment` as compose does: its `env_file` files in order, then
 * `environment` on top, a variable without a value taken from the interpolation
 * environment (null when that has none either).
 */
export async function resolveEnvironments(
  ctx: LoaderContext,
  model: Model,
  firstFile: string,
): Promise<Map<string, string[]>> {
  const envFiles = new Map<string, string[]>();
  for (const [name, service] of Object.entries(
    mappingAt(model.services, { file: firstFile, path: 'services' }),
  )) {
    const s = service as Model;
    const env: Record<string, string | null> = {};
    envFiles.set(
      name,
      ((s.env_file as Array<{ path: string }> | undefined) ?? []).map((e) => e.path),
    );
    for (const entry of (s.env_file as Array<{ path: string; required: boolean }> | undefined) ?? []) {
      const text = await ctx.source.readText(entry.path, ctx.signal);
      if (text === undefined) {
        if (!entry.required) continue;
        throw new DiscoveryError('NOT_FOUND', `services.${name}.env_file: ${entry.path} does not exist`, {
          file: entry.path,
          path: `services.${name}.env_file`,
        });
      }
      Object.assign(env, parseDotEnv(text, { lookup: ctx.lookup, file: entry.path }));
    }
    for (const [key, value] of Object.entries(
      (s.environment as Record<string, string | null> | undefined) ?? {},
    )) {
      env[key] = value ?? ctx.lookup(key) ?? null;
    }
    if (s.env_file !== undefined || s.environment !== undefined) s.environment = env;
    // Like `docker compose config`: the files' values are in `environment` now.
    delete s.env_file;
    if (s.image === undefined && s.build === undefined) {
      throw invalidAt({ file: firstFile, path: `services.${name}` }, 'a service needs an image or a build');
    }
  }
  return envFiles;
}

/** Gives each top-level volume and network the engine name compose prints as `name`. */
export function nameResources(project: string, model: Model): void {
  for (const section of ['volumes', 'networks']) {
    const entries = model[section];
    if (!isMapping(entries)) continue;
    for (const r of resources(project, entries)) {
      const spec = isMapping(entries[r.key]) ? (entries[r.key] as Model) : {};
      entries[r.key] = { ...spec, name: r.name };
    }
  }
}

/** Adds the `default` network compose creates for services that name no network. */
export function addDefaultNetwork(model: Model): void {
  const services = model.services as Record<string, Model>;
  let used = false;
  for (const service of Object.values(services)) {
    if (service.network_mode !== undefined) continue;
    if (service.networks === undefined) {
      service.networks = { default: null };
      used = true;
    } else if (isMapping(service.networks) && 'default' in service.networks) {
      used = true;
    }
  }
  if (used) model.networks = { default: {}, ...(model.networks as Model | undefined) };
}

/** Top-level volumes or networks with the names the engine gives them. */
export function resources(project: string, section: unknown): ComposeResource[] {
  return Object.entries(isMapping(section) ? section : {}).map(([key, value]) => {
    const spec = isMapping(value) ? value : {};
    const external = spec.external === true || isMapping(spec.external);
    const explicit = typeof spec.name === 'string' ? spec.name : undefined;
    return { key, name: explicit ?? (external ? key : `${project}_${key}`), external };
  });
}

function toPort(p: PortEntry): ServicePort {
  return {
    target: p.target,
    protocol: p.protocol,
    mode: p.mode,
    ...(p.published ? { published: p.published } : {}),
    ...(p.host_ip ? { hostIp: p.host_ip } : {}),
  };
}

function toVolume(v: VolumeEntry): ServiceVolume {
  return {
    type: v.type as ServiceVolume['type'],
    target: v.target,
    readOnly: v.read_only === true,
    ...(v.source ? { source: v.source } : {}),
  };
}

/** The model's services as ComposeService records, in name order. */
export function toServices(model: Model, envFiles: ReadonlyMap<string, string[]>): ComposeService[] {
  return Object.entries(model.services as Record<string, Model>)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, s]) => {
      const environment = Object.fromEntries(
        Object.entries((s.environment as Record<string, string | null> | undefined) ?? {}).filter(
          (e): e is [string, string] => e[1] !== null,
        ),
      );
      const ports = ((s.ports as PortEntry[] | undefined) ?? []).map(toPort);
      const command = s.command as string[] | undefined;
      const image = typeof s.image === 'string' ? s.image : undefined;
      const build = s.build as { context: string; dockerfile?: string } | undefined;
      const exposed = ((s.expose as string[] | undefined) ?? []).map((e) => Number.parseInt(e, 10));
      const service: ComposeService = {
        name,
        kind: serviceKind({
          image,
          command,
          environment,
          ports: [...ports.map((p) => p.target), ...exposed],
        }),
        ports,
        environment,
        envFiles: envFiles.get(name) ?? [],
        volumes: ((s.volumes as VolumeEntry[] | undefined) ?? []).map(toVolume),
        labels: (s.labels as Record<string, string> | undefined) ?? {},
        dependsOn: Object.keys((s.depends_on as Model | undefined) ?? {}),
        profiles: (s.profiles as string[] | undefined) ?? [],
      };
      if (image) service.image = image;
      if (build)
        service.build = {
          context: build.context,
          ...(build.dockerfile ? { dockerfile: build.dockerfile } : {}),
        };
      if (command) service.command = command;
      if (typeof s.container_name === 'string') service.containerName = s.container_name;
      return service;
    });
}
