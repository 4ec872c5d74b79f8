import { posix } from 'node:path';

/** The labels compose puts on every container it creates. */
export const COMPOSE_LABELS = {
  project: 'com.docker.compose.project',
  service: 'com.docker.compose.service',
  workingDir: 'com.docker.compose.project.working_dir',
  configFiles: 'com.docker.compose.project.config_files',
  containerNumber: 'com.docker.compose.container-number',
  oneoff: 'com.docker.compose.oneoff',
} as const;

export interface ComposeLabels {
  project: string;
  service: string;
  workingDir?: string;
  /** Absolute paths (compose joins them with `,`; v1 writes them relative to the working directory). */
  configFiles: string[];
  containerNumber?: number;
  oneoff: boolean;
}

/** A container's compose labels, or undefined when it was not created by compose. */
export function composeLabelsOf(labels: Readonly<Record<string, string>>): ComposeLabels | undefined {
  const project = labels[COMPOSE_LABELS.project];
  const service = labels[COMPOSE_LABELS.service];
  if (!project || !service) return undefined;
  const workingDir = labels[COMPOSE_LABELS.workingDir];
  // Compose v1 writes the names relative to the working directory, v2 absolute paths.
  const configFiles = (labels[COMPOSE_LABELS.configFiles] ?? '')
    .split(',')
    .filter((f) => f !== '')
    .map((f) => (workingDir && !f.startsWith('/') ? posix.join(workingDir, f) : f));
  const out: ComposeLabels = {
    project,
    service,
    configFiles,
    oneoff: labels[COMPOSE_LABELS.oneoff] === 'True' || labels[COMPOSE_LABELS.oneoff] === 'true',
  };
  if (workingDir) out.workingDir = workingDir;
  const number = Number.parseInt(labels[COMPOSE_LABELS.containerNumber] ?? '', 10);
  if (Number.isInteger(number)) out.containerNumber = number;
  return out;
}
