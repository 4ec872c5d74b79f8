/**
 * berth's container list against the cheapest possible list: one raw
 * `GET /containers/json?all=1` over the same socket. berth must make exactly one engine
 * call however many containers there are (a peer made one inspect per container).
 */
import { request } from 'node:http';
import { listContainers as berthList, createContainer } from '@berth/engine';
import { busyboxImage, ensureImage, testLabels } from '@berth/testkit';
import Docker from 'dockerode';
import { measure, ratioLine } from './measure.js';

const SOCKET = '/var/run/docker.sock';
const COUNT = 500;
const BATCH = 25;

function rawList(): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath: SOCKET, path: '/containers/json?all=1', method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown[]));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function inBatches<T>(items: T[], fn: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += BATCH) await Promise.all(items.slice(i, i + BATCH).map(fn));
}

export const listContainers = {
  name: 'list 500 containers',
  run: async (): Promise<string[]> => {
    const docker = new Docker({ socketPath: SOCKET });
    // Count every engine call berth makes: all of them go through the modem's dial.
    const modem = docker.modem as unknown as { dial: (...args: unknown[]) => unknown };
    const dial = modem.dial.bind(modem);
    let calls = 0;
    modem.dial = (...args: unknown[]) => {
      calls++;
      return dial(...args);
    };
    const { tag } = await ensureImage(busyboxImage);
    const labels = testLabels({ 'berth.bench': 'list-containers' });
    const ids: string[] = [];
    try {
      await inBatches(
        Array.from({ length: COUNT }, (_, i) => i),
        async () => ids.push((await createContainer(docker, { image: tag, cmd: ['true'], labels })).id),
      );
      calls = 0;
      const page = await berthList(docker);
      const perList = calls;
      const raw = await rawList();
      const baseline = await measure('raw GET /containers/json?all=1', rawList);
      const berth = await measure('berth listContainers', () => berthList(docker));
      return [
        ratioLine(berth, baseline),
        `engine calls per berth list: ${perList} (containers listed: ${page.total}; raw list: ${raw.length})`,
      ];
    } finally {
      await inBatches(ids, (id) =>
        docker
          .getContainer(id)
          .remove({ force: true, v: true })
          .catch(() => {}),
      );
    }
  },
};
