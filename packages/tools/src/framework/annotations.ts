import type { ToolAnnotations } from '@modelcontextprotocol/server';

/**
 * The safety class of a tool. Every action of a tool shares it, so the MCP hints are
 * true for the whole tool (issue 4): a client can trust them without knowing actions.
 * - `read`: never changes anything; safe to repeat.
 * - `write`: changes state but destroys nothing that cannot be brought back (start, stop, pull).
 * - `destructive`: removes something for good; dry-run, confirmation and audit apply.
 */
export type SafetyClass = 'read' | 'write' | 'destructive';

export interface SafetyOptions {
  safety: SafetyClass;
  /** Repeating a call with the same arguments has no further effect (reads always). */
  idempotent?: boolean;
  /** Reaches beyond the engine (a registry); engines themselves are a closed world. */
  openWorld?: boolean;
}

/** All four hints, always explicit: clients must not fall back to the spec's defaults. */
export function annotationsFor(options: SafetyOptions): ToolAnnotations {
  const read = options.safety === 'read';
  return {
    readOnlyHint: read,
    destructiveHint: options.safety === 'destructive',
    idempotentHint: read || options.idempotent === true,
    openWorldHint: options.openWorld === true,
  };
}
