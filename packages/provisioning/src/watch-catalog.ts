import { type FSWatcher, watch } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Logger } from 'pino';
import { type LoadCatalogOptions, type LoadedCatalog, loadCatalog } from './load-catalog.js';
import { ProvisioningError } from './provisioning-error.js';

export interface WatchCatalogOptions extends LoadCatalogOptions {
  logger?: Logger;
  /** Quiet time after the last file event before reloading; editors write in bursts. Default 150 ms. */
  debounceMs?: number;
}

type Listener<T> = (value: T) => void;

/**
 * A catalog that reloads when its file (or its secrets file) changes. A valid reload
 * emits `change` with the new catalog; an invalid one emits `error` (RELOAD_FAILED) and
 * `current` stays the last good catalog.
 */
export class CatalogWatcher implements AsyncDisposable {
  #current: LoadedCatalog;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #closed = false;
  readonly #watchers: FSWatcher[] = [];
  readonly #change = new Set<Listener<LoadedCatalog>>();
  readonly #error = new Set<Listener<ProvisioningError>>();

  constructor(
    initial: LoadedCatalog,
    private readonly options: WatchCatalogOptions,
  ) {
    this.#current = initial;
  }

  get current(): LoadedCatalog {
    return this.#current;
  }

  on(event: 'change', listener: Listener<LoadedCatalog>): () => void;
  on(event: 'error', listener: Listener<ProvisioningError>): () => void;
  on(event: 'change' | 'error', listener: Listener<never>): () => void {
    const set = (event === 'change' ? this.#change : this.#error) as Set<Listener<never>>;
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Watches the catalog's folder (so an editor's rename-over-write is seen) and the secrets file's. */
  start(): void {
    const dirs = new Map<string, Set<string>>();
    const add = (path: string) => {
      const names = dirs.get(dirname(path)) ?? new Set<string>();
      dirs.set(dirname(path), names.add(basename(path)));
    };
    add(this.#current.path);
    if (this.#current.secretsPath) add(this.#current.secretsPath);
    for (const [dir, names] of dirs) {
      try {
        const watcher = watch(dir, { persistent: false }, (_event, name) => {
          if (name === null || names.has(name.toString())) this.#schedule();
        });
        watcher.on('error', (error) =>
          this.#emitError(
            new ProvisioningError('WATCH_FAILED', `watching ${dir}: ${error.message}`, {}, { cause: error }),
          ),
        );
        this.#watchers.push(watcher);
      } catch (error) {
        void this.close();
        throw new ProvisioningError(
          'WATCH_FAILED',
          `cannot watch ${dir}: ${(error as Error).message}`,
          {},
          { cause: error },
        );
      }
    }
  }

  #schedule(): void {
    if (this.#closed) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.reload(), this.options.debounceMs ?? 150);
  }

  /** Reloads now; calls during a reload fold into one more run so the last state wins. */
  reload(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      do {
        this.#again = false;
        try {
          const next = await loadCatalog(this.#current.path, this.options);
          if (this.#closed) return;
          this.#current = next;
          this.options.logger?.info({ servers: Object.keys(next.catalog.servers) }, 'catalog reloaded');
          for (const listener of this.#change) this.#call(() => listener(next));
        } catch (error) {
          const cause = error as Error;
          this.#emitError(
            new ProvisioningError(
              'RELOAD_FAILED',
              `catalog not reloaded, keeping the last good one: ${cause.message}`,
              { file: this.#current.path },
              { cause },
            ),
          );
        }
      } while (this.#again && !this.#closed);
      this.#running = undefined;
    })();
    return this.#running;
  }

  #emitError(error: ProvisioningError): void {
    this.options.logger?.warn({ code: error.code }, error.message);
    for (const listener of this.#error) this.#call(() => listener(error));
  }

  #call(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.options.logger?.error({ err: error }, 'catalog listener threw');
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    for (const watcher of this.#watchers.splice(0)) watcher.close();
    await this.#running;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}

/** Loads the catalog (which must be valid) and watches it for changes. */
export async function watchCatalog(path: string, options: WatchCatalogOptions = {}): Promise<CatalogWatcher> {
  const watcher = new CatalogWatcher(await loadCatalog(path, options), options);
  watcher.start();
  return watcher;
}
