// Public API of @berth/compose.
export {
  type ComposeDriverOptions,
  clearComposeVersionCache,
  createComposeDriver,
} from './compose-driver.js';
export type {
  ComposeConfig,
  ComposeContainer,
  ComposeDriver,
  ComposeHealth,
  ComposeLogs,
  ComposeOutput,
  ComposePort,
  ComposeProgress,
  ComposeStack,
  ComposeUpResult,
  ComposeVersion,
  JobControl,
} from './compose-driver-types.js';
export {
  ComposeError,
  type ComposeErrorCode,
  type ComposeErrorData,
  isComposeError,
} from './compose-error.js';
export {
  BuildOptions,
  ComposeProject,
  ConfigOptions,
  DownOptions,
  HostPath,
  LogsOptions,
  LsOptions,
  ProjectName,
  PsOptions,
  PullOptions,
  RestartOptions,
  ServiceName,
  StartOptions,
  StopOptions,
  UpOptions,
} from './compose-schemas.js';
export { deployStack } from './deploy-stack.js';
export type { DeployInput, DeployResult } from './deploy-types.js';
export { STACK_ENV_FILE, STACK_FILE, stackProject } from './stack-project.js';
