import type { z } from 'zod';
import type { EffectOptions } from './effects.js';
import type { HostCall } from './host-call.js';
import type { Row } from './tool-output.js';

/**
 * What a data-losing action would do, computed before it does anything: the rows a person
 * or agent reads, and the identities of what would go. A confirmation token is bound to
 * `targets`; `run` gets the plan back and does exactly that, nothing that appeared since.
 */
export interface Plan {
  rows: Row[];
  /** One stable identity per thing touched (`container <id>`, `volume <name>`). */
  targets: string[];
  /** Whatever `run` needs to do exactly this plan. */
  data?: unknown;
}

/** The order of rows for keyset paging: newest first, then by the string part. */
export type RowKey = readonly [number, string];

export interface ActionSpec<S extends z.ZodObject = z.ZodObject> extends EffectOptions {
  /** One line: what the action does and what it needs. Shown in the tool's description. */
  summary: string;
  /** The action's own params (`action`, `host`, `dry_run`, `confirm_token` are the framework's). */
  params: S;
  /** The fields of one result row (the tool's outputSchema is built from these). */
  rows: z.ZodObject;
  run(params: z.output<S>, call: HostCall, plan?: Plan): Promise<Row[] | Row>;
  /** Without `host`, read every host instead of the default one. */
  allHosts?: boolean;
  /** Acts on berth's own config rather than an engine: no `host` param, no engine. */
  configOnly?: boolean;
  /** Names what a mutating action touches (audit log). */
  target?(params: z.output<S>): string;
  /** Required for `lose` actions: what would go (dry run, confirmation, token). */
  plan?(params: z.output<S>, call: HostCall): Promise<Plan>;
  /**
   * For actions that lose nothing by themselves but can hand over the host (a bind of `/`,
   * the Docker socket, a privileged container): the risks this very call takes, as a plan,
   * or undefined when it takes none. A plan here is confirmed like a data-losing one.
   */
  risks?(params: z.output<S>, call: HostCall): Promise<Plan | undefined>;
  /** Sort key of a row for stable keyset pages; default: the row's text. */
  key?(row: Row): RowKey;
  /** A longer deadline than the profile's (ms), for reads that stream or scan (events, df). */
  deadlineMs?: number;
}

/** Whether calls of this action may need confirmation (and so take dry_run and confirm_token). */
export function confirmable(action: ActionSpec): boolean {
  return action.effect === 'lose' || action.risks !== undefined;
}

export interface ToolSpec {
  name: string;
  title: string;
  /** One sentence about the tool; the framework adds a line per action. */
  intro: string;
  /** The group a client can ask for (`--tools docker,hosts`). */
  toolset: string;
  actions: Record<string, ActionSpec>;
}

/**
 * A tool known before its code loads: what choosing the served tools needs (name, toolset,
 * whether every action only reads) and how to load its spec. Loading builds the tool's zod
 * schemas, so an app that runs one tool per process (the CLI) builds only that tool's.
 */
export interface ToolEntry {
  readonly name: string;
  readonly toolset: string;
  /** Every action's effect is `read`. */
  readonly readsOnly: boolean;
  load(): Promise<ToolSpec>;
}

/** Declares one action; erases its param type so a tool can hold several. */
export function action<S extends z.ZodObject>(spec: ActionSpec<S>): ActionSpec {
  return spec as unknown as ActionSpec;
}
