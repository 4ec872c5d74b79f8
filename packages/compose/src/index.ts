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
export type { ManifestDifference } from './migrate/compare-manifests.js';
export type { CopiedFile } from './migrate/copy-files.js';
export { copyTree, readTree, type TreeCopyOptions, type TreeLocation } from './migrate/copy-tree.js';
export { MigrateError, type MigrateErrorCode } from './migrate/migrate-error.js';
export { LABEL_HELPER, LABEL_MIGRATION } from './migrate/migrate-labels.js';
export type { DeployProject, MigrationProgress, TargetDeployer } from './migrate/migration-context.js';
export type { JournalEntry } from './migrate/migration-journal.js';
export type {
  MigrationPlan,
  MigrationStep,
  PlannedBind,
  PlannedContainer,
  PlannedFile,
  PlannedImage,
  PlannedPort,
  PlannedVolume,
} from './migrate/migration-plan.js';
export { type MigrationEndpoint, type PlanMigrationInput, planMigration } from './migrate/plan-migration.js';
export { type RemovedSource, type RemoveSourceOptions, removeSource } from './migrate/remove-source.js';
export type { RollbackReport } from './migrate/roll-back.js';
export { type MigrationResult, type RunMigrationOptions, runMigration } from './migrate/run-migration.js';
export { type ManifestEntry, readManifest, type TreeManifest } from './migrate/tree-manifest.js';
export { type CopiedTree, verifiedCopy } from './migrate/verified-copy.js';
export { STACK_ENV_FILE, STACK_FILE, stackProject } from './stack-project.js';
