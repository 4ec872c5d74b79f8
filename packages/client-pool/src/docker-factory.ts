import { readFileSync } from 'node:fs';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { LocalProfile, TcpProfile } from '@berth/config';
import { expandHome } from '@berth/config/lite';
import Docker from 'dockerode';
import { ClientPoolError } from './client-pool-error.js';

/**
 * docker-modem fills unset options from the process environment (DOCKER_HOST,
 * DOCKER_TLS_VERIFY, DOCKER_CERT_PATH, ...). Every option it could take from there is set
 * explicitly, so a profile's client goes where the profile says and nowhere else.
 */
const NO_ENV_DEFAULTS = {
  socketPath: undefined,
  host: undefined,
  port: undefined,
  protocol: 'http',
  pathPrefix: undefined,
  username: undefined,
  password: undefined,
  ca: undefined,
  cert: undefined,
  key: undefined,
  timeout: undefined,
  version: undefined,
  sshOptions: {},
} as const;

function newDocker(name: string, options: Record<string, unknown>): Docker {
  try {
    return new Docker({ ...NO_ENV_DEFAULTS, ...options } as Docker.DockerOptions);
  } catch (error) {
    // docker-modem parses the process DOCKER_HOST even when it is not used.
    throw new ClientPoolError(
      'CONFIG',
      `Profile "${name}": ${(error as Error).message}`,
      { profile: name },
      { cause: error },
    );
  }
}

/** Local engine socket: the profile's socketPath, else DOCKER_HOST when unix://, else /var/run/docker.sock. */
export function localSocketPath(profile: LocalProfile, env: NodeJS.ProcessEnv, home: string): string {
  if (profile.socketPath) return expandHome(profile.socketPath, home);
  const dockerHost = env.DOCKER_HOST;
  if (dockerHost?.startsWith('unix://') && dockerHost.length > 'unix://'.length)
    return dockerHost.slice('unix://'.length);
  return '/var/run/docker.sock';
}

export function createLocalDocker(name: string, socketPath: string): { docker: Docker; agent: HttpAgent } {
  const agent = new HttpAgent({ keepAlive: true });
  return { docker: newDocker(name, { socketPath, agent }), agent };
}

function readTlsFile(name: string, what: string, path: string | undefined, home: string): Buffer | undefined {
  if (!path) return undefined;
  const file = expandHome(path, home);
  try {
    return readFileSync(file);
  } catch (error) {
    throw new ClientPoolError(
      'CONFIG',
      `Profile "${name}": cannot read TLS ${what} ${file}: ${(error as Error).message}`,
      { profile: name, file },
      { cause: error },
    );
  }
}

export function createTcpDocker(
  name: string,
  profile: TcpProfile,
  home: string,
): { docker: Docker; agent: HttpAgent } {
  const target = { host: profile.host, port: profile.port, pathPrefix: '/' };
  if (!profile.tls) {
    const agent = new HttpAgent({ keepAlive: true });
    return { docker: newDocker(name, { ...target, protocol: 'http', agent }), agent };
  }
  const ca = readTlsFile(name, 'CA certificate', profile.tls.ca, home);
  const cert = readTlsFile(name, 'client certificate', profile.tls.cert, home);
  const key = readTlsFile(name, 'client key', profile.tls.key, home);
  const agent = new HttpsAgent({
    keepAlive: true,
    ...(ca ? { ca } : {}),
    ...(cert ? { cert } : {}),
    ...(key ? { key } : {}),
    rejectUnauthorized: profile.tls.verify,
  });
  return { docker: newDocker(name, { ...target, protocol: 'https', agent, ca, cert, key }), agent };
}

/** The Docker client of an SSH profile: requests go through `agent`; the host name is never resolved. */
export function createSshDocker(name: string, agent: HttpAgent): Docker {
  return newDocker(name, { host: 'docker', port: 80, pathPrefix: '/', protocol: 'http', agent });
}
