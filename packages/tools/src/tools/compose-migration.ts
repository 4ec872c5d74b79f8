import type { MigrationEndpoint, MigrationPlan, MigrationStep } from '@berth/compose';
import { z } from 'zod';
import type { HostCall } from '../framework/host-call.js';
import { ToolError } from '../framework/tool-error.js';
import type { Row } from '../framework/tool-output.js';
import type { RowKey } from '../framework/tool-spec.js';
import { resolveStack, type StackRef } from './compose-stack.js';
import { humanSize } from './sizes.js';

/** The host a stack moves to: a profile name, as `host` is for the source. */
export const toParam = z.string().min(1).max(100).describe('Profile to move the stack to');

/** The id `migrate` answers with; `migrate_remove_source` takes it back. */
export const planIdParam = z
  .string()
  .regex(/^[0-9a-f]{32}$/, 'plan_id: the 32 hex digits migrate answered with')
  .describe("The id of migrate's plan");

export interface MigrationHosts {
  source: MigrationEndpoint;
  target: MigrationEndpoint;
}

const bindRootsOf = (call: HostCall, name: string) => call.config.profiles()[name]?.bindRoots ?? [];

/**
 * The two ends of a migration from the call's host to `to`, with engines bound to `signal`:
 * a migration binds one that outlives the call's, so its rollback reaches both after a cancel.
 * `writes`: the target is written to, so a read-only target profile refuses.
 */
export async function migrationHosts(
  call: HostCall,
  to: string,
  signal: AbortSignal,
  writes: boolean,
): Promise<MigrationHosts> {
  if (to === call.host.name)
    throw new ToolError('INVALID', `to names the source host ${to}; pass another profile`);
  const [source, target] = await Promise.all([
    call.hostEngine(call.host.name, { signal }),
    call.hostEngine(to, { signal }),
  ]);
  if (writes && target.host.readOnly) {
    throw new ToolError(
      'READ_ONLY',
      `Host '${to}' is read-only (its profile sets readOnly); nothing can move there`,
    );
  }
  return {
    source: { engine: source.engine, bindRoots: bindRootsOf(call, call.host.name) },
    target: { engine: target.engine, bindRoots: bindRootsOf(call, to) },
  };
}

/** Plans moving the stack a call names, reading both hosts and changing nothing. */
export async function planStackMigration(
  call: HostCall,
  ref: StackRef,
  hosts: MigrationHosts,
  signal: AbortSignal,
): Promise<MigrationPlan> {
  const { project } = await resolveStack(call, ref);
  if (!project.directory || !project.files?.length) {
    throw new ToolError(
      'NOT_FOUND',
      `The compose files of stack "${project.name}" are not readable on ${call.host.name}, and a migration copies them; pass dir`,
    );
  }
  const { planMigration } = await import('@berth/compose');
  return planMigration({
    ...hosts,
    project: project.name,
    directory: project.directory,
    composeFiles: [...project.files],
    signal,
  });
}

/** Rows in the plan's order (keys sort highest first): the verdict, blockers, then what moves. */
const RANK = ['file', 'port', 'image', 'bind', 'volume', 'container', 'step', 'blocker', 'plan'];
export const planRowKey = (row: Row): RowKey => [RANK.indexOf(String(row.kind)), String(row.name)];

const seen = (to: string, exists: boolean) => (exists ? { note: `exists on ${to}` } : {});

/** What each step of a migration does, short enough for one table cell. */
const STEP: Record<MigrationStep, (p: MigrationPlan) => string> = {
  'stop-source': (p) => `stop the stack on ${p.source}`,
  'copy-images': (p) => `copy images missing on ${p.target}`,
  'copy-volumes': () => 'copy volume data',
  'copy-binds': () => 'copy bind folders',
  'copy-files': () => 'copy compose files, sha256-checked',
  'start-target': (p) => `start on ${p.target}, wait until healthy`,
};

/** A plan as rows: its id and verdict, the blockers, the steps in order, then what moves. */
export function planRows(plan: MigrationPlan): Row[] {
  const to = plan.target;
  const ready = plan.blockers.length === 0;
  const verdict = ready
    ? `ready, no blockers: ${plan.source} -> ${to}, ~${humanSize(plan.knownBytes)}; steps below`
    : `blocked: ${plan.blockers.length} blocker(s) below; nothing can move until they are gone`;
  return [
    { kind: 'plan', name: plan.id, note: verdict },
    ...(ready
      ? plan.steps.map((step, i) => ({ kind: 'step', name: `${i + 1} ${step}`, note: STEP[step](plan) }))
      : []),
    ...plan.containers.map((c) => ({
      kind: 'container',
      name: c.name,
      note: `${c.service}, ${c.running ? 'running: stopped on the source first' : 'stopped'}`,
    })),
    ...plan.volumes.map((v) => ({
      kind: 'volume',
      name: v.name,
      ...(v.sizeBytes === null ? {} : { size: humanSize(v.sizeBytes) }),
      ...seen(to, v.existsOnTarget),
    })),
    ...plan.binds.map((b) => ({
      kind: 'bind',
      name: b.path,
      ...(b.allowed ? seen(to, b.existsOnTarget) : { note: 'outside bindRoots' }),
    })),
    ...plan.images.map((i) => ({
      kind: 'image',
      name: i.ref,
      size: humanSize(i.sizeBytes),
      note: i.missingOnTarget ? `missing on ${to}: copied` : `present on ${to}`,
    })),
    ...plan.ports.map((p) => ({
      kind: 'port',
      name: `${p.hostIp}:${p.hostPort}/${p.protocol}`,
      note: `${p.service}: ${p.conflict ? `taken by ${p.conflict} on ${to}` : `free on ${to}`}`,
    })),
    ...plan.files.map((f) => ({ kind: 'file', name: f.path, ...seen(to, f.existsOnTarget) })),
    ...plan.blockers.map((b) => ({ kind: 'blocker', name: b })),
  ];
}
