import { isIP } from 'node:net';
import type Docker from 'dockerode';
import type { CallOptions } from './call-options.js';
import { startContainer } from './container-lifecycle.js';
import { EngineError } from './engine-error.js';
import { engineRequest } from './engine-request.js';
import {
  assertAbsolutePath,
  assertArgv,
  assertCount,
  assertImageRef,
  assertLabels,
  assertRef,
  assertUser,
  envList,
} from './input-guards.js';

export interface PortSpec {
  containerPort: number;
  protocol?: 'tcp' | 'udp' | 'sctp';
  /** Host port; absent or 0 lets the engine choose a free one. */
  hostPort?: number;
  /** Host address to publish on. Default 127.0.0.1: nothing is exposed beyond the host unless asked. */
  hostIp?: string;
}

export interface MountSpec {
  type: 'bind' | 'volume' | 'tmpfs';
  /** Host path (bind) or volume name (volume); absent for tmpfs and anonymous volumes. */
  source?: string;
  /** Absolute path in the container. */
  target: string;
  readOnly?: boolean;
}

export interface RestartPolicySpec {
  name: 'no' | 'always' | 'unless-stopped' | 'on-failure';
  /** Only for `on-failure`. */
  maximumRetryCount?: number;
}

export interface ContainerSpec {
  image: string;
  name?: string;
  /** Command as argv (replaces the image's CMD). */
  cmd?: string[];
  /** Entrypoint as argv (replaces the image's ENTRYPOINT). */
  entrypoint?: string[];
  env?: Record<string, string>;
  labels?: Record<string, string>;
  ports?: PortSpec[];
  /** Mounts; structured (never `src:dst:ro` strings a colon could subvert). */
  mounts?: MountSpec[];
  restartPolicy?: RestartPolicySpec;
  /** Network to attach at creation (name or id). */
  network?: string;
  user?: string;
  workdir?: string;
  hostname?: string;
  tty?: boolean;
  /** Keep stdin open (for attach). */
  openStdin?: boolean;
  /** Remove the container when it exits. */
  autoRemove?: boolean;
  /** Memory limit in bytes. */
  memoryBytes?: number;
  /** CPU limit in CPUs (1.5 = one and a half cores). */
  cpus?: number;
  /** Run an init (tini) as PID 1 that reaps zombies and forwards signals (`--init`). */
  init?: boolean;
  /** Capabilities to drop, e.g. `['ALL']` (`--cap-drop`). */
  capDrop?: string[];
  /** Security options, e.g. `['no-new-privileges']` (`--security-opt`). */
  securityOpt?: string[];
  /** Mount the root filesystem read-only (`--read-only`). */
  readOnlyRootfs?: boolean;
  /** Close stdin when the attached client detaches (`docker run -i` does), so the process sees EOF. */
  stdinOnce?: boolean;
}

export interface CreatedContainer {
  id: string;
  name?: string;
  warnings: string[];
}

function portKey(p: PortSpec): string {
  if (!Number.isInteger(p.containerPort) || p.containerPort < 1 || p.containerPort > 65535) {
    throw new EngineError('INVALID', `ports: containerPort ${p.containerPort} is not a port number`, {
      field: 'ports',
    });
  }
  return `${p.containerPort}/${p.protocol ?? 'tcp'}`;
}

function portBindings(ports: PortSpec[]): Record<string, Array<{ HostIp: string; HostPort: string }>> {
  const out: Record<string, Array<{ HostIp: string; HostPort: string }>> = {};
  for (const p of ports) {
    const hostIp = p.hostIp ?? '127.0.0.1';
    if (isIP(hostIp) === 0) {
      throw new EngineError('INVALID', `ports: hostIp "${hostIp}" is not an IP address`, { field: 'ports' });
    }
    const hostPort = p.hostPort ?? 0;
    if (!Number.isInteger(hostPort) || hostPort < 0 || hostPort > 65535) {
      throw new EngineError('INVALID', `ports: hostPort ${hostPort} is not a port number`, {
        field: 'ports',
      });
    }
    const key = portKey(p);
    out[key] = [...(out[key] ?? []), { HostIp: hostIp, HostPort: hostPort === 0 ? '' : String(hostPort) }];
  }
  return out;
}

function mounts(specs: MountSpec[]): Array<Record<string, unknown>> {
  return specs.map((m, i) => {
    const target = assertAbsolutePath(m.target, `mounts[${i}].target`);
    if (m.type === 'bind' && m.source === undefined) {
      throw new EngineError('INVALID', `mounts[${i}]: a bind mount needs a source path`, { field: 'mounts' });
    }
    const source =
      m.source === undefined
        ? undefined
        : m.type === 'bind'
          ? assertAbsolutePath(m.source, `mounts[${i}].source`)
          : assertRef('volume', m.source);
    return {
      Type: m.type,
      Target: target,
      ReadOnly: m.readOnly === true,
      ...(source ? { Source: source } : {}),
    };
  });
}

