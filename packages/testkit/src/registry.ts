import { startContainer, type TestContainer } from './container.js';
import { ensureImage } from './fixture-image.js';
import { busyboxImage } from './fixtures/busybox-image.js';
import { registryImage } from './fixtures/registry-image.js';
import { testRunId } from './labels.js';
import { runCommand } from './run-command.js';
import { waitUntil } from './wait-until.js';

/** A local registry on 127.0.0.1 with one test image pushed to it. */
export class TestRegistry implements AsyncDisposable {
  constructor(
    readonly container: TestContainer,
    /** `127.0.0.1:<port>`: the engine treats loopback registries as insecure-allowed. */
    readonly address: string,
    /** A small image pushed at start, e.g. `127.0.0.1:5000/berth-test/busybox:<run>`. */
    readonly testImage: string,
  ) {}

  /** Tags a local image into this registry and pushes it; returns the pushed reference. */
  async push(localTag: string, repository: string, tag: string): Promise<string> {
    const ref = `${this.address}/${repository}:${tag}`;
    await runCommand(['docker', 'tag', localTag, ref], { timeoutMs: 30_000 });
    await runCommand(['docker', 'push', ref], { timeoutMs: 5 * 60_000 });
    return ref;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await runCommand(['docker', 'image', 'rm', '--force', this.testImage], {
      timeoutMs: 60_000,
      check: false,
    });
    await this.container.remove();
  }
}

export async function startRegistry(): Promise<TestRegistry> {
  const [{ tag }, busybox] = [await ensureImage(registryImage), await ensureImage(busyboxImage)];
  const container = await startContainer({ image: tag, ports: [5000] });
  try {
    const address = `127.0.0.1:${container.hostPort(5000)}`;
    await waitUntil(
      `registry at ${address}`,
      async () => {
        // docker-proxy accepts before the registry listens; a request can then hang, so cap each one.
        const response = await fetch(`http://${address}/v2/`, { signal: AbortSignal.timeout(2000) });
        return response.status === 200;
      },
      {
        timeoutMs: 30_000,
      },
    );
    const registry = new TestRegistry(container, address, '');
    const testImage = await registry.push(busybox.tag, 'berth-test/busybox', testRunId());
    return new TestRegistry(container, address, testImage);
  } catch (error) {
    await container.remove();
    throw error;
  }
}
