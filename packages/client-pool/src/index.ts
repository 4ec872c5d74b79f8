// Public API of @berth/client-pool.
export { type ClientPool, createClientPool } from './client-pool.js';
export {
  ClientPoolError,
  type ClientPoolErrorCode,
  type ClientPoolErrorData,
  isClientPoolError,
} from './client-pool-error.js';
export type { EngineClient, Transport } from './engine-client.js';
export { type FollowConfigOptions, followConfig } from './follow-config.js';
export type { HealthResult } from './health-check.js';
export {
  checkHostKey,
  fingerprintSha256,
  type HostKeyCheck,
  hostLookupName,
  type KnownHostEntry,
  parseKnownHosts,
} from './known-hosts.js';
export type { ClientPoolOptions } from './pool-settings.js';
export type { RunOptions, RunResult } from './run-result.js';
