import { composeLabelsOf } from '@berth/discovery';
import type { HostEngine } from '@berth/engine';
import { HostPath } from './compose-schemas.js';
import type { ParsedProject } from './parsed-options.js';
import { COMPOSE_LABELS } from './v1-output.js';

/**
 * v2 finds a project by its name alone; v1 needs its files and reads them from the working
 * directory otherwise. So for v1, a project given only by name gets the files and folder its
 * containers' labels record (what `docker-compose up` was run with). Left as given when
 * files or a folder were passed, or when no container of the project exists.
 */
export async function withRecordedFiles(
  host: HostEngine,
  project: ParsedProject,
  signal?: AbortSignal,
): Promise<ParsedProject> {
  if (project.files.length > 0 || project.directory !== undefined) return project;
  const page = await host.containers.list({
    all: true,
    filters: { label: { [COMPOSE_LABELS.project]: project.name } },
    ...(signal ? { signal } : {}),
  });
  for (const container of page.items) {
    const labels = composeLabelsOf(container.labels);
    if (!labels || labels.configFiles.length === 0 || !labels.configFiles.every((f) => f.startsWith('/')))
      continue;
    return {
      ...project,
      files: labels.configFiles,
      ...(labels.workingDir && HostPath.safeParse(labels.workingDir).success
        ? { directory: labels.workingDir }
        : {}),
    };
  }
  return project;
}
