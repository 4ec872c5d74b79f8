import { homedir } from 'node:os';
import { join } from 'node:path';
import { berthPaths, readEnvSettings } from '@berth/config/lite';
import { createMasker } from '@berth/security';
import { type Logger, pino } from 'pino';
import { createAuditLog } from './audit-log.js';
import { createConfirmTokens } from './confirm-tokens.js';
import { createHostDirectory, type HostDirectory } from './host-directory.js';
import { DEFAULT_LIMITS, type Limits } from './shape-rows.js';
import type { ToolContext } from './tool-context.js';
import type { ToolEntry, ToolSpec } from './tool-spec.js';
import { selectTools } from './toolsets.js';

export interface ToolContextOptions {
  /**
   * The whole tool catalog; `toolsets` and `readOnly` pick what is served. Specs, or entries
   * whose tools load on their first call (an app that never lists tools: the CLI).
   */
  tools: readonly ToolSpec[] | readonly ToolEntry[];
  toolsets?: readonly string[] | undefined;
  /** `--config`: the one config file to read instead of the project and user files. */
  configPath?: string | undefined;
  /** `--trust-project`: read `berth.yaml` in the working directory without the user file trusting it (it still only tightens). */
  trustProject?: boolean | undefined;
  /** `--host`: the profile used when a call names none. */
  defaultHost?: string | undefined;
  readOnly?: boolean | undefined;
  /** False turns confirmation of data-losing actions off (a flag for automation). */
  confirm?: boolean | undefined;
  /** Audit log file; `false` keeps none; default `<stateDir>/audit.jsonl`. */
  auditLog?: string | false | undefined;
  env?: NodeJS.ProcessEnv;
  home?: string;
  logger?: Logger;
  limits?: Limits;
}

/**
 * Builds the context every app hands its calls to. Cheap: config, client pool and engine
 * code load on the first call that needs a host, never at start.
 */
export function createToolContext(options: ToolContextOptions): ToolContext {
  const env = options.env ?? process.env;
  const home = options.home ?? (env.HOME || homedir());
  const logger = options.logger ?? pino({ level: 'silent' });
  const paths = berthPaths({ env, home });
  const masker = createMasker();
  const auditPath =
    options.auditLog === false ? undefined : (options.auditLog ?? join(paths.stateDir, 'audit.jsonl'));
  let directory: Promise<HostDirectory> | undefined;
  // BERTH_READ_ONLY makes every profile read-only; then no mutating tool is served at all,
  // as with --read-only, so an agent is never offered what every host would refuse.
  const readOnly = options.readOnly === true || readEnvSettings(env).readOnly;
  const served: readonly (ToolSpec | ToolEntry)[] = selectTools<ToolSpec | ToolEntry>(options.tools, {
    readOnly,
    toolsets: options.toolsets,
  });
  const specs = served.every((t): t is ToolSpec => 'actions' in t) ? served : undefined;
  return {
    get tools(): readonly ToolSpec[] {
      if (!specs) throw new Error('This tool context loads its tools on demand and has no list of them');
      return specs;
    },
    toolNames: served.map((t) => t.name),
    async tool(name) {
      const found = served.find((t) => t.name === name);
      return found === undefined || 'actions' in found ? found : found.load();
    },
    readOnly,
    confirm: options.confirm !== false,
    logger,
    masker,
    audit: createAuditLog({ path: auditPath, mask: (text) => masker.maskText(text) }),
    tokens: createConfirmTokens(),
    paths,
    limits: options.limits ?? DEFAULT_LIMITS,
    hosts() {
      // A failed build (broken config) is retried on the next call.
      directory ??= createHostDirectory({
        configPath: options.configPath,
        trustProject: options.trustProject,
        defaultHost: options.defaultHost,
        env,
        home,
        logger,
      }).catch((error: unknown) => {
        directory = undefined;
        throw error;
      });
      return directory;
    },
    async dispose() {
      const built = directory;
      directory = undefined;
      if (built) await (await built.catch(() => undefined))?.dispose();
    },
  };
}
