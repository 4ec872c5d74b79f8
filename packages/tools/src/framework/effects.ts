/**
 * What one action does to the world, in MCP's terms:
 * - `read`: changes nothing (readOnlyHint).
 * - `add`: only additive updates (creates, starts, pulls, tags): destructiveHint false.
 * - `change`: updates that are not additive (stop, kill, exec of any command, disconnect,
 *   edit a profile): destructiveHint true, but nothing is lost for good.
 * - `lose`: removes something for good (data, images, a profile): dry run, confirmation
 *   (elicitation or a plan-bound token) and audit apply.
 */
export type Effect = 'read' | 'add' | 'change' | 'lose';

/** The four MCP hints, always explicit: clients must not fall back to the spec's defaults. */
export interface ToolHints {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

export interface EffectOptions {
  effect: Effect;
  /** Repeating the call with the same arguments has no further effect (reads always). */
  idempotent?: boolean;
  /** Reaches beyond the engines berth manages (a registry). */
  openWorld?: boolean;
}

/**
 * Hints that are true for every action of a tool: read-only only when all actions read,
 * non-destructive only when all are additive, idempotent only when all are.
 */
export function hintsFor(actions: readonly EffectOptions[]): ToolHints {
  const read = actions.every((a) => a.effect === 'read');
  return {
    readOnlyHint: read,
    destructiveHint: actions.some((a) => a.effect === 'change' || a.effect === 'lose'),
    idempotentHint: actions.every((a) => a.effect === 'read' || a.idempotent === true),
    openWorldHint: actions.some((a) => a.openWorld === true),
  };
}
