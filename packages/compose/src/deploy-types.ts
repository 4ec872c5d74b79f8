import type { ComposeContainer } from './compose-driver-types.js';

/** A stack to deploy: the compose file's text and its `.env`, written to `<composePath>/<stack>/`. */
export interface DeployInput {
  /** The stack (compose project) name; also the folder name under `composePath`. */
  stack: string;
  /** Folder on the engine host that holds stacks (a profile's `composePaths` entry). */
  composePath: string;
  /** The compose file's text (YAML), written as `compose.yaml`. */
  compose: string;
  /** The stack's `.env`: variables, or the file's text. Written with mode 0600. */
  env?: Record<string, string> | string;
  /** Pull images first (default true). A failed pull is reported in `pull`, and the deploy goes on with local images. */
  pull?: boolean;
  /** Wait for running and healthy containers (default true). */
  wait?: boolean;
  waitTimeoutMs?: number;
  removeOrphans?: boolean;
  forceRecreate?: boolean;
}

export interface DeployResult {
  stack: string;
  /** `<composePath>/<stack>` on the host. */
  directory: string;
  /** The files written, absolute paths on the host. */
  files: string[];
  /** True when the stack's folder did not exist before. */
  created: boolean;
  /** Whether images were pulled; `error` holds compose's (masked) message of a failed pull. */
  pull: { ran: boolean; ok: boolean; error?: string };
  /** The stack's containers after up (and the wait), with their health. */
  containers: ComposeContainer[];
}
