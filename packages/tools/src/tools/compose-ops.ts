import type { ComposeContainer, ComposeDriver, ComposeProject, JobControl } from '@berth/compose';
import { z } from 'zod';
import { defineTool } from '../framework/define-tool.js';
import type { HostCall } from '../framework/host-call.js';
import { ToolError } from '../framework/tool-error.js';
import { action } from '../framework/tool-spec.js';
import { toParam } from './compose-migration.js';
import {
  composeDriver,
  composePathsOf,
  dirParam,
  jobControl,
  resolveStack,
  servicesParam,
  stackParam,
  stackRef,
} from './compose-stack.js';
import { migrateStack } from './migrate-stack.js';
import { stringMap } from './refs.js';

const resultRow = z.object({
  stack: z.string(),
  service: z.string().optional(),
  state: z.string(),
  health: z.string().optional(),
  /** deploy: the stack's folder on the host, where its files were written. */
  dir: z.string().optional(),
});

const migratedRow = z.object({
  kind: z.string(),
  name: z.string(),
  size: z.string().optional(),
  note: z.string().optional(),
});

const grace = z.number().int().min(0).max(3600).optional().describe('Seconds before SIGKILL (default 10)');

type Job = (
  driver: ComposeDriver,
  project: ComposeProject,
  services: string[],
  control: JobControl,
) => Promise<unknown>;

function containerRows(stack: string, containers: readonly ComposeContainer[]) {
  if (containers.length === 0) return [{ stack, state: 'no containers' }];
  return containers.map((c) => ({ stack, service: c.service, state: c.state, health: c.health }));
}

/** Runs one compose job on the stack a call names, with progress and cancel, and says what it did. */
async function runJob(
  call: HostCall,
  p: { stack?: string; dir?: string; services?: string[] },
  done: string,
  job: Job,
) {
  const { project } = await resolveStack(call, p);
  const { control, flush } = jobControl(call);
  await job(await composeDriver(call), project, p.services ?? [], control);
  await flush();
  return {
    stack: project.name,
    state: done,
    ...(p.services?.length ? { service: p.services.join(',') } : {}),
  };
}

const withServices = z.object({ ...stackRef, services: servicesParam });
const withGrace = z.object({ ...stackRef, services: servicesParam, grace });

/**
 * Compose jobs that change stacks but delete nothing of value: up may recreate containers
 * and stop ends what runs (not additive, so destructiveHint is true), yet no volume or
 * image is removed and no confirmation is asked. Pull and deploy reach registries.
 */
