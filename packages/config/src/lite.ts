// The parts of @berth/config that need no YAML or schema code: what an app reads at start
// (berth's paths, the BERTH_* environment) and the pure profile helpers tools and the client
// pool use on every call. The stdio server imports this at start-up; `load` (loading and
// watching) or the full package (parsers, writers) loads on the first call that needs one.
export { type BerthPaths, type BerthPathsOptions, berthPaths, expandHome } from './berth-paths.js';
export { profilesEqual } from './diff-profiles.js';
export { type EnvSettings, readEnvSettings } from './env-settings.js';
export { machineOf, THIS_MACHINE, thisMachineNames } from './profile-machine.js';
