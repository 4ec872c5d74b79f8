import { dirname, isAbsolute, resolve } from 'node:path';
import { type ConfigIssue, formatIssue, issuesFromZod, parseConfigText, readConfigFile } from '@berth/config';
import { Catalog } from './catalog-schema.js';
import { parseSecrets } from './parse-secrets.js';
import { ProvisioningError } from './provisioning-error.js';

/** A validated catalog with the secret values it may use. */
export interface LoadedCatalog {
  /** Absolute path of the catalog file. */
  path: string;
  /** Absolute path of its secrets file, when it names one. */
  secretsPath: string | undefined;
  catalog: Catalog;
  /**
   * Secret values by name: the secrets file first, then the environment for names it
   * lacks. Never written into the catalog or any output; the masker is fed from it.
   */
  secrets: ReadonlyMap<string, string>;
  /** Secrets a server names that neither source has; that server fails to start with CONFIG. */
  warnings: ConfigIssue[];
}

export interface LoadCatalogOptions {
  /** Where secrets not in the secrets file come from. */
  env?: NodeJS.ProcessEnv;
}

async function readText(path: string): Promise<string> {
  const read = await readConfigFile(path);
  if (read.ok) return read.text;
  const code = read.reason === 'missing' ? 'NOT_FOUND' : 'READ_FAILED';
  throw new ProvisioningError(code, `${path}: ${read.message}`, { file: path });
}

function invalid(path: string, issues: ConfigIssue[]): ProvisioningError {
  const lines = issues.map(formatIssue).join('; ');
  return new ProvisioningError('INVALID_CONFIG', `the catalog ${path} is invalid: ${lines}`, {
    file: path,
    issues,
  });
}

/** Reads, parses and validates a catalog file and the secrets it refers to. */
export async function loadCatalog(path: string, options: LoadCatalogOptions = {}): Promise<LoadedCatalog> {
  const env = options.env ?? process.env;
  const file = resolve(path);
  const parsed = parseConfigText(await readText(file), file);
  if (parsed.errors.length > 0) throw invalid(file, parsed.errors);
  const result = Catalog.safeParse(parsed.data ?? {});
  if (!result.success)
    throw invalid(
      file,
      issuesFromZod(result.error, parsed.data, [], () => file),
    );
  const catalog = result.data;

  let fromFile = new Map<string, string>();
  let secretsPath: string | undefined;
  if (catalog.secretsFile !== undefined) {
    secretsPath = isAbsolute(catalog.secretsFile)
      ? catalog.secretsFile
      : resolve(dirname(file), catalog.secretsFile);
    fromFile = parseSecrets(await readText(secretsPath), secretsPath);
  }
  const secrets = new Map<string, string>();
  const warnings: ConfigIssue[] = [];
  for (const [server, entry] of Object.entries(catalog.servers)) {
    for (const name of secretNamesOf(entry)) {
      const value = fromFile.get(name) ?? env[name];
      if (value !== undefined && value !== '') secrets.set(name, value);
      else
        warnings.push({
          path: `servers.${server}.secrets.${name}`,
          message: 'no value in the secrets file or the environment',
          source: file,
        });
    }
  }
  return { path: file, secretsPath, catalog, secrets, warnings };
}

/** Every secret name a server uses: its `secrets` keys and `{{secrets.NAME}}` in remote headers. */
export function secretNamesOf(entry: Catalog['servers'][string]): string[] {
  const names = new Set(Object.keys(entry.secrets));
  for (const value of Object.values(entry.remote?.headers ?? {})) {
    for (const match of value.matchAll(/\{\{\s*secrets\.([A-Za-z0-9_.-]+)\s*\}\}/g))
      names.add(match[1] as string);
  }
  return [...names];
}
