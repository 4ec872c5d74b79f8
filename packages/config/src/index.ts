// Public API of @berth/config.
export { type BerthPaths, type BerthPathsOptions, berthPaths, expandHome } from './berth-paths.js';
export { ConfigError, type ConfigErrorCode, type ConfigErrorData } from './config-error.js';
export {
  type ConfigRead,
  type ConfigReadFailure,
  MAX_CONFIG_BYTES,
  readConfigFile,
} from './config-file-read.js';
export type { WriteResult } from './config-file-update.js';
export { type ConfigIssue, formatIssue } from './config-issue.js';
export { MAX_PROFILES } from './config-layer.js';
export {
  type ConfigFileCandidate,
  type ConfigLocationOptions,
  type ConfigSource,
  type ConfigSourceKind,
  configFileCandidates,
  configWriteTarget,
} from './config-sources.js';
export { parseConfigText } from './config-text.js';
export { type ConfigChange, ConfigWatcher, type WatchConfigOptions, watchConfig } from './config-watcher.js';
export { DebouncedFileWatch, type DebouncedFileWatchOptions } from './debounced-file-watch.js';
export { diffProfiles, profilesEqual } from './diff-profiles.js';
export { type EnvSettings, readEnvSettings } from './env-settings.js';
export { berthConfigJsonSchema } from './json-schema.js';
export { type LoadConfigOptions, type LoadConfigResult, loadConfig, requireConfig } from './load-config.js';
export { machineOf, THIS_MACHINE, thisMachineNames } from './profile-machine.js';
export {
  BerthConfig,
  HostKeyPolicy,
  LocalProfile,
  Profile,
  type ProfileInput,
  ProfileName,
  SshProfile,
  TcpProfile,
  TlsOptions,
} from './profile-schema.js';
export {
  addProfile,
  editProfile,
  type ProfilePatch,
  removeProfile,
  setDefaultProfile,
} from './profile-writes.js';
export {
  type ImportedSshProfile,
  importSshConfig,
  type SshImportOptions,
  type SshImportResult,
} from './ssh-config-import.js';
export { type ImportWriteResult, writeImportedProfiles } from './write-imported-profiles.js';
export { issuesFromZod } from './zod-issues.js';
