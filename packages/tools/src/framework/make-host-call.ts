import type { HostEngine } from '@berth/engine';
import type { Masker } from '@berth/security';
import type { Caller } from './caller.js';
import type { HostCall } from './host-call.js';
import type { HostDirectory } from './host-directory.js';
import { unknownHost } from './host-param.js';
import type { HostSummary } from './host-summary.js';
import type { ToolContext } from './tool-context.js';

export type ProgressFn = (done: number, total?: number, message?: string) => Promise<void>;

/** What one runner call shares across the hosts it touches. */
export interface CallScope {
  context: ToolContext;
  directory: HostDirectory;
  tool: string;
  caller: Caller;
  masker: Masker;
  progress: ProgressFn | undefined;
}

/** The per-host view an action runs with: engine client on first use, bound to `signal`. */
export function makeHostCall(scope: CallScope, host: HostSummary, signal: AbortSignal): HostCall {
  let engine: Promise<HostEngine> | undefined;
  return {
    host,
    signal,
    engine() {
      engine ??= scope.directory.engine(host.name, { signal });
      return engine;
    },
    async hostEngine(name, options) {
      const known = scope.directory.list();
      const other = known.find((h) => h.name === name);
      if (!other)
        throw unknownHost(
          name,
          known.map((h) => h.name),
        );
      return { host: other, engine: await scope.directory.engine(name, options) };
    },
    async progress(done, total, message) {
      await scope.progress?.(done, total, message).catch(() => {});
    },
    logger: scope.context.logger.child({ tool: scope.tool, host: host.name }),
    masker: scope.masker,
    caller: scope.caller,
    config: scope.directory.config,
  };
}
