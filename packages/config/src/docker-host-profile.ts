import { join } from 'node:path';
import type { ConfigIssue } from './config-issue.js';

export const DEFAULT_DOCKER_SOCKET = '/var/run/docker.sock';

/**
 * The implicit `local` profile, shaped like the docker CLI reads DOCKER_HOST:
 * unix:// → local socket, tcp:// → tcp (TLS from DOCKER_TLS_VERIFY / DOCKER_CERT_PATH),
 * ssh:// → ssh with strict host-key checks.
 */
export function profileFromDockerHost(
  dockerHost: string | undefined,
  env: NodeJS.ProcessEnv,
  home: string,
): { profile?: Record<string, unknown>; errors: ConfigIssue[] } {
  const where = env.BERTH_DOCKER_HOST ? 'BERTH_DOCKER_HOST' : 'DOCKER_HOST';
  const fail = (message: string) => ({ errors: [{ path: where, message, source: 'env' }] });
  if (!dockerHost) return { profile: { type: 'local', socketPath: DEFAULT_DOCKER_SOCKET }, errors: [] };
  if (dockerHost.startsWith('/')) return { profile: { type: 'local', socketPath: dockerHost }, errors: [] };
  let url: URL;
  try {
    url = new URL(dockerHost);
  } catch {
    return fail(`not a URL: ${JSON.stringify(dockerHost)}; expected unix://, tcp:// or ssh://`);
  }
  switch (url.protocol) {
    case 'unix:':
      return { profile: { type: 'local', socketPath: decodeURIComponent(url.pathname) }, errors: [] };
    case 'tcp:':
    case 'http:':
    case 'https:': {
      const verify = Boolean(env.DOCKER_TLS_VERIFY);
      const certPath = env.DOCKER_CERT_PATH || join(home, '.docker');
      const useTls = verify || url.protocol === 'https:';
      const profile: Record<string, unknown> = {
        type: 'tcp',
        host: url.hostname.replace(/^\[|\]$/g, ''),
        port: url.port ? Number(url.port) : useTls ? 2376 : 2375,
      };
      if (useTls) {
        profile.tls = {
          ca: join(certPath, 'ca.pem'),
          cert: join(certPath, 'cert.pem'),
          key: join(certPath, 'key.pem'),
          verify,
        };
      }
      return { profile, errors: [] };
    }
    case 'ssh:': {
      const user = decodeURIComponent(url.username) || env.USER || env.LOGNAME;
      if (!user) return fail('ssh:// needs a user (ssh://user@host) when USER is not set');
      const profile: Record<string, unknown> = {
        type: 'ssh',
        host: url.hostname,
        user,
        hostKeyPolicy: 'strict',
      };
      if (url.port) profile.port = Number(url.port);
      // The docker CLI shells out to ssh, which uses the agent; do the same when one runs.
      if (env.SSH_AUTH_SOCK) profile.agent = true;
      return { profile, errors: [] };
    }
    default:
      return fail(`scheme ${url.protocol}// is not supported; expected unix://, tcp:// or ssh://`);
  }
}
