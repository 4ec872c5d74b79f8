import type { ConfigIssue } from './config-issue.js';

export interface EnvSettings {
  /** BERTH_DEFAULT_PROFILE: the default profile when no file names one. */
  defaultProfile?: string;
  /** BERTH_READ_ONLY: every profile becomes read-only. */
  readOnly: boolean;
  /** BERTH_DOCKER_HOST, else DOCKER_HOST: shapes the implicit `local` profile. */
  dockerHost?: string;
  warnings: ConfigIssue[];
}

const TRUE = new Set(['1', 'true', 'yes', 'on']);
const FALSE = new Set(['', '0', 'false', 'no', 'off']);

/** Reads the BERTH_* settings; an unclear BERTH_READ_ONLY counts as on, because that is the safe reading. */
export function readEnvSettings(env: NodeJS.ProcessEnv): EnvSettings {
  const warnings: ConfigIssue[] = [];
  const rawReadOnly = (env.BERTH_READ_ONLY ?? '').trim().toLowerCase();
  let readOnly = TRUE.has(rawReadOnly);
  if (!readOnly && !FALSE.has(rawReadOnly)) {
    readOnly = true;
    warnings.push({
      path: 'BERTH_READ_ONLY',
      message: `unclear value ${JSON.stringify(env.BERTH_READ_ONLY)}, treated as on; use 1 or 0`,
      source: 'env',
    });
  }
  const defaultProfile = env.BERTH_DEFAULT_PROFILE?.trim() || undefined;
  const dockerHost = env.BERTH_DOCKER_HOST?.trim() || env.DOCKER_HOST?.trim() || undefined;
  return {
    readOnly,
    warnings,
    ...(defaultProfile ? { defaultProfile } : {}),
    ...(dockerHost ? { dockerHost } : {}),
  };
}
