import {
  baseImage,
  busyboxImage,
  dockerClient,
  ensureImage,
  type RemoteHost,
  runContainer,
  startContainer,
  startRemoteHost,
} from '@berth/testkit';
import type { FuzzBed } from './fuzz-bed.test-support.js';
import { FIXTURE_LABEL } from './fuzz-labels.test-support.js';

// PID 1 ignores SIGTERM unless it traps it: without the trap every stop waits out its
// grace. `wait` returns on the signal, so a stop takes no longer than the engine needs.
const IDLE = ['sh', '-c', 'trap "exit 0" TERM; while :; do sleep 60 & wait $!; done'];

/**
 * The fuzz's own objects on both engines (two idle containers on a network of theirs,
 * with a volume), the ids calls may use, and the program names in the fixture images.
 */
export async function startFixtures(bed: FuzzBed): Promise<void> {
  const docker = dockerClient();
  const busybox = (await ensureImage(busyboxImage)).tag;
  const base = (await ensureImage(baseImage)).tag;
  bed.images = [busybox, base];
  bed.remote = await startRemoteHost();
  await bed.remote.loadImage(busybox);
  const { containers, network, volume } = bed.names;

  const net = await docker.createNetwork({ Name: network, Labels: bed.fixtureLabels });
  await docker.createVolume({ Name: volume, Labels: bed.fixtureLabels });
  for (const name of containers) {
    bed.local.push(
      await startContainer({
        image: busybox,
        name,
        cmd: IDLE,
        labels: { [FIXTURE_LABEL]: bed.run },
        hostConfig: { NetworkMode: network, Binds: [`${volume}:/data`] },
      }),
    );
  }
  const labelFlags = Object.entries(bed.fixtureLabels).flatMap(([k, v]) => ['--label', `${k}=${v}`]);
  const remoteIds = await onRemote(bed.remote, [
    ['network', 'create', ...labelFlags, network],
    ['volume', 'create', ...labelFlags, volume],
    ...containers.map((name) => [
      'run',
      '-d',
      '--name',
      name,
      ...labelFlags,
      '--network',
      network,
      '-v',
      `${volume}:/data`,
      busybox,
      ...IDLE,
    ]),
  ]);
  bed.remoteContainerIds = remoteIds.slice(2);
  bed.imageIds = await Promise.all(bed.images.map(async (tag) => (await docker.getImage(tag).inspect()).Id));
  bed.ownIds = [...bed.local.map((c) => c.id), net.id, ...remoteIds, ...bed.imageIds].map((id) =>
    id.replace(/^sha256:/, '').toLowerCase(),
  );

  const programs = await runContainer({ image: busybox, cmd: ['busybox', '--list'] });
  const binaries = await runContainer({
    image: base,
    cmd: ['sh', '-c', 'ls /bin /usr/bin /sbin /usr/sbin /usr/local/bin /usr/local/sbin 2>/dev/null'],
  });
  bed.programs = new Set(
    `${programs.stdout}\n${binaries.stdout}`.split(/\s+/).filter((p) => /^[\w.+-]+$/.test(p)),
  );
}

/** Runs docker commands on the remote engine; returns what each printed (ids). */
async function onRemote(remote: RemoteHost, commands: string[][]): Promise<string[]> {
  const out: string[] = [];
  for (const argv of commands) {
    const result = await remote.ssh(['docker', ...argv]);
    if (result.exitCode !== 0) throw new Error(`remote docker ${argv[0]}: ${result.stderr}`);
    out.push(result.stdout.trim());
  }
  return out;
}
