import type { Logger } from 'pino';
import type { MigrationJournal } from './migration-journal.js';
import type { MigrationPlan, MigrationStep } from './migration-plan.js';
import type { MigrationEndpoint } from './plan-migration.js';

/** A compose project as the deployer on the target takes it. */
export interface DeployProject {
  name: string;
  files: string[];
  directory: string;
}

/**
 * Brings the stack up and down on the target: what a ComposeDriver bound to the target
 * profile does (`createComposeDriver`), or anything of the same shape.
 */
export interface TargetDeployer {
  up(
    project: DeployProject,
    options: { wait: boolean; waitTimeoutMs: number },
    control: { signal: AbortSignal },
  ): Promise<unknown>;
  down(
    project: DeployProject,
    options: { volumes: false; removeOrphans: boolean },
    control: { signal: AbortSignal },
  ): Promise<unknown>;
}

/** One progress report: a step begins or ends, or bytes moved. */
export interface MigrationProgress {
  step: MigrationStep | 'verify' | 'rollback';
  /** The volume, path, image or file the report is about. */
  item?: string;
  /** Content bytes moved so far, over the whole migration. */
  bytes: number;
  /** The plan's estimate of the bytes to move (volumes that report a size, images). */
  knownBytes: number;
  message: string;
}

/** What every step of one migration works with. */
export interface MigrationContext {
  plan: MigrationPlan;
  source: MigrationEndpoint;
  target: MigrationEndpoint;
  deployer: TargetDeployer;
  journal: MigrationJournal;
  signal: AbortSignal;
  logger: Logger;
  healthTimeoutMs: number;
  report(step: MigrationProgress['step'], message: string, item?: string): void;
  /** Counts moved bytes; reports at most once per MiB. */
  moved(step: MigrationProgress['step'], item: string): (bytes: number) => void;
}