export const composeOpsTool = defineTool({
  name: 'compose_ops',
  title: 'Run compose stacks',
  intro:
    'Changes stacks; deletes no volume. No `host`: the default host. A stack: `stack` or `dir`; `services` narrows all but deploy, migrate. Reports progress; cancel stops compose.',
  toolset: 'compose',
  actions: {
    up: action({
      summary: 'create/start; waits for healthy; `build`, `pull` first; `force_recreate`',
      effect: 'change',
      openWorld: true,
      params: z.object({
        ...stackRef,
        services: servicesParam,
        build: z.boolean().optional(),
        pull: z.boolean().optional(),
        force_recreate: z.boolean().optional(),
      }),
      rows: resultRow,
      target: (p) => p.stack ?? p.dir ?? '',
      run: async (p, call) => {
        const { project } = await resolveStack(call, p);
        const { control, flush } = jobControl(call);
        const result = await (await composeDriver(call)).up(
          project,
          {
            services: p.services ?? [],
            build: p.build === true,
            pull: p.pull === true,
            forceRecreate: p.force_recreate === true,
          },
          control,
        );
        await flush();
        return containerRows(project.name, result.containers);
      },
    }),
    deploy: action({
      summary:
        "write `compose` (YAML) and `env` as <compose_path>/<stack>/compose.yaml and .env, validate, pull, up; compose_path defaults to the profile's first composePaths",
      effect: 'change',
      openWorld: true,
      params: z.object({
        stack: stackParam,
        compose: z.string().min(1).max(1_048_576).describe('compose file text (YAML)'),
        env: stringMap.optional().describe('.env variables (masked in answers)'),
        compose_path: dirParam
          .optional()
          .describe("Folder of stacks on the host (default: the profile's first composePaths)"),
        pull: z.boolean().optional(),
      }),
      rows: resultRow,
      target: (p) => p.stack,
      run: async (p, call) => {
        const composePath = p.compose_path ?? composePathsOf(call)[0];
        if (!composePath) {
          throw new ToolError('INVALID', `Host ${call.host.name} has no composePaths; pass compose_path`);
        }
        const [{ deployStack }, driver] = await Promise.all([import('@berth/compose'), composeDriver(call)]);
        const { control, flush } = jobControl(call);
        const result = await deployStack(
          driver,
          {
            stack: p.stack,
            composePath,
            compose: p.compose,
            ...(p.env ? { env: p.env } : {}),
            pull: p.pull !== false,
          },
          control,
        );
        await flush();
        const written = result.files.map((f) => f.slice(f.lastIndexOf('/') + 1)).join(', ');
        return [
          ...containerRows(result.stack, result.containers),
          { stack: result.stack, state: `wrote ${written}`, dir: result.directory },
        ];
      },
    }),
    restart: action({
      summary: 'stop (`grace`) then start',
      effect: 'change',
      params: withGrace,
      rows: resultRow,
      target: (p) => p.stack ?? p.dir ?? '',
      run: (p, call) =>
        runJob(call, p, 'restarted', (d, project, services, c) =>
          d.restart(project, { services, ...(p.grace === undefined ? {} : { timeoutSeconds: p.grace }) }, c),
        ),
    }),
    stop: action({
      summary: 'SIGTERM, SIGKILL after `grace` s; containers kept',
      effect: 'change',
      idempotent: true,
      params: withGrace,
      rows: resultRow,
      target: (p) => p.stack ?? p.dir ?? '',
      run: (p, call) =>
        runJob(call, p, 'stopped', (d, project, services, c) =>
          d.stop(project, { services, ...(p.grace === undefined ? {} : { timeoutSeconds: p.grace }) }, c),
        ),
    }),
    start: action({
      summary: "start a stack's existing containers",
      effect: 'add',
      idempotent: true,
      params: withServices,
      rows: resultRow,
      target: (p) => p.stack ?? p.dir ?? '',
      run: (p, call) =>
        runJob(call, p, 'started', (d, project, services, c) => d.start(project, { services }, c)),
    }),
    pull: action({
      summary: "fetch the stack's images from their registries",
      effect: 'add',
      idempotent: true,
      openWorld: true,
      params: withServices,
      rows: resultRow,
      target: (p) => p.stack ?? p.dir ?? '',
      run: (p, call) =>
        runJob(call, p, 'pulled', (d, project, services, c) => d.pull(project, { services }, c)),
    }),
    build: action({
      summary: "build the stack's images; `no_cache`",
      effect: 'add',
      openWorld: true,
      params: z.object({ ...stackRef, services: servicesParam, no_cache: z.boolean().optional() }),
      rows: resultRow,
      target: (p) => p.stack ?? p.dir ?? '',
      run: (p, call) =>
        runJob(call, p, 'built', (d, project, services, c) =>
          d.build(project, { services, noCache: p.no_cache === true }, c),
        ),
    }),
    migrate: action({
      summary:
        'move the stack to host `to`: stop here, copy volumes, binds, images, files (sha256-checked), start there healthy; a failure or cancel rolls back; deletes nothing here',
      effect: 'change',
      params: z.object({ ...stackRef, to: toParam }),
      rows: migratedRow,
      target: (p) => `${p.stack ?? p.dir ?? ''} to ${p.to}`,
      run: (p, call) => migrateStack(call, p),
    }),
  },
});
