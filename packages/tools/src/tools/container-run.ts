import type { MountSpec, PortSpec, RestartPolicySpec } from '@berth/engine';
import { z } from 'zod';
import { errorLine } from '../framework/error-message.js';
import type { HostCall } from '../framework/host-call.js';
import { clip } from '../framework/host-param.js';
import { ToolError } from '../framework/tool-error.js';
import { action, type Plan } from '../framework/tool-spec.js';
import { type CreatedRow, createdLabels, createdRow } from './created-label.js';
import { bindRisks, networkRisk } from './host-access-risks.js';
import { hostPaths } from './host-paths.js';
import {
  argvParam,
  imageRef,
  learnSecrets,
  resourceRef,
  stringMap,
  userParam,
  workdirParam,
} from './refs.js';

const PORT =
  /^(?:(?:(\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-fA-F:]+\]):)?(\d{1,5})?:)?(\d{1,5})(?:\/(tcp|udp|sctp))?$/;

/**
 * `80`, `8080:80`, `:80`, `0.0.0.0:8080:80/udp` as a port spec. Without an address the
 * port is published on 127.0.0.1: nothing reaches beyond the host unless asked for.
 */
export function parsePort(text: string): PortSpec {
  const m = PORT.exec(text);
  const containerPort = Number(m?.[3]);
  const hostPort = m?.[2] === undefined ? undefined : Number(m[2]);
  const ok = (n: number) => Number.isInteger(n) && n >= 1 && n <= 65_535;
  if (!m || !ok(containerPort) || (hostPort !== undefined && !ok(hostPort))) {
    throw new Error(`port '${clip(text, 40)}' is not [ip:][hostPort:]containerPort[/udp]`);
  }
  return {
    containerPort,
    ...(hostPort !== undefined ? { hostPort } : {}),
    hostIp: m[1]?.replace(/^\[|\]$/g, '') ?? '127.0.0.1',
    ...(m[4] ? { protocol: m[4] as PortSpec['protocol'] } : {}),
  };
}

const VOLUME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,254}$/;

/** `/host/path:/in/container[:ro]` (bind) or `volume:/in/container[:ro]`; nothing else. */
export function parseMount(text: string): MountSpec {
  const parts = text.split(':');
  const [source, target, mode] = parts;
  const bad = (why: string) => new Error(`volume '${clip(text, 60)}': ${why}`);
  if (parts.length < 2 || parts.length > 3 || !source || !target) {
    throw bad('use source:/target[:ro] (source: an absolute host path or a volume name)');
  }
  if (mode !== undefined && mode !== 'ro' && mode !== 'rw') throw bad('the mode must be ro or rw');
  if (!target.startsWith('/') || target.split('/').includes('..')) {
    throw bad('the target must be an absolute path without ..');
  }
  const bind = source.startsWith('/');
  if (bind && source.split('/').includes('..')) throw bad('the host path must not contain ..');
  if (!bind && !VOLUME.test(source)) throw bad('a volume name is letters, digits, "_", ".", "-"');
  return { type: bind ? 'bind' : 'volume', source, target, readOnly: mode === 'ro' };
}

/** `no`, `always`, `unless-stopped`, `on-failure` or `on-failure:N`. */
export function parseRestart(text: string): RestartPolicySpec {
  const m = /^(no|always|unless-stopped|on-failure)(?::(\d{1,4}))?$/.exec(text);
  if (!m || (m[2] !== undefined && m[1] !== 'on-failure')) {
    throw new Error('restart must be no, always, unless-stopped or on-failure[:N]');
  }
  return {
    name: m[1] as RestartPolicySpec['name'],
    ...(m[2] !== undefined ? { maximumRetryCount: Number(m[2]) } : {}),
  };
}

