/**
 * The resolved shape of a compose project: what `docker compose config` prints, as data.
 * Every value is interpolated, every short syntax is in its long form, every relative path
 * is absolute, and several files are merged the way compose merges them.
 */

/** What a service is, from its image, command, environment and ports. */
export type ServiceKind = 'postgres' | 'mysql' | 'mariadb' | 'redis' | 'mongo' | 'sqlite' | 'web' | 'other';

/** One published or exposed port, in compose's long syntax. */
export interface ServicePort {
  /** The port inside the container. */
  target: number;
  /** The host port or range (`8080`, `8080-8081`); absent when the engine picks one. */
  published?: string;
  /** The host address the port binds to (`127.0.0.1`); absent for every address. */
  hostIp?: string;
  protocol: string;
  mode?: string;
}

/** One mount of a service, in compose's long syntax. */
export interface ServiceVolume {
  type: 'volume' | 'bind' | 'tmpfs' | 'npipe' | 'image' | 'cluster';
  /** Named volume key (type volume), absolute host path (type bind); absent for anonymous volumes and tmpfs. */
  source?: string;
  /** The path inside the container. */
  target: string;
  readOnly: boolean;
}

export interface ComposeService {
  name: string;
  /** The image to run; absent when the service is only built. */
  image?: string;
  /** Build context (absolute) and Dockerfile, when the service is built. */
  build?: { context: string; dockerfile?: string };
  kind: ServiceKind;
  /** `command` as argv, when set. */
  command?: string[];
  ports: ServicePort[];
  /**
   * The container's environment as compose resolves it: `env_file` files in order, then
   * `environment` on top. A variable listed without a value takes it from the interpolation
   * environment, or is absent when that has none. Holds secrets: mask before showing.
   */
  environment: Record<string, string>;
  /** Absolute paths of the service's `env_file` files, in order. */
  envFiles: string[];
  volumes: ServiceVolume[];
  labels: Record<string, string>;
  dependsOn: string[];
  /** Profiles the service belongs to; empty means it always starts. */
  profiles: string[];
  containerName?: string;
}

/** A top-level volume, network, secret or config entry. */
export interface ComposeResource {
  /** The key in the file. */
  key: string;
  /** The engine's name (`<project>_<key>` unless `name` or `external` says otherwise). */
  name: string;
  external: boolean;
}

/** The merged, interpolated, normalised compose document (snake_case keys, as compose writes it). */
export type ComposeModel = Record<string, unknown> & {
  name: string;
  services: Record<string, Record<string, unknown>>;
};

export interface ComposeProject {
  /** The project name, derived the way compose derives it. */
  name: string;
  /** Where the name came from. */
  nameSource: 'option' | 'env' | 'dotenv' | 'file' | 'directory';
  /** Absolute project directory: relative paths in the files resolve against it. */
  workingDir: string;
  /** Absolute paths of the compose files, in merge order (overrides last). */
  files: string[];
  /** The `.env` file that fed interpolation, when one exists. */
  dotEnvFile?: string;
  /**
   * The values of `.env` as compose reads them (database adapters take credentials from
   * here). Holds secrets: mask before showing.
   */
  dotEnv: Record<string, string>;
  model: ComposeModel;
  services: ComposeService[];
  /** Services left out because none of their profiles is active. */
  inactiveServices: string[];
  volumes: ComposeResource[];
  networks: ComposeResource[];
}
