import { z } from 'zod';
import { defineTool } from '../framework/define-tool.js';
import { ToolError } from '../framework/tool-error.js';
import { action } from '../framework/tool-spec.js';
import { migrationHosts, planRowKey, planRows, planStackMigration, toParam } from './compose-migration.js';
import {
  composeDriver,
  composePathsOf,
  dirParam,
  jobControl,
  resolveStack,
  servicesParam,
  stackRef,
} from './compose-stack.js';

const stackRow = z.object({
  stack: z.string(),
  dir: z.string().optional(),
  services: z.string().optional(),
  containers: z.string().optional(),
  files: z.string().optional(),
});
const containerRow = z.object({
  service: z.string(),
  name: z.string(),
  state: z.string(),
  health: z.string().optional(),
  status: z.string().optional(),
  ports: z.string().optional(),
});
const serviceRow = z.object({
  service: z.string(),
  kind: z.string(),
  image: z.string().optional(),
  ports: z.string().optional(),
  volumes: z.string().optional(),
});
const configRow = z.object({ stack: z.string(), dir: z.string(), files: z.string(), model: z.unknown() });
const lineRow = z.object({ line: z.string() });
const migrationRow = z.object({
  kind: z.string(),
  name: z.string(),
  size: z.string().optional(),
  note: z.string().optional(),
});

/**
 * Reads of compose stacks: nothing is started, written or removed, and every value shown
 * passes the call's masker, which has learned the stack's secret-looking values first.
 */
export const composeReadTool = defineTool({
  name: 'compose_read',
  title: 'Read compose stacks',
  intro: 'Reads only; secrets masked. No `host`: the default host. A stack: `stack` or `dir`.',
  toolset: 'compose',
  actions: {
    ls: action({
      summary: "stacks: from containers' compose labels and the profile's composePaths",
      effect: 'read',
      params: z.object({}),
      rows: stackRow,
      run: async (_p, call) => {
        const { hostStacks } = await import('@berth/discovery');
        const stacks = await hostStacks(await call.engine(), {
          composePaths: composePathsOf(call),
          signal: call.signal,
        });
        return stacks.map((s) => {
          const running = s.containers.filter((c) => c.state === 'running').length;
          return {
            stack: s.project,
            ...(s.workingDir ? { dir: s.workingDir } : {}),
            ...(s.services.length > 0 ? { services: s.services.join(',') } : {}),
            containers: `${running}/${s.containers.length} running`,
            ...(s.configFiles.length > 0 ? { files: s.configFiles.join(',') } : {}),
          };
        });
      },
    }),
    ps: action({
      summary: "a stack's containers with state and health; `services` narrows",
      effect: 'read',
      params: z.object({ ...stackRef, services: servicesParam }),
      rows: containerRow,
      run: async (p, call) => {
        const { project } = await resolveStack(call, p);
        const containers = await (await composeDriver(call)).ps(
          project,
          { services: p.services ?? [] },
          {
            signal: call.signal,
          },
        );
        return containers.map((c) => ({
          service: c.service,
          name: c.name,
          state: c.state,
          health: c.health,
          status: c.status,
          ports: c.ports
            .map(
              (x) =>
                `${x.hostIp ?? ''}${x.hostPort ? `:${x.hostPort}->` : ''}${x.containerPort}/${x.protocol}`,
            )
            .join(','),
        }));
      },
    }),
    config: action({
      summary: 'the resolved model (interpolated, merged, long syntax), as compose would run it',
      effect: 'read',
      params: z.object(stackRef),
      rows: configRow,
      run: async (p, call) => {
        const { discovered } = await resolveStack(call, p);
        if (!discovered) {
          throw new ToolError(
            'NOT_FOUND',
            `The files of stack "${p.stack}" are not readable on the host; pass dir`,
          );
        }
        return {
          stack: discovered.name,
          dir: discovered.workingDir,
          files: discovered.files.join(','),
          model: discovered.model,
        };
      },
    }),
    logs: action({
      summary: "a stack's last `tail` log lines (200), by service",
      effect: 'read',
      params: z.object({
        ...stackRef,
        services: servicesParam,
        tail: z.number().int().min(1).max(10_000).optional().describe('Lines per container (default 200)'),
      }),
      rows: lineRow,
      run: async (p, call) => {
        const { project } = await resolveStack(call, p);
        const { control } = jobControl(call);
        const logs = await (await composeDriver(call)).logs(
          project,
          { services: p.services ?? [], tail: p.tail ?? 200 },
          { signal: control.signal },
        );
        return logs.text
          .split('\n')
          .filter((line) => line !== '')
          .map((line) => ({ line }));
      },
    }),
    discover: action({
      summary:
        'the project around `dir`: each service with its kind (postgres, mysql, redis, web...), image, ports, volumes',
      effect: 'read',
      params: z.object({ dir: dirParam }),
      rows: serviceRow,
      run: async (p, call) => {
        const { discovered } = await resolveStack(call, { dir: p.dir });
        return (discovered?.services ?? []).map((s) => ({
          service: s.name,
          kind: s.kind,
          ...(s.image ? { image: s.image } : {}),
          ports: s.ports
            .map(
              (x) =>
                `${x.hostIp ? `${x.hostIp}:` : ''}${x.published ?? ''}${x.published ? ':' : ''}${x.target}/${x.protocol}`,
            )
            .join(','),
          volumes: s.volumes
            .map((v) => `${v.source ?? ''}${v.source ? ':' : ''}${v.target}${v.readOnly ? ':ro' : ''}`)
            .join(','),
        }));
      },
    }),
    migrate_plan: action({
      summary:
        'dry run of compose_ops migrate to host `to`: volumes with sizes, binds, images missing there, port conflicts, blockers, steps',
      effect: 'read',
      params: z.object({ ...stackRef, to: toParam }),
      rows: migrationRow,
      // Volume sizes come from `docker system df`, which takes a while on a full host.
      deadlineMs: 120_000,
      key: planRowKey,
      run: async (p, call) => {
        const hosts = await migrationHosts(call, p.to, call.signal, false);
        return planRows(await planStackMigration(call, p, hosts, call.signal));
      },
    }),
  },
});
