import type Docker from 'dockerode';
import { removeContainer } from './container-removal.js';
import { dockerClient } from './docker-client.js';
import { testLabels } from './labels.js';
import { type CommandResult, runCommand } from './run-command.js';
import { TestkitError } from './testkit-error.js';

export interface ContainerSpec {
  image: string;
  cmd?: string[];
  entrypoint?: string[];
  env?: Record<string, string>;
  name?: string;
  labels?: Record<string, string>;
  /** Container ports (TCP) to publish on 127.0.0.1 at free host ports. */
  ports?: number[];
  /** Extra engine host config (binds, capabilities, ...). */
  hostConfig?: Docker.HostConfig;
}

function createOptions(spec: ContainerSpec): Docker.ContainerCreateOptions {
  const ports = spec.ports ?? [];
  return {
    Image: spec.image,
    Cmd: spec.cmd,
    Entrypoint: spec.entrypoint,
    Env: Object.entries(spec.env ?? {}).map(([k, v]) => `${k}=${v}`),
    Labels: testLabels(spec.labels),
    ExposedPorts: Object.fromEntries(ports.map((p) => [`${p}/tcp`, {}])),
    HostConfig: {
      // Tests publish only on loopback.
      PortBindings: Object.fromEntries(
        ports.map((p) => [`${p}/tcp`, [{ HostIp: '127.0.0.1', HostPort: '' }]]),
      ),
      ...spec.hostConfig,
    },
    ...(spec.name ? { name: spec.name } : {}),
  };
}

/** A running, labelled test container; `await using` removes it with its volumes. */
export class TestContainer implements AsyncDisposable {
  constructor(
    readonly container: Docker.Container,
    readonly id: string,
    readonly name: string,
    /** container port -> host port on 127.0.0.1 */
    readonly ports: ReadonlyMap<number, number>,
  ) {}

  hostPort(containerPort: number): number {
    const port = this.ports.get(containerPort);
    if (port === undefined)
      throw new TestkitError('FIXTURE', `port ${containerPort} of ${this.name} is not published`);
    return port;
  }

  /** Runs argv in the container (no shell); returns the real exit code and both streams. */
  exec(
    argv: string[],
    options: { timeoutMs?: number; input?: string; user?: string } = {},
  ): Promise<CommandResult> {
    const flags = options.input === undefined ? [] : ['-i'];
    if (options.user) flags.push('--user', options.user);
    return runCommand(['docker', 'exec', ...flags, this.id, ...argv], {
      timeoutMs: options.timeoutMs ?? 60_000,
      check: false,
      ...(options.input === undefined ? {} : { input: options.input }),
    });
  }

  async logs(): Promise<CommandResult> {
    return runCommand(['docker', 'logs', this.id], { timeoutMs: 30_000 });
  }

  async remove(): Promise<void> {
    await removeContainer(this.container, this.name);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.remove();
  }
}

/** Creates and starts a labelled container and reads back its published ports. */
export async function startContainer(spec: ContainerSpec): Promise<TestContainer> {
  const docker = dockerClient();
  const container = await docker.createContainer(createOptions(spec));
  try {
    await container.start();
    const info = await container.inspect();
    const ports = new Map<number, number>();
    for (const [key, bindings] of Object.entries(info.NetworkSettings.Ports ?? {})) {
      const hostPort = bindings?.[0]?.HostPort;
      if (hostPort) ports.set(Number.parseInt(key, 10), Number.parseInt(hostPort, 10));
    }
    return new TestContainer(container, info.Id, info.Name.replace(/^\//, ''), ports);
  } catch (error) {
    await container.remove({ force: true, v: true }).catch(() => {});
    throw error;
  }
}

/** Runs a container to completion (like `docker run --rm`) and returns its exit code and output. */
export async function runContainer(spec: ContainerSpec & { timeoutMs?: number }): Promise<CommandResult> {
  await using container = await startContainer(spec);
  const timeoutMs = spec.timeoutMs ?? 60_000;
  const waited = (await Promise.race([
    container.container.wait(),
    new Promise((_, reject) =>
      setTimeout(
        () => reject(new TestkitError('TIMEOUT', `${spec.image} ran longer than ${timeoutMs} ms`)),
        timeoutMs,
      ).unref(),
    ),
  ])) as { StatusCode: number };
  const logs = await container.logs();
  return { exitCode: waited.StatusCode, stdout: logs.stdout, stderr: logs.stderr };
}
