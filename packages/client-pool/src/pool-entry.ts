import type { Agent } from 'node:http';
import type { Profile } from '@berth/config';
import { createLocalDocker, createSshDocker, createTcpDocker, localSocketPath } from './docker-factory.js';
import type { EngineClient } from './engine-client.js';
import type { PoolSettings } from './pool-settings.js';
import { SshConnection } from './ssh-connection.js';
import { SshHttpAgent } from './ssh-http-agent.js';

/** One profile's live client and what the pool keeps to reuse, evict and close it. */
export interface PoolEntry {
  name: string;
  /** The profile this client was built from; reconcile compares against it. */
  profile: Profile;
  client: EngineClient;
  agent: Agent;
  connection: SshConnection | undefined;
  /** Local profiles: DOCKER_HOST for commands run locally. */
  dockerHost: string | undefined;
  lastUsed: number;
  idleTimer: NodeJS.Timeout | undefined;
}

/**
 * Builds the client of one profile for its transport. Nothing connects here: sockets open
 * on the first request, an SSH connection on the first acquire. `onUse` marks the entry used
 * whenever its SSH connection opens a channel for the Docker API.
 */
export function createPoolEntry(
  name: string,
  profile: Profile,
  settings: PoolSettings,
  onUse: (entry: PoolEntry) => void,
): PoolEntry {
  const { env, homeDir, logger } = settings;
  const base = { name, profile, lastUsed: Date.now(), idleTimer: undefined };
  const client = (docker: EngineClient['docker']): EngineClient => ({
    profile: name,
    docker,
    transport: profile.type,
    readOnly: profile.readOnly,
    timeoutMs: profile.timeoutMs,
  });
  switch (profile.type) {
    case 'local': {
      const socketPath = localSocketPath(profile, env, homeDir);
      const { docker, agent } = createLocalDocker(name, socketPath);
      logger.debug({ profile: name, socketPath }, 'local client created');
      return {
        ...base,
        client: client(docker),
        agent,
        connection: undefined,
        dockerHost: `unix://${socketPath}`,
      };
    }
    case 'tcp': {
      const { docker, agent } = createTcpDocker(name, profile, homeDir);
      if (!profile.tls) {
        logger.warn(
          { profile: name, host: profile.host, port: profile.port },
          'plain TCP: the Docker API is neither encrypted nor authenticated on this connection',
        );
      } else if (!profile.tls.verify) {
        logger.warn(
          { profile: name, host: profile.host },
          'TLS certificate of the engine is NOT verified (tls.verify: false)',
        );
      }
      return { ...base, client: client(docker), agent, connection: undefined, dockerHost: undefined };
    }
    case 'ssh': {
      const connection = new SshConnection({
        name,
        profile,
        env,
        homeDir,
        pinFile: settings.pinFile,
        userKnownHostsFile: settings.userKnownHostsFile,
        logger: logger.child({ profile: name }),
      });
      const entry: PoolEntry = {
        ...base,
        client: undefined as never,
        agent: undefined as never,
        connection,
        dockerHost: undefined,
      };
      const agent = new SshHttpAgent(connection, () => onUse(entry));
      entry.agent = agent;
      entry.client = client(createSshDocker(name, agent));
      return entry;
    }
  }
}
