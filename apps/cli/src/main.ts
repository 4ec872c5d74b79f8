#!/usr/bin/env node
import * as nodeModule from 'node:module';
import { answerVersion } from './version-answer.js';

// `berth --version` answers before anything else loads (the bin answers it before this file).
const argv = process.argv.slice(2);
if (!answerVersion(argv)) {
  // Node 22.1+ keeps compiled code between runs; Node 20 has no such cache and starts as before.
  try {
    (nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
  } catch {
    // A cache that cannot be written only costs speed.
  }
  const controller = new AbortController();
  // First Ctrl-C: cancel calls and end streams cleanly; a second one ends at once.
  process.on('SIGINT', () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
  });
  const { runCli } = await import('./run-cli.js');
  const code = await runCli(argv, { signal: controller.signal });
  // Open connections (SSH, a config watcher) must not keep a finished command alive.
  process.stdout.write('', () => process.exit(code));
}
