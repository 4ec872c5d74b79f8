import { type FSWatcher, watch } from 'node:fs';
import { basename, dirname } from 'node:path';

export interface DebouncedFileWatchOptions<E extends Error> {
  /** Quiet time after the last file event before reloading; editors write in bursts. Default 150 ms. */
  debounceMs?: number;
  /** One reload; it reports its own failures. */
  reload: () => Promise<void>;
  /** The caller's WATCH_FAILED error, for a folder that cannot be watched or whose watcher fails. */
  watchError: (message: string, cause: Error) => E;
  /** A folder's watcher failed after it started. */
  onError: (error: E) => void;
  /** A folder is now watched for these file names. */
  onWatching?: (dir: string, names: string[]) => void;
}

/**
 * Watches files through their folders (so an editor's rename-over-write is seen) and
 * runs `reload` once the events stop for `debounceMs`. The reloading half of a config or
 * catalog watcher; what a reload means, and its events, stay with the caller.
 */
export class DebouncedFileWatch<E extends Error> {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #closed = false;
  readonly #watchers: FSWatcher[] = [];

  constructor(private readonly options: DebouncedFileWatchOptions<E>) {}

  /** True once `close` was called: a reload that ends after it must not publish. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Starts watching the folders of `paths`; one that cannot be watched closes the watch and throws. */
  start(paths: Iterable<string>): void {
    const byDir = new Map<string, Set<string>>();
    for (const path of paths) {
      const names = byDir.get(dirname(path)) ?? new Set<string>();
      byDir.set(dirname(path), names.add(basename(path)));
    }
    for (const [dir, names] of byDir) {
      try {
        const watcher = watch(dir, { persistent: false }, (_event, name) => {
          if (name === null || names.has(name.toString())) this.#schedule();
        });
        watcher.on('error', (error) =>
          this.options.onError(this.options.watchError(`watching ${dir}: ${error.message}`, error)),
        );
        this.#watchers.push(watcher);
        this.options.onWatching?.(dir, [...names]);
      } catch (error) {
        void this.close();
        throw this.options.watchError(`cannot watch ${dir}: ${(error as Error).message}`, error as Error);
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
        await this.options.reload();
      } while (this.#again && !this.#closed);
      this.#running = undefined;
    })();
    return this.#running;
  }

  /** Stops watching and waits for a reload under way. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    for (const watcher of this.#watchers.splice(0)) watcher.close();
    await this.#running;
  }
}