/** A capability or security option: a word such as `ALL` or `no-new-privileges`, never a flag. */
function assertOption(value: string, field: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.:=-]{0,127}$/.test(value)) {
    throw new EngineError(
      'INVALID',
      `${field}: ${JSON.stringify(value).slice(0, 64)} is not an option word`,
      { field },
    );
  }
  return value;
}

/** The engine's create body for a spec, every field checked first. */
export function createBody(spec: ContainerSpec): Record<string, unknown> {
  const ports = spec.ports ?? [];
  const hostConfig: Record<string, unknown> = {
    PortBindings: portBindings(ports),
    Mounts: mounts(spec.mounts ?? []),
    AutoRemove: spec.autoRemove === true,
  };
  if (spec.restartPolicy) {
    hostConfig.RestartPolicy = {
      Name: spec.restartPolicy.name === 'no' ? '' : spec.restartPolicy.name,
      MaximumRetryCount: assertCount(
        spec.restartPolicy.maximumRetryCount ?? 0,
        'restartPolicy.maximumRetryCount',
      ),
    };
  }
  if (spec.network) hostConfig.NetworkMode = assertRef('network', spec.network);
  if (spec.memoryBytes !== undefined) hostConfig.Memory = assertCount(spec.memoryBytes, 'memoryBytes');
  if (spec.init === true) hostConfig.Init = true;
  if (spec.capDrop) hostConfig.CapDrop = spec.capDrop.map((c) => assertOption(c, 'capDrop'));
  if (spec.securityOpt) hostConfig.SecurityOpt = spec.securityOpt.map((o) => assertOption(o, 'securityOpt'));
  if (spec.readOnlyRootfs === true) hostConfig.ReadonlyRootfs = true;
  if (spec.cpus !== undefined) {
    if (!(spec.cpus > 0))
      throw new EngineError('INVALID', 'cpus must be a positive number', { field: 'cpus' });
    hostConfig.NanoCpus = Math.round(spec.cpus * 1e9);
  }
  return {
    Image: assertImageRef(spec.image),
    ...(spec.cmd ? { Cmd: assertArgv(spec.cmd, 'cmd') } : {}),
    ...(spec.entrypoint ? { Entrypoint: assertArgv(spec.entrypoint, 'entrypoint') } : {}),
    ...(spec.env ? { Env: envList(spec.env) } : {}),
    Labels: assertLabels(spec.labels) ?? {},
    ExposedPorts: Object.fromEntries(ports.map((p) => [portKey(p), {}])),
    ...(spec.user ? { User: assertUser(spec.user) } : {}),
    ...(spec.workdir ? { WorkingDir: assertAbsolutePath(spec.workdir, 'workdir') } : {}),
    ...(spec.hostname ? { Hostname: assertRef('hostname', spec.hostname) } : {}),
    Tty: spec.tty === true,
    OpenStdin: spec.openStdin === true,
    ...(spec.stdinOnce === true ? { StdinOnce: true } : {}),
    AttachStdin: false,
    HostConfig: hostConfig,
  };
}

/** Creates a container (not started). */
export async function createContainer(
  docker: Docker,
  spec: ContainerSpec,
  options: CallOptions = {},
): Promise<CreatedContainer> {
  const body = createBody(spec);
  const name = spec.name === undefined ? undefined : assertRef('container name', spec.name);
  const created = await engineRequest<{ Id: string; Warnings: string[] | null }>(
    docker,
    {
      method: 'POST',
      path: '/containers/create',
      query: { name },
      body,
      what: `create container${name ? ` ${name}` : ''} from ${spec.image}`,
      data: { resource: 'container', ref: name, image: spec.image, operation: 'container.create' },
    },
    options,
  );
  return { id: created.Id, ...(name ? { name } : {}), warnings: created.Warnings ?? [] };
}

/**
 * Creates and starts a container (`docker run -d`). When the start fails the container
 * just created is removed again, so a failed run leaves nothing behind.
 */
export async function runContainer(
  docker: Docker,
  spec: ContainerSpec,
  options: CallOptions = {},
): Promise<CreatedContainer> {
  const created = await createContainer(docker, spec, options);
  try {
    await startContainer(docker, created.id, options);
  } catch (error) {
    await engineRequest(
      docker,
      {
        method: 'DELETE',
        path: `/containers/${encodeURIComponent(created.id)}`,
        query: { force: true, v: true },
        what: `remove container ${created.id} after its start failed`,
      },
      { timeoutMs: 30_000 },
    ).catch(() => {});
    throw error;
  }
  return created;
}
