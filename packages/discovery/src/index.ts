// Public API of @berth/discovery.
export { COMPOSE_LABELS, type ComposeLabels, composeLabelsOf } from './compose-labels.js';
export type {
  ComposeModel,
  ComposeProject,
  ComposeResource,
  ComposeService,
  ServiceKind,
  ServicePort,
  ServiceVolume,
} from './compose-project.js';
export { DiscoveryError, type DiscoveryErrorCode, type DiscoveryErrorData } from './discovery-error.js';
export { type ParseDotEnvOptions, parseDotEnv } from './dot-env.js';
export type { FileSource } from './file-source.js';
export {
  COMPOSE_FILE_NAMES,
  type ComposeFiles,
  type Env,
  type FindComposeFilesOptions,
  findComposeFiles,
  OVERRIDE_FILE_NAMES,
} from './find-compose-files.js';
export { type HostFileSourceOptions, hostFileSource } from './host-file-source.js';
export { type HostStacksOptions, hostStacks, type StackHost } from './host-stacks.js';
export { interpolateString, type Lookup, type ValueLocation } from './interpolate.js';
export {
  type ComposePathProject,
  type ListComposeFilesOptions,
  listComposeFiles,
} from './list-compose-files.js';
export { type LoadComposeOptions, loadComposeProject } from './load-compose-project.js';
export { localFileSource, MAX_COMPOSE_FILE_BYTES } from './local-file-source.js';
export { splitCommand } from './normalize-service.js';
export {
  deriveProjectName,
  normalizeProjectName,
  type ProjectNameInputs,
  type ProjectNameSource,
} from './project-name.js';
export {
  type ContainerRow,
  type HostRunner,
  type RemoteStack,
  type StackContainer,
  serviceContainers,
  stacksFromContainers,
} from './remote-stacks.js';
export { type ServiceKindInputs, serviceKind } from './service-kind.js';
