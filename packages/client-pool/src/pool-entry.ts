import type { Agent } from 'node:http';
import type { Profile } from '@berth/config';
import { createLocalDocker, createSshDocker, createTcpDocker, localSocketPath } from './docker-factory.js';
import type { EngineClient } from './engine-client.js';
import type { PoolSettings } from './pool-settings.js';
import { runCommand } from './run-command.js';
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
 * on the first request, an SSH connection on the first acquire. `onUse` marks the entry
 * used: on every command, and whenever its SSH connection opens a channel for the Docker API.
 */
export function createPoolEntry(
  name: string,
  profile: Profile,
  settings: PoolSettings,
  onUse: (entry: PoolEntry) => void,
): PoolEntry {
  const entry: PoolEntry = {
    name,
    profile,
    client: undefined as never,
    agent: undefined as never,
    connection: undefined,
    dockerHost: undefined,
    lastUsed: Date.now(),
    idleTimer: undefined,
  };
  const { docker, agent } = openTransport(entry, settings, () => onUse(entry));
  entry.agent = agent;
  entry.client = {
    profile: name,
    docker,
    transport: profile.type,
    readOnly: profile.readOnly,
    timeoutMs: profile.timeoutMs,
    run: async (argv, options = {}) => {
      onUse(entry);
      return runCommand(entry, argv, options, settings.env);
    },
  };
  return entry;
}

/** The Docker client and agent for the entry's transport; sets its connection or dockerHost. */
function openTransport(
  entry: PoolEntry,
  settings: PoolSettings,
  onUse: () => void,
): { docker: EngineClient['docker']; agent: Agent } {
  const { name, profile } = entry;
  const { env, homeDir, logger } = settings;
  switch (profile.type) {
    case 'local': {
      const socketPath = localSocketPath(profile, env, homeDir);
      const created = createLocalDocker(name, socketPath);
      logger.debug({ profile: name, socketPath }, 'local client created');
      entry.dockerHost = `unix://${socketPath}`;
      return created;
    }
    case 'tcp': {
      const created = createTcpDocker(name, profile, homeDir);
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
      return created;
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
      entry.connection = connection;
      const agent = new SshHttpAgent(connection, onUse);
      return { docker: createSshDocker(name, agent), agent };
    }
  }
}
