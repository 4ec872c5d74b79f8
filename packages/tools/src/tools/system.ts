import { z } from 'zod';
import { pageParams } from '../framework/shape-rows.js';
import { action } from '../framework/tool-spec.js';
import { CLEANUP_LEVELS } from './cleanup-plan.js';
import { cleanupPreview, cleanupPreviewRow } from './cleanup-preview.js';
import { dfKey, dfRow, dfRows } from './df-rows.js';
import { engineSummaryRow, engineSummarySchema } from './engine-rows.js';
import { hostPorts, portKey, portRow } from './host-ports.js';
import { resourceRef } from './refs.js';
import { eventKey, eventRow, eventTypes, recentEvents } from './system-events.js';
import { timeParam } from './time-param.js';

const none = z.object({});
const ms = () => performance.now();

const hostRow = z.object({
  host: z.string(),
  type: z.string(),
  default: z.boolean(),
  readOnly: z.boolean(),
  confirm: z.boolean().describe('false: data-losing actions run unasked'),
  // Not `hostKey`: a field named like a key would be masked as a secret.
  hostCheck: z
    .string()
    .optional()
    .describe('ssh host-key policy: strict, accept-new, insecure-ignore (NOT checked)'),
  description: z.string().optional(),
  tags: z.string().optional(),
  notes: z.string().optional().describe('config warnings: what was ignored or is unsafe'),
});

const testRow = z.object({
  host: z.string(),
  connectMs: z.number(),
  pingMs: z.number(),
  version: z.string(),
  hostCheck: z.string().optional(),
  notes: z.string().optional(),
});

const UNCHECKED = 'host key NOT checked (insecure-ignore): anyone on the network path can pose as this host';

const versionRow = z.object({
  version: z.string(),
  api: z.string(),
  os: z.string(),
  arch: z.string(),
  kernel: z.string().optional(),
});

/** Reads about the engines themselves: which hosts exist, whether they answer, what they hold. */
export const systemActions = {
  hosts: action({
    summary: 'the profiles and their safety settings; no engine call',
    effect: 'read',
    allHosts: true,
    params: none,
    rows: hostRow,
    run: async (_p, { host }) => ({
      host: host.name,
      type: host.type,
      default: host.isDefault,
      readOnly: host.readOnly,
      confirm: !host.noConfirm,
      ...(host.hostKeyPolicy ? { hostCheck: host.hostKeyPolicy } : {}),
      ...(host.description ? { description: host.description } : {}),
      ...(host.tags ? { tags: host.tags.join(',') } : {}),
      ...(host.notes ? { notes: host.notes.join('; ') } : {}),
    }),
  }),
  test: action({
    summary: 'connect and ping: ms, version; failing hosts in errors',
    effect: 'read',
    allHosts: true,
    params: none,
    rows: testRow,
    run: async (_p, call) => {
      const started = ms();
      const engine = await call.engine();
      const connected = ms();
      await engine.system.ping();
      const pinged = ms();
      const v = await engine.system.version();
      return {
        host: call.host.name,
        connectMs: Math.round(connected - started),
        pingMs: Math.round(pinged - connected),
        version: v.version,
        ...(call.host.hostKeyPolicy ? { hostCheck: call.host.hostKeyPolicy } : {}),
        ...(call.host.hostKeyPolicy === 'insecure-ignore' ? { notes: UNCHECKED } : {}),
      };
    },
  }),
  version: action({
    summary: 'engine/API version, OS, arch, kernel',
    effect: 'read',
    params: none,
    rows: versionRow,
    run: async (_p, call) => {
      const v = await (await call.engine()).system.version();
      return {
        version: v.version,
        api: v.apiVersion,
        os: v.os,
        arch: v.arch,
        ...(v.kernelVersion ? { kernel: v.kernelVersion } : {}),
      };
    },
  }),
  engine: action({
    summary: 'counts, storage driver, CPUs, memory',
    effect: 'read',
    params: none,
    rows: engineSummarySchema.extend({ version: z.string() }),
    run: async (_p, call) => {
      const i = await (await call.engine()).system.info();
      const { name, ...summary } = engineSummaryRow(i);
      return { name, version: typeof i.ServerVersion === 'string' ? i.ServerVersion : '', ...summary };
    },
  }),
  df: action({
    summary: 'disk use and reclaimable space (an upper bound), as `docker system df`',
    effect: 'read',
    params: none,
    rows: dfRow,
    key: dfKey,
    deadlineMs: 120_000,
    run: async (_p, call) => dfRows(await (await call.engine()).system.diskUsage()),
  }),
  ports: action({
    summary: 'published host ports and conflicts; `port`: is it free',
    effect: 'read',
    params: z.object({ port: z.number().int().min(1).max(65_535).optional(), ...pageParams }),
    rows: portRow,
    key: portKey,
    run: (p, call) => hostPorts(call, p.port),
  }),
  cleanup: action({
    summary: 'what each remove cleanup_* level would delete, and the space only it holds',
    effect: 'read',
    params: none,
    rows: cleanupPreviewRow,
    // Mildest level first, as they build on each other.
    key: (row) => [-CLEANUP_LEVELS.indexOf(row.level as never), String(row.host ?? '')],
    deadlineMs: 120_000,
    run: (_p, call) => cleanupPreview(call),
  }),
  events: action({
    summary: '`since` (10m) to `until`, newest first; `type`, `container`',
    effect: 'read',
    params: z.object({
      since: timeParam.optional(),
      until: timeParam.optional(),
      type: eventTypes.optional(),
      container: resourceRef('container').optional(),
      ...pageParams,
    }),
    rows: eventRow,
    key: eventKey,
    deadlineMs: 60_000,
    run: (p, call) => recentEvents(call, p),
  }),
};
