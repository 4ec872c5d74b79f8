/** A named volume the stack mounts, to be recreated on the target and filled. */
export interface PlannedVolume {
  name: string;
  /** Only `local` without options moves (other storage would not be a copy). */
  driver: string;
  /** Its labels on the source (compose's among them), given to the new volume as they are. */
  labels: Record<string, string>;
  /** Bytes on the source as the engine counts them; null when the driver cannot tell. */
  sizeBytes: number | null;
  /** An image on the source that mounts it, used for the stopped helper containers. */
  helperImage: string;
  /** A volume of that name exists on the target already (a blocker). */
  existsOnTarget: boolean;
}

/** A host path the stack binds, copied to the same path on the target. */
export interface PlannedBind {
  path: string;
  helperImage: string;
  /** Inside the source profile's bindRoots and the target's. */
  allowed: boolean;
  /** The path exists on the target already (a blocker: berth never merges into it). */
  existsOnTarget: boolean;
}

export interface PlannedImage {
  ref: string;
  /** Image id on the source. */
  id: string;
  sizeBytes: number;
  /** Absent on the target: moved there through berth (`save` into `load`). */
  missingOnTarget: boolean;
}

export interface PlannedPort {
  service: string;
  hostIp: string;
  hostPort: number;
  protocol: string;
  /** A running container on the target publishes it already (a blocker). */
  conflict?: string;
}

export interface PlannedFile {
  /** Absolute path on the source; the same path on the target. */
  path: string;
  existsOnTarget: boolean;
}

export interface PlannedContainer {
  id: string;
  name: string;
  service: string;
  image: string;
  /** Running on the source when planned: these are stopped, and restarted on rollback. */
  running: boolean;
}

export type MigrationStep =
  | 'stop-source'
  | 'copy-images'
  | 'copy-volumes'
  | 'copy-binds'
  | 'copy-files'
  | 'start-target';

/**
 * What a migration of one compose stack from `source` to `target` will do, found without
 * changing anything. Plain data: it can be shown, stored, hashed for a confirmation token
 * and handed to `runMigration`. `blockers` lists why it cannot run; empty when it can.
 */
export interface MigrationPlan {
  /** sha256 of the plan's facts: equal plans, equal ids. */
  id: string;
  project: string;
  source: string;
  target: string;
  /** The project directory; the same path on the target. */
  directory: string;
  /** Compose files, as given to compose on the target. */
  composeFiles: string[];
  containers: PlannedContainer[];
  volumes: PlannedVolume[];
  binds: PlannedBind[];
  images: PlannedImage[];
  ports: PlannedPort[];
  files: PlannedFile[];
  /** Bytes of volumes that report a size, and of images that move. */
  knownBytes: number;
  steps: MigrationStep[];
  blockers: string[];
}
