import { spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import { aptInstall, missingPackages } from './apt.js';
import { dockerClient, engineAnswers } from './docker-client.js';
import { log } from './log.js';
import { allowlistedEnv } from './run-command.js';
import { TestkitError } from './testkit-error.js';

export interface EnsureEngineOptions {
  env?: NodeJS.ProcessEnv;
  /** Whether this process may install packages and start dockerd (default: when root). */
  canInstall?: boolean;
  /** How long to wait for a started dockerd to answer. */
  startTimeoutMs?: number;
  dockerdLog?: string;
}

export interface EngineStatus {
  version: string;
  apiVersion: string;
  /** 'found' when an engine already answered, 'started' when the test bed started it. */
  how: 'found' | 'started';
}

const DEFAULT_SOCKET = 'unix:///var/run/docker.sock';

/**
 * Install the test bed's missing Debian packages (when root), then use the engine at
 * DOCKER_HOST or the default socket; if none answers and this process is root, start
 * dockerd and wait until it answers.
 */
export async function ensureEngine(options: EnsureEngineOptions = {}): Promise<EngineStatus> {
  const env = options.env ?? process.env;
  const canInstall = options.canInstall ?? process.getuid?.() === 0;
  const missing = missingPackages();
  if (missing.length > 0 && canInstall) await aptInstall(missing);
  if (await engineAnswers()) return { ...(await versionOf()), how: 'found' };

  const dockerHost = env.DOCKER_HOST;
  const local = dockerHost === undefined || dockerHost === '' || dockerHost === DEFAULT_SOCKET;
  if (!local) {
    throw new TestkitError('NO_ENGINE', `No Docker engine answers at DOCKER_HOST=${dockerHost}.`);
  }
  if (!canInstall) {
    throw new TestkitError(
      'NO_ENGINE',
      'No Docker engine answers at /var/run/docker.sock and this process is not root, so the test bed ' +
        'cannot install or start one. Start dockerd, or set DOCKER_HOST to an engine.',
    );
  }
  await startDockerd(options.dockerdLog ?? '/var/log/berth-dockerd.log');
  await waitForEngine(options.startTimeoutMs ?? 90_000);
  return { ...(await versionOf()), how: 'started' };
}

async function versionOf(): Promise<{ version: string; apiVersion: string }> {
  const v = await dockerClient().version();
  return { version: v.Version, apiVersion: v.ApiVersion };
}

async function startDockerd(logFile: string): Promise<void> {
  log(`starting dockerd (log: ${logFile})`);
  const out = openSync(logFile, 'a');
  const child = spawn('dockerd', [], {
    detached: true,
    shell: false,
    stdio: ['ignore', out, out],
    env: allowlistedEnv(),
  });
  child.on('error', () => {}); // reported by waitForEngine's timeout instead
  child.unref();
}

async function waitForEngine(timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await engineAnswers(2000)) {
      log('dockerd answers');
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new TestkitError('NO_ENGINE', `dockerd was started but did not answer within ${timeoutMs} ms`);
}
