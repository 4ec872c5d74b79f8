// Public API of @berth/config: the light doors (`lite`: paths, env, profile helpers; `load`:
// loading and watching) and, beside them, the parsers, schema and writers.

export { ConfigError, type ConfigErrorCode, type ConfigErrorData } from './config-error.js';
export {
  type ConfigRead,
  type ConfigReadFailure,
  MAX_CONFIG_BYTES,
  readConfigFile,
} from './config-file-read.js';
export type { WriteResult } from './config-file-update.js';
export { MAX_PROFILES } from './config-layer.js';
export { parseConfigText } from './config-text.js';
export { DebouncedFileWatch, type DebouncedFileWatchOptions } from './debounced-file-watch.js';
export { diffProfiles } from './diff-profiles.js';
export { berthConfigJsonSchema } from './json-schema.js';
export * from './lite.js';
export * from './load.js';
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
