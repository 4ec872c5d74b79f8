// Public API of @berth/discovery.
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
export type { FileSource } from './file-source.js';
export {
  type ComposeFiles,
  type Env,
  type FindComposeFilesOptions,
  findComposeFiles,
} from './find-compose-files.js';
export { type LoadComposeOptions, loadComposeProject } from './load-compose-project.js';
export type { ContainerRow, HostRunner, RemoteStack, StackContainer } from './remote-stacks.js';
