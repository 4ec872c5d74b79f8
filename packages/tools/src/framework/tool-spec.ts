import type { Masker } from '@berth/security';
import type Docker from 'dockerode';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { SafetyOptions } from './annotations.js';
import type { HostSummary } from './tool-backend.js';
import type { Row } from './tool-output.js';

/** What an action gets for one host. */
export interface HostCall {
  host: HostSummary;
  /** Fires when the client cancels; pass it to every engine call. */
  signal: AbortSignal;
  /** The host's Docker client, acquired on first use (listing hosts needs none). */
  docker(): Promise<Docker>;
  /** Sends a progress notification when the client asked for them. */
  progress(done: number, total?: number, message?: string): Promise<void>;
  logger: Logger;
  masker: Masker;
}

export interface ActionSpec<S extends z.ZodObject = z.ZodObject> {
  /** One line for the README table. */
  summary: string;
  /** The action's own params (`action` and `host` are added by the framework). */
  params: S;
  run(params: z.output<S>, call: HostCall): Promise<Row[] | Row>;
  /** Without `host`, read every host instead of the default one. */
  allHosts?: boolean;
  /** Names what a mutating action touches (audit log, confirmation). */
  target?(params: z.output<S>): string;
  /** What a destructive action would do, without doing it (dry run, confirmation). */
  plan?(params: z.output<S>, call: HostCall): Promise<Row[]>;
}

export interface ToolSpec extends SafetyOptions {
  name: string;
  title: string;
  description: string;
  actions: Record<string, ActionSpec>;
}

/** Declares one action; erases its param type so a tool can hold several. */
export function action<S extends z.ZodObject>(spec: ActionSpec<S>): ActionSpec {
  return spec as unknown as ActionSpec;
}

/** Declares a grouped tool; every action shares the safety class. */
export function defineTool(spec: ToolSpec): ToolSpec {
  if (Object.keys(spec.actions).length === 0) throw new Error(`${spec.name}: a tool needs actions`);
  return spec;
}
