/*
 * Test-only: the real runner over the local engine, and docker CLI checks that do not go
 * through the code under test (never exported from index.ts).
 */
import { busyboxImage, ensureImage, runCommand, testLabels, testRunId } from '@berth/testkit';
import { afterAll, beforeAll } from 'vitest';
import { BERTH_TOOLS } from '../berth-tools.js';
import { LIBRARY_CALLER } from '../framework/caller.js';
import { createToolContext } from '../framework/create-tool-context.js';
import { type RunToolOptions, runTool, type ToolResult } from '../framework/runner.js';
import type { ToolOutput } from '../framework/tool-output.js';

let counter = 0;
/** A name no other test (or run) uses. */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `berth-${prefix}-${testRunId()}-${counter}`;
}

/** Labels of one test case: the run's labels plus a case label a prune can be scoped to. */
export function caseLabels(caseId: string): Record<string, string> {
  return testLabels({ 'berth.test.case': caseId });
}

export interface Runner {
  image: string;
  call(tool: string, args: Record<string, unknown>, options?: Partial<RunToolOptions>): Promise<ToolResult>;
  /** The call's output; throws when the call failed. */
  ok(tool: string, args: Record<string, unknown>, options?: Partial<RunToolOptions>): Promise<ToolOutput>;
  /** The error line of a call that must fail; throws when it succeeded. */
  failure(tool: string, args: Record<string, unknown>): Promise<string>;
}

/** A tool context with every tool, on the local engine, and the busybox fixture image. */
export function useRunner(): Runner {
  const context = createToolContext({ tools: BERTH_TOOLS, auditLog: false, env: { ...process.env } });
  const runner: Runner = {
    image: '',
    call: (tool, args, options = {}) => runTool(context, tool, args, { caller: LIBRARY_CALLER, ...options }),
    async ok(tool, args, options) {
      const result = await runner.call(tool, args, options);
      if (result.kind !== 'ok') throw new Error(`${tool} ${String(args.action)}: ${JSON.stringify(result)}`);
      return result.output;
    },
    async failure(tool, args) {
      const result = await runner.call(tool, args);
      if (result.kind !== 'error') throw new Error(`${tool} ${JSON.stringify(args)} did not fail`);
      return result.error.message;
    },
  };
  beforeAll(async () => {
    runner.image = (await ensureImage(busyboxImage)).tag;
  });
  afterAll(() => context.dispose());
  return runner;
}

const docker = (argv: string[]) => runCommand(['docker', ...argv], { timeoutMs: 60_000, check: false });

export async function exists(
  kind: 'container' | 'image' | 'network' | 'volume',
  ref: string,
): Promise<boolean> {
  return (await docker([kind, 'inspect', ref])).exitCode === 0;
}

/** Ids of the containers with `label` (any state), short as the CLI prints them. */
export async function containersLabelled(label: string): Promise<string[]> {
  const out = await docker(['ps', '-aq', '--no-trunc', '--filter', `label=${label}`]);
  return out.stdout
    .split('\n')
    .filter(Boolean)
    .map((id) => id.slice(0, 12))
    .sort();
}

/** Removes what a test made, whether or not the test removed it first. */
export async function removeLabelled(label: string): Promise<void> {
  const ids = await containersLabelled(label);
  if (ids.length > 0) await docker(['rm', '-f', '-v', ...ids]);
  const networks = (await docker(['network', 'ls', '-q', '--filter', `label=${label}`])).stdout.split('\n');
  const ns = networks.filter(Boolean);
  if (ns.length > 0) await docker(['network', 'rm', ...ns]);
}

export { docker };
