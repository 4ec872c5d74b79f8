import { setTimeout as sleep } from 'node:timers/promises';
import type Docker from 'dockerode';

/** An exec this process is starting, from the gate until the exec is over. */
export interface ExecTicket {
  /** The engine created the exec: a pause now waits until its process runs. */
  created(execId: string): void;
  /** The exec is over, or was never created. */
  end(): void;
}

/** How often a pause asks whether an exec it waits for has its process yet. */
const POLL_MS = 10;

/**
 * Keeps this process's pauses from racing its own execs on one engine.
 *
 * runc 1.1 (Debian 12's engine) hangs for good when a container's cgroup is frozen while
 * an exec's `runc init` is joining it: the exec never starts, the engine holds the
 * container, and every later call on it, unpause included, waits out its deadline until
 * someone kills runc or thaws the cgroup by hand. An agent that pauses a container while
 * another of its calls execs in it (a database query, `exec`) hits this in a few tries.
 *
 * So a pause first lets every exec this process has created get its process (the engine
 * reports a pid once runc is done), and execs this process starts while a pause is on the
 * way wait for it, then find the container paused and are refused by the engine as usual.
 * Execs that other processes start are outside its reach: `pauseContainer` also waits for
 * those the engine already shows as starting, but cannot hold back one that another
 * process starts while the pause is under way.
 */
export class FreezeGuard {
  #pauses = 0;
  #creating = 0;
  readonly #execs = new Set<string>();
  #waiters: Array<() => void> = [];

  /** Waits while a pause is on the way, then counts an exec as starting. */
  async execStarting(signal: AbortSignal): Promise<ExecTicket> {
    // The last check and the count happen in one synchronous step, so no pause slips between.
    while (this.#pauses > 0) await this.#nextChange(signal);
    this.#creating++;
    let execId: string | undefined;
    let ended = false;
    return {
      created: (id) => {
        if (ended || execId !== undefined) return;
        execId = id;
        this.#creating--;
        this.#execs.add(id);
        this.#changed();
      },
      end: () => {
        if (ended) return;
        ended = true;
        if (execId === undefined) this.#creating--;
        else this.#execs.delete(execId);
        this.#changed();
      },
    };
  }

  /**
   * Runs `pause` once no exec of this process is between its creation and its process
   * running. `hasProcess` asks the engine about one exec (true when it has a pid, has
   * exited, or is gone). Aborting `signal` gives up the wait with its reason.
   */
  async freeze<T>(
    pause: () => Promise<T>,
    hasProcess: (execId: string) => Promise<boolean>,
    signal: AbortSignal,
  ): Promise<T> {
    this.#pauses++;
    try {
      // New execs wait from here on, so the count only falls.
      while (this.#creating > 0) await this.#nextChange(signal);
      for (const execId of [...this.#execs]) {
        while (this.#execs.has(execId) && !(await hasProcess(execId)))
          await sleep(POLL_MS, undefined, { signal });
      }
      return await pause();
    } finally {
      this.#pauses--;
      this.#changed();
    }
  }

  #changed(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }

  /** Resolves at the next change of counts; rejects with the signal's reason when it aborts first. */
  #nextChange(signal: AbortSignal): Promise<void> {
    signal.throwIfAborted();
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      this.#waiters.push(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      });
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}

const guards = new WeakMap<Docker, FreezeGuard>();

/** The guard of one engine client: every call through it shares it. */
export function freezeGuardOf(docker: Docker): FreezeGuard {
  let guard = guards.get(docker);
  if (!guard) {
    guard = new FreezeGuard();
    guards.set(docker, guard);
  }
  return guard;
}