/** Wraps a parser as a zod transform, so a bad value gets one "Invalid arguments" line. */
function parsed<T>(parse: (text: string) => T) {
  return z
    .string()
    .max(300)
    .transform((text, ctx) => {
      try {
        return parse(text);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    });
}

const runParams = z.object({
  image: imageRef,
  name: resourceRef('name').optional(),
  cmd: argvParam.optional(),
  env: stringMap.optional(),
  ports: z.array(parsed(parsePort)).max(64).optional().describe('[ip:][host:]ctr[/udp]; ip 127.0.0.1'),
  volumes: z.array(parsed(parseMount)).max(64).optional().describe('src:/dst[:ro]'),
  restart: parsed(parseRestart).optional(),
  network: resourceRef('network').optional(),
  labels: stringMap.optional(),
  user: userParam.optional(),
  workdir: workdirParam.optional(),
});
type RunParams = z.output<typeof runParams>;

/**
 * What a container would take of its host: binds outside the profile's bindRoots, the
 * Docker socket, the host's network. Each is a risk the call must confirm, and a profile
 * without allowHostAccess refuses them outright (a confirm_token is the agent's own yes).
 * Riskless calls get a plan without targets, so a dry run answers and a real call runs.
 */
async function hostAccessPlan(p: RunParams, call: HostCall, start: boolean): Promise<Plan> {
  const profile = call.config.profiles()[call.host.name];
  const roots = profile?.bindRoots ?? [];
  const binds = await bindRisks(p.volumes ?? [], roots, hostPaths(profile, call));
  const network = await networkRisk(p.network, call);
  const risks = network ? [...binds.risks, network] : binds.risks;
  const data: RunData = { mounts: binds.mounts };
  if (risks.length === 0) {
    const note = `takes nothing of the host; would ${start ? 'create and start' : 'create'} it`;
    return { rows: [{ name: p.name ?? p.image, note }], targets: [], data };
  }
  if (profile?.allowHostAccess !== true) {
    const what = risks.map((r) => r.brief);
    throw new ToolError(
      'INVALID',
      `${call.host.name}: refused, profile '${call.host.name}' does not allow host access (allowHostAccess, which only a person sets in their config file). Leave out, or bind folders under bindRoots (${roots.join(', ') || 'none set'}) instead of: ${what.slice(0, 4).join('; ')}${what.length > 4 ? '; …' : ''}`,
    );
  }
  return {
    rows: risks.map((r) => ({ name: r.name, note: r.note })),
    targets: risks.map((r) => r.target),
    data,
  };
}

interface RunData {
  mounts: MountSpec[];
}

/** Creates (and starts, for run) one container, then reads back what was made. */
async function make(p: RunParams, call: HostCall, start: boolean, plan?: Plan): Promise<CreatedRow> {
  // The binds as checked (symlinks resolved), so the engine mounts what was judged.
  const mounts = (plan?.data as RunData | undefined)?.mounts ?? p.volumes;
  const engine = await call.engine();
  // Learned before anything runs, so an error or echo carrying a value is masked too.
  learnSecrets(p.env, call.masker);
  const spec = {
    image: p.image,
    ...(p.name ? { name: p.name } : {}),
    ...(p.cmd ? { cmd: p.cmd } : {}),
    ...(p.env ? { env: p.env } : {}),
    ...(p.ports ? { ports: p.ports } : {}),
    ...(mounts ? { mounts } : {}),
    ...(p.restart ? { restartPolicy: p.restart } : {}),
    ...(p.network ? { network: p.network } : {}),
    // Marked like every volume and network berth creates (a caller cannot drop it).
    labels: createdLabels(p.labels),
    ...(p.user ? { user: p.user } : {}),
    ...(p.workdir ? { workdir: p.workdir } : {}),
  };
  let created: Awaited<ReturnType<typeof engine.containers.create>>;
  try {
    created = start ? await engine.containers.run(spec) : await engine.containers.create(spec);
  } catch (error) {
    const line = errorLine(error, call.host.name);
    // A 404 on create is the image: say how to get it rather than "not found".
    if (line.code === 'NOT_FOUND' && /image/i.test(line.message)) {
      throw new ToolError(
        'NOT_FOUND',
        `${call.host.name}: no image '${clip(p.image)}' on this host; get it with create pull, then retry`,
        { host: call.host.name, ref: p.image },
        { cause: error },
      );
    }
    throw error;
  }
  const i = await engine.containers.inspect(created.id);
  const published = Object.entries(i.NetworkSettings.Ports ?? {}).flatMap(([port, bindings]) =>
    (bindings ?? []).map((b) => `${b.HostIp}:${b.HostPort}->${port}`),
  );
  return {
    id: created.id.slice(0, 12),
    name: i.Name.replace(/^\//, ''),
    state: i.State.Status,
    ports: published,
    env: call.masker.maskEnv(i.Config.Env ?? []),
    ...(created.warnings.length > 0 ? { note: created.warnings.join('; ') } : {}),
  };
}

/**
 * Making containers (actions of `create`). Not idempotent (each run makes another
 * container, or fails on a taken name); additive; no pulls, so no open world: the image
 * must be on the host.
 */
export const containerRunActions = {
  run: action({
    summary:
      'create and start a container from a local `image` (`cmd`: argv, no shell); ports bind 127.0.0.1 unless an ip is given; secret env values masked; binds outside bindRoots, docker.sock, network host need confirm_token and allowHostAccess',
    effect: 'add',
    params: runParams,
    rows: createdRow,
    target: (p) => p.name ?? p.image,
    risks: (p, call) => hostAccessPlan(p, call, true),
    run: (p, call, plan) => make(p, call, true, plan),
  }),
  container: action({
    summary: 'as run, not started',
    effect: 'add',
    params: runParams,
    rows: createdRow,
    target: (p) => p.name ?? p.image,
    risks: (p, call) => hostAccessPlan(p, call, false),
    run: (p, call, plan) => make(p, call, false, plan),
  }),
};
