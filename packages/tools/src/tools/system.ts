import { diskUsage, engineInfo, engineVersion, streamEvents } from '@berth/engine';
import { z } from 'zod';
import { pageParams } from '../framework/shape-rows.js';
import { action, defineTool, type HostCall } from '../framework/tool-spec.js';
import { CLEANUP_LEVELS, cleanupPlan, MIN_AGE_HOURS, toMb } from './cleanup-plan.js';
import { cleanupSnapshot } from './cleanup-snapshot.js';
import { engineSummaryRow } from './engine-rows.js';
import { eventWindow } from './event-window.js';
import { hostPorts } from './host-ports.js';

/** Most events one call keeps (the newest); the engine replays ~256 from memory anyway. */
const MAX_EVENTS = 500;

const opts = (call: HostCall) => ({
  signal: call.signal,
  ...(call.host.timeoutMs ? { timeoutMs: call.host.timeoutMs } : {}),
});

/** Reads about the engines themselves: which hosts exist, whether they answer, what they run. */
export const systemTool = defineTool({
  name: 'system',
  title: 'Hosts, engines',
  description: 'Read-only.',
  safety: 'read',
  actions: {
    hosts: action({
      summary: 'configured hosts (profiles); touches no engine',
      params: z.object({}),
      allHosts: true,
      run: async (_p, call) => ({
        name: call.host.name,
        type: call.host.type,
        default: call.host.isDefault,
        readOnly: call.host.readOnly,
        ...(call.host.description ? { description: call.host.description } : {}),
        ...(call.host.tags ? { tags: call.host.tags.join(',') } : {}),
      }),
    }),
    test: action({
      summary: 'connect and ping each engine: latency, or which host failed and why',
      params: z.object({}),
      allHosts: true,
      run: async (_p, call) => {
        const started = performance.now();
        const docker = await call.docker();
        const connected = performance.now();
        const v = await engineVersion(docker, opts(call));
        const ms = (from: number) => Math.round(performance.now() - from);
        return {
          ok: true,
          connectMs: Math.round(connected - started),
          ms: ms(connected),
          version: v.version,
        };
      },
    }),
    version: action({
      summary: 'engine and API versions, OS, architecture',
      params: z.object({}),
      run: async (_p, call) => {
        const v = await engineVersion(await call.docker(), opts(call));
        return { version: v.version, api: v.apiVersion, os: v.os, arch: v.arch, kernel: v.kernelVersion };
      },
    }),
    info: action({
      summary: 'engine summary: counts, driver, CPUs, memory',
      params: z.object({}),
      run: async (_p, call) => {
        const i = await engineInfo(await call.docker(), opts(call));
        const { name, ...summary } = engineSummaryRow(i);
        return { name, version: i.ServerVersion, ...summary };
      },
    }),
    df: action({
      summary: 'disk use by images, containers, volumes, build cache',
      params: z.object({}),
      run: async (_p, call) => {
        const df = await diskUsage(await call.docker(), opts(call));
        return [
          { type: 'images', count: df.images.count, sizeMb: toMb(df.images.sizeBytes) },
          { type: 'containers', count: df.containers.count, sizeMb: toMb(df.containers.sizeBytes) },
          { type: 'volumes', count: df.volumes.count, sizeMb: toMb(df.volumes.sizeBytes) },
          { type: 'buildCache', sizeMb: toMb(df.buildCacheBytes) },
        ];
      },
    }),
    ports: action({
      summary: 'published host ports and conflicts; with `port`, whether it is free',
      params: z.object({
        port: z.number().int().min(1).max(65535).optional(),
        cursor: pageParams.cursor,
      }),
      run: async (p, call) => hostPorts(await call.docker(), call, p.port),
    }),
    cleanup: action({
      summary: 'what remove cleanup_safe/moderate/aggressive would remove, and the space',
      params: z.object({}),
      run: async (_p, call) => {
        const snapshot = await cleanupSnapshot(await call.docker(), call);
        return CLEANUP_LEVELS.map((level) => {
          const parts = cleanupPlan(level, snapshot.df, snapshot.networks, {
            hours: MIN_AGE_HOURS,
            nowSeconds: snapshot.now,
          });
          const count = (kind: string) => parts.find((x) => x.kind === kind)?.names.length ?? 0;
          return {
            level,
            containers: count('containers'),
            networks: count('networks'),
            images: count('images'),
            volumes: count('volumes'),
            mb: toMb(parts.reduce((sum, x) => sum + x.bytes, 0)),
          };
        });
      },
    }),
    events: action({
      summary:
        'engine events from `since` (10m ago; 2h, ISO time) until now, newest first; `type`, `id` filter',
      params: z.object({
        since: z.string().max(40).optional().describe('e.g. 10m'),
        type: z
          .string()
          .regex(/^[a-z]{1,20}$/, 'type: container, image, volume, network, daemon')
          .optional(),
        id: z
          .string()
          .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/, 'id: a container name or id')
          .optional(),
        cursor: pageParams.cursor,
      }),
      run: async (p, call) => {
        const window = eventWindow(p.since, undefined);
        // until in the past makes the engine end the stream; the timer covers clock skew.
        const signal = AbortSignal.any([call.signal, AbortSignal.timeout(call.host.timeoutMs ?? 30_000)]);
        const kept: Record<string, unknown>[] = [];
        for await (const e of streamEvents(await call.docker(), {
          signal,
          since: window.since,
          until: window.until,
          filters: {
            ...(p.type ? { type: p.type } : {}),
            ...(p.id ? { container: p.id } : {}),
          },
        })) {
          kept.push({
            time: new Date(Math.floor(e.timeNano / 1e6)).toISOString(),
            type: e.type,
            action: e.action,
            actor: e.attributes.name ?? e.actorId.slice(0, 12),
          });
          if (kept.length > MAX_EVENTS) kept.shift();
        }
        return kept.reverse();
      },
    }),
  },
});
