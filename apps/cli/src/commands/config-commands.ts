import type { CommandSpec } from '../command-spec.js';
import { EXIT_OK, exitCodeFor } from '../exit-codes.js';
import type { Session } from '../session.js';

/** Where config is looked for, given the CLI's --config, --trust-project and env. */
function where(session: Session) {
  const { config, trustProject } = session.globals;
  return { ...(config ? { configPath: config } : {}), trustProject, env: session.io.env };
}

/** `config path|show|validate|schema`: berth's own config, through @berth/config (loaded on use). */
export const CONFIG_COMMANDS: CommandSpec[] = [
  {
    path: ['config', 'path'],
    summary: 'the config files berth reads, highest first, and the one it writes',
    kind: 'local',
    run: async (_input, session) => {
      const { configFileCandidates, configWriteTarget } = await import('@berth/config');
      const { existsSync } = await import('node:fs');
      for (const c of configFileCandidates(where(session))) {
        session.print(`${c.kind.padEnd(8)}${c.path}${existsSync(c.path) ? '' : '  (missing)'}`);
      }
      session.print(`writes  ${await configWriteTarget(where(session))}`);
      return EXIT_OK;
    },
  },
  {
    path: ['config', 'show'],
    summary: 'the configuration in effect (files, env and defaults merged), as JSON',
    kind: 'local',
    run: async (_input, session) => {
      const { formatIssue, loadConfig } = await import('@berth/config');
      const result = await loadConfig(where(session));
      if (!result.ok) return invalid(session, result.errors.map(formatIssue));
      session.print(JSON.stringify(result.config, null, 2));
      for (const w of result.warnings) session.warn(session.err.yellow(`warning: ${formatIssue(w)}`));
      return EXIT_OK;
    },
  },
  {
    path: ['config', 'validate'],
    summary: 'check the config files; each problem with its dot path and file',
    kind: 'local',
    run: async (_input, session) => {
      const { formatIssue, loadConfig } = await import('@berth/config');
      const result = await loadConfig(where(session));
      for (const w of result.warnings) session.warn(session.err.yellow(`warning: ${formatIssue(w)}`));
      if (!result.ok) return invalid(session, result.errors.map(formatIssue));
      const files = result.sources.map((s) => s.path ?? s.kind).join(', ');
      session.print(`valid: ${Object.keys(result.config.profiles).length} profiles (from ${files})`);
      return EXIT_OK;
    },
  },
  {
    path: ['config', 'schema'],
    summary: 'the JSON Schema of the config file',
    kind: 'local',
    run: async (_input, session) => {
      const { berthConfigJsonSchema } = await import('@berth/config');
      session.print(JSON.stringify(berthConfigJsonSchema(), null, 2));
      return EXIT_OK;
    },
  },
];

function invalid(session: Session, lines: string[]): number {
  for (const l of lines) session.warn(`${session.err.red('berth:')} ${l}`);
  session.warn('fix the keys named above; `berth config schema` lists every key');
  return exitCodeFor('INVALID_CONFIG');
}
