import type { FuzzBed } from './fuzz-bed.test-support.js';
import { MADE_LABEL } from './fuzz-labels.test-support.js';

const SWEEP_REMOTE = `
run=$1; prefix=$2; FIXTURES=$3; shift 3
for c in $(docker ps -aq --filter "label=${MADE_LABEL}=$run"); do
  docker diff "$c" 2>/dev/null | grep -F "$prefix" | sed "s|^|remote container $c: |"
  docker rm -fv "$c" >/dev/null 2>&1
done
for n in $(docker network ls -q --filter "label=${MADE_LABEL}=$run"); do
  for c in $(docker network inspect -f '{{range $k, $v := .Containers}}{{$k}} {{end}}' "$n") $FIXTURES; do
    docker network disconnect -f "$n" "$c" >/dev/null 2>&1
  done
  docker network rm "$n" >/dev/null 2>&1
done
for v in $(docker volume ls -q --filter "label=${MADE_LABEL}=$run"); do docker volume rm "$v" >/dev/null 2>&1; done
for t in "$@"; do docker rmi --no-prune "$t" >/dev/null 2>&1; done
true
`;

const REVIVE_REMOTE = 'for c in "$@"; do docker unpause "$c"; docker start "$c"; done >/dev/null 2>&1; true';

/**
 * Removes what fuzz calls made on the remote engine (one SSH login for all of it),
 * looking into each container for canaries first; takes back the tags calls added.
 * Returns the canaries found.
 */
export async function sweepRemoteEngine(bed: FuzzBed, tags: string[]): Promise<string[]> {
  const fixtures = bed.names.containers.join(' ');
  const argv = ['sh', '-c', SWEEP_REMOTE, 'sh', bed.run, bed.canaries.prefix, fixtures, ...tags];
  const result = await bed.remote.ssh(argv);
  return result.stdout.split('\n').filter((l) => l.trim() !== '');
}

/** Unpauses and starts the remote fixtures (failures show in the final canary search). */
export async function reviveRemoteFixtures(bed: FuzzBed): Promise<void> {
  await bed.remote.ssh(['sh', '-c', REVIVE_REMOTE, 'sh', ...bed.names.containers]);
}
