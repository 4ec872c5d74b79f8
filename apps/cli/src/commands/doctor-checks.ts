import { execFile } from 'node:child_process';
import type { Session } from '../session.js';

export interface Check {
  check: 'config' | 'engine' | 'compose';
  target: string;
  ok: boolean;
  detail: string;
  /** How to fix it, when not ok. */
  fix?: string;
}

/** How to get a stopped or unreachable engine answering, by profile type. */
const START_ENGINE: Record<string, string> = {
  local:
    "start the Docker engine (sudo systemctl start docker, or run dockerd), or point DOCKER_HOST or the profile's socketPath at one that runs",
  ssh: 'check that the host is up, sshd answers on its port, and dockerd runs there (ssh in and run docker info)',
  tcp: 'check that the engine listens on that address and port (dockerd -H tcp://...) and the TLS files match',
};

const UNKNOWN_KEY =
  "verify the host key, then add it: ssh-keyscan -p PORT HOST >> ~/.ssh/known_hosts (or the profile's knownHostsFile), or set hostKeyPolicy: accept-new";

/** Fix lines for codes where the generic hint is not enough at a terminal, by profile type. */
const FIXES: Record<string, Record<string, string>> = {
  HOST_KEY_UNKNOWN: { ssh: UNKNOWN_KEY },
  HOST_KEY_MISMATCH: {
    ssh: 'the host key changed: check the host, then fix its known_hosts line (ssh-keygen -R HOST)',
  },
  AUTH_FAILED: { ssh: "check the profile's user and identityFile (ssh -i FILE USER@HOST works?) or agent" },
  DENIED: {
    local: 'check permissions: the user must be allowed to use the Docker socket (docker group)',
    // SSH refusals the transport does not tell apart: the host key first, then credentials.
    ssh: `${UNKNOWN_KEY}; or check the profile's user and identityFile`,
  },
};

/** Config: does it load, and what does it warn about. */
export async function checkConfig(session: Session): Promise<Check[]> {
  const { formatIssue, loadConfig } = await import('@berth/config');
  const { config, trustProject } = session.globals;
  const result = await loadConfig({
    ...(config ? { configPath: config } : {}),
    trustProject,
    env: session.io.env,
  });
  const files = result.sources.map((s) => s.path ?? s.kind).join(', ') || 'defaults';
  if (!result.ok) {
    return result.errors.map((e) => ({
      check: 'config',
      target: e.source ?? 'config',
      ok: false,
      detail: formatIssue(e),
      fix: 'fix the key named (berth config schema lists every key), then berth config validate',
    }));
  }
  const warnings = result.warnings.map((w) => `warning: ${formatIssue(w)}`).join('; ');
  const detail = `${Object.keys(result.config.profiles).length} profiles from ${files}${warnings ? `; ${warnings}` : ''}`;
  return [{ check: 'config', target: 'config', ok: true, detail }];
}

/** Each profile's engine: connect (SSH host key checked), ping, version, through `read test`. */
export async function checkEngines(session: Session): Promise<Check[]> {
  const { callTool } = await import('../call-tool.js');
  const hosts = await callTool(session, 'read', { action: 'hosts' }, { kind: 'read' });
  if (hosts.kind !== 'ok') return [];
  const rows = hosts.output.rows as { host: string; type: string }[];
  return Promise.all(
    rows.map(async ({ host, type }): Promise<Check> => {
      const result = await callTool(session, 'read', { action: 'test' }, { kind: 'read', host });
      if (result.kind === 'ok') {
        const row = result.output.rows[0] ?? {};
        return {
          check: 'engine',
          target: host,
          ok: true,
          detail: `${type}, engine ${row.version} (connect ${row.connectMs} ms)`,
        };
      }
      if (result.kind !== 'error') return { check: 'engine', target: host, ok: false, detail: 'no answer' };
      const { code, message } = result.error;
      const byType: Record<string, string> | undefined = FIXES[code];
      const fix =
        byType?.[type] ??
        (['UNREACHABLE', 'TIMEOUT', 'CLOSED'].includes(code) ? START_ENGINE[type] : undefined);
      const reach = code === 'UNREACHABLE' || code === 'TIMEOUT' ? 'engine not reachable (stopped?): ' : '';
      return {
        check: 'engine',
        target: host,
        ok: false,
        detail: `${reach}${message}`,
        ...(fix ? { fix } : {}),
      };
    }),
  );
}

/** Runs argv (no shell) with a deadline; resolves with its first output line, or undefined. */
function version(argv: string[], session: Session): Promise<string | undefined> {
  return new Promise((resolve) => {
    const [file, ...args] = argv as [string, ...string[]];
    execFile(
      file,
      args,
      {
        timeout: 10_000,
        signal: session.signal,
        env: { PATH: session.io.env.PATH ?? '', HOME: session.io.env.HOME ?? '' },
      },
      (error, stdout) => resolve(error ? undefined : stdout.trim().split('\n')[0]),
    );
  });
}

/** Compose binaries on this machine: the docker CLI plugin (v2) and docker-compose. */
export async function checkCompose(session: Session): Promise<Check[]> {
  const [plugin, standalone] = await Promise.all([
    version(['docker', 'compose', 'version'], session),
    version(['docker-compose', 'version', '--short'], session),
  ]);
  const found = [plugin && `docker compose: ${plugin}`, standalone && `docker-compose ${standalone}`].filter(
    Boolean,
  );
  if (found.length > 0)
    return [{ check: 'compose', target: 'this machine', ok: true, detail: found.join('; ') }];
  return [
    {
      check: 'compose',
      target: 'this machine',
      ok: false,
      detail: 'neither docker compose nor docker-compose found on PATH',
      fix: 'install Compose: apt-get install docker-compose (Debian), or the docker-compose-plugin package',
    },
  ];
}
