import type { ContainerSpec, MountSpec } from '@berth/engine';
import { assertImageRef, assertNotFlag, assertSafeName } from '@berth/security';
import type { CatalogServer } from './catalog-schema.js';
import { type GatewayOwner, ownerLabels, SERVER_LABEL, SESSION_LABEL } from './gateway-labels.js';
import { ProvisioningError } from './provisioning-error.js';
import { renderTemplate } from './template.js';

export interface RunSpecInput {
  server: string;
  entry: CatalogServer;
  owner: GatewayOwner;
  /** The client session of a long-lived instance. */
  session?: string;
  /** Unique per container; part of its name. */
  instanceId: string;
  secrets: ReadonlyMap<string, string>;
  /** `none`, the egress network of an allowHosts server, or `bridge` for `default`. */
  network: string;
  /** HTTP_PROXY and friends for an allowHosts server. */
  proxyEnv?: Record<string, string>;
  /** More labels (tests add theirs so a sweep finds what they start). */
  extraLabels?: Record<string, string>;
}

export interface RunSpec {
  /** The engine create spec. */
  spec: ContainerSpec;
  /**
   * The same container as a `docker run` command line, for docs and logs. Secrets appear
   * as `-e NAME` only (docker reads the value from its environment), so the line is safe
   * to show; the engine path never runs it.
   */
  argv: string[];
}

const SIZE = /^([0-9]+)([bkmg]?)$/i;
const UNIT: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** `512m` as bytes. */
export function parseMemory(value: string): number {
  const match = SIZE.exec(value);
  if (!match)
    throw new ProvisioningError('CONFIG', `memory ${JSON.stringify(value)} is not a size such as 512m`);
  return Number(match[1]) * (UNIT[(match[2] as string).toLowerCase()] as number);
}

function mountOf(volume: string, where: string): MountSpec {
  const parts = volume.split(':');
  const mode = parts.length === 3 ? parts[2] : undefined;
  const [source, target] = parts as [string, string];
  const readOnly = mode !== 'rw';
  if (source.startsWith('/')) return { type: 'bind', source, target, readOnly };
  assertSafeName(source, `${where} volume name`);
  return { type: 'volume', source, target, readOnly };
}

/** A command element whose template rendered into something that looks like a flag is refused. */
function guardedArg(raw: string, rendered: string, where: string): string {
  if (rendered !== raw && !raw.startsWith('-')) assertNotFlag(rendered, where);
  return rendered;
}

/**
 * The one place a containerized stdio server's container is described: `--rm -i --init`,
 * no new privileges, every capability dropped, a read-only root (with a tmpfs /tmp) unless
 * the catalog says otherwise, cpu and memory caps, never a pull at run, `berth.*` labels,
 * the network chosen by the caller, secrets only in the environment, templates rendered
 * and every value that lands in an option checked so it cannot become a flag.
 */
export function buildRunSpec(input: RunSpecInput): RunSpec {
  const { server, entry } = input;
  const at = `servers.${server}`;
  if (entry.image === undefined) throw new ProvisioningError('CONFIG', `${at}: no image`, { server });
  const image = entry.image;
  assertImageRef(image, `${at}.image`);
  const values = { config: entry.config };
  const cmd = entry.command.map((arg, i) =>
    guardedArg(arg, renderTemplate(arg, values, `${at}.command[${i}]`), `${at}.command[${i}]`),
  );
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(entry.env))
    env[key] = renderTemplate(value, values, `${at}.env.${key}`);
  Object.assign(env, input.proxyEnv ?? {});
  const secretVars: string[] = [];
  for (const [secret, variable] of Object.entries(entry.secrets)) {
    const value = input.secrets.get(secret);
    if (value === undefined) {
      throw new ProvisioningError(
        'CONFIG',
        `${at}.secrets.${secret}: no value in the secrets file or the environment`,
        { server },
      );
    }
    env[variable] = value;
    secretVars.push(variable);
  }
  const labels: Record<string, string> = {
    ...(input.extraLabels ?? {}),
    ...ownerLabels(input.owner),
    [SERVER_LABEL]: server,
    ...(input.session !== undefined ? { [SESSION_LABEL]: input.session } : {}),
  };
  const name = `berth-mcp-${server}-${input.instanceId}`;
  assertSafeName(name, 'container name');
  assertNotFlag(input.network, `${at}.network`);
  if (entry.user !== undefined) assertNotFlag(entry.user, `${at}.user`);
  const mounts = entry.volumes.map((v, i) => mountOf(v, `${at}.volumes[${i}]`));
  if (entry.readOnlyRootfs) mounts.push({ type: 'tmpfs', target: '/tmp' });

  const spec: ContainerSpec = {
    image,
    name,
    ...(cmd.length > 0 ? { cmd } : {}),
    env,
    labels,
    mounts,
    network: input.network,
    ...(entry.user !== undefined ? { user: entry.user } : {}),
    cpus: entry.cpus,
    memoryBytes: parseMemory(entry.memory),
    init: true,
    capDrop: ['ALL'],
    securityOpt: ['no-new-privileges'],
    readOnlyRootfs: entry.readOnlyRootfs,
    openStdin: true,
    stdinOnce: true,
    autoRemove: true,
  };

  const argv = [
    'docker',
    'run',
    '--rm',
    '-i',
    '--init',
    '--security-opt',
    'no-new-privileges',
    '--cap-drop',
    'ALL',
  ];
  if (entry.readOnlyRootfs) argv.push('--read-only');
  argv.push(
    '--cpus',
    String(entry.cpus),
    '--memory',
    entry.memory,
    '--pull',
    'never',
    '--network',
    input.network,
    '--name',
    name,
  );
  if (entry.user !== undefined) argv.push('--user', entry.user);
  for (const [key, value] of Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)))
    argv.push('--label', `${key}=${value}`);
  for (const [key, value] of Object.entries(env))
    argv.push('-e', secretVars.includes(key) ? key : `${key}=${value}`);
  for (const m of mounts) {
    const source = m.source === undefined ? '' : `,src=${m.source}`;
    argv.push('--mount', `type=${m.type}${source},dst=${m.target}${m.readOnly ? ',readonly' : ''}`);
  }
  argv.push(image, ...cmd);
  return { spec, argv };
}
