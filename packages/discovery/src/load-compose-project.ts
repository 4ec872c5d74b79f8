import type { ComposeProject } from './compose-project.js';
import type { FindComposeFilesOptions } from './find-compose-files.js';

export interface LoadComposeOptions extends FindComposeFilesOptions {
  /** `-p`: wins over `COMPOSE_PROJECT_NAME`, the file's `name` and the directory. */
  projectName?: string;
}

/**
 * Finds, reads, interpolates, merges and normalises a compose project, as `docker compose
 * config` would. Fails with NOT_FOUND when no compose file is found.
 */
export async function loadComposeProject(_options: LoadComposeOptions = {}): Promise<ComposeProject> {
  throw new Error('not implemented yet');
}
