// The parts of @berth/config that need no YAML or schema code: what an app reads at start
// (berth's paths, the BERTH_* environment) and the pure profile helpers tools use on every
// call. The stdio server imports this at start-up; the full package (parsers, writers,
// watcher) loads on the first call that reads a config file.
export { type BerthPaths, type BerthPathsOptions, berthPaths, expandHome } from './berth-paths.js';
export { type EnvSettings, readEnvSettings } from './env-settings.js';
export { machineOf, THIS_MACHINE, thisMachineNames } from './profile-machine.js';
