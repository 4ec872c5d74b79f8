// The read side of @berth/config for apps at work: loading and watching the config files and
// where writes go. YAML loads only when a file is there to parse, so a run with no config
// file (the implicit local profile) never loads the parser; the writers stay in the full
// package.
export { type ConfigIssue, formatIssue } from './config-issue.js';
export {
  type ConfigFileCandidate,
  type ConfigLocationOptions,
  type ConfigSource,
  type ConfigSourceKind,
  configFileCandidates,
  configWriteTarget,
} from './config-sources.js';
export { type ConfigChange, ConfigWatcher, type WatchConfigOptions, watchConfig } from './config-watcher.js';
export { type LoadConfigOptions, type LoadConfigResult, loadConfig, requireConfig } from './load-config.js';
