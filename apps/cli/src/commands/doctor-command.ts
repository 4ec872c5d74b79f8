import type { CommandSpec } from '../command-spec.js';
import { EXIT_OK, exitCodeFor } from '../exit-codes.js';

/**
 * `doctor`: config, every profile's engine (SSH host keys included) and compose binaries;
 * each problem with how to fix it. Exit 0 when all pass, else FAILED's code.
 */
export const doctorCommand: CommandSpec = {
  path: ['doctor'],
  summary: "check config, each host's engine and SSH key, compose binaries; say how to fix each",
  kind: 'read',
  run: async (_input, session) => {
    const { checkCompose, checkConfig, checkEngines } = await import('./doctor-checks.js');
    const config = await checkConfig(session);
    const engines = config.every((c) => c.ok) ? await checkEngines(session) : [];
    const checks = [...config, ...engines, ...(await checkCompose(session))];
    if (session.globals.json) session.print(JSON.stringify({ checks }));
    else {
      for (const c of checks) {
        const mark = c.ok ? session.out.green('ok  ') : session.out.red('FAIL');
        session.print(`${mark} ${c.check} ${c.target}: ${c.detail}`);
        if (c.fix) session.print(`     fix: ${c.fix}`);
      }
    }
    const failed = checks.filter((c) => !c.ok).length;
    if (failed === 0) return EXIT_OK;
    session.warn(
      session.err.red(`berth: ${failed} check${failed > 1 ? 's' : ''} failed; see fix lines above`),
    );
    return exitCodeFor('FAILED');
  },
};
