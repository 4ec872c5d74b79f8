import { DebouncedFileWatch } from '@berth/config';
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
  readonly #watch: DebouncedFileWatch<ProvisioningError>;
  readonly #change = new Set<Listener<LoadedCatalog>>();
  readonly #error = new Set<Listener<ProvisioningError>>();

  constructor(
    initial: LoadedCatalog,
    private readonly options: WatchCatalogOptions,
  ) {
    this.#current = initial;
    this.#watch = new DebouncedFileWatch({
      debounceMs: options.debounceMs,
      reload: () => this.#reloadOnce(),
      watchError: (message, cause) => new ProvisioningError('WATCH_FAILED', message, {}, { cause }),
      onError: (error) => this.#emitError(error),
    });
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
    const paths = [this.#current.path];
    if (this.#current.secretsPath) paths.push(this.#current.secretsPath);
    this.#watch.start(paths);
  }

  /** Reloads now; calls during a reload fold into one more run so the last state wins. */
  reload(): Promise<void> {
    return this.#watch.reload();
  }

  async #reloadOnce(): Promise<void> {
    try {
      const next = await loadCatalog(this.#current.path, this.options);
      if (this.#watch.closed) return;
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

  close(): Promise<void> {
    return this.#watch.close();
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
