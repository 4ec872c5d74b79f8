import { readFile } from 'node:fs/promises';
import { dockerClient, testLabels, testRunId } from '@berth/testkit';
import { CLIENT_NAME } from './bin-client.js';

let counter = 0;

/** A name no other test (or run) uses. */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `berth-${prefix}-${testRunId()}-${counter}`;
}

function ignoreNotFound(error: unknown): void {
  if ((error as { statusCode?: number }).statusCode !== 404) throw error;
}

/** A labelled volume, removed on dispose (whether or not a test removed it first). */
export async function testVolume(extra: Record<string, string> = {}) {
  const name = uniqueName('vol');
  await dockerClient().createVolume({ Name: name, Labels: testLabels(extra) });
  return {
    name,
    exists: () => volumeExists(name),
    [Symbol.asyncDispose]: () => dockerClient().getVolume(name).remove({ force: true }).catch(ignoreNotFound),
  };
}

/** A labelled network, removed on dispose. */
export async function testNetwork(extra: Record<string, string> = {}) {
  const name = uniqueName('net');
  await dockerClient().createNetwork({ Name: name, Labels: testLabels(extra), CheckDuplicate: true });
  return {
    name,
    exists: () => networkExists(name),
    [Symbol.asyncDispose]: () => dockerClient().getNetwork(name).remove().catch(ignoreNotFound),
  };
}

export async function volumeExists(name: string): Promise<boolean> {
  return dockerClient()
    .getVolume(name)
    .inspect()
    .then(
      () => true,
      () => false,
    );
}

export async function networkExists(name: string): Promise<boolean> {
  return dockerClient()
    .getNetwork(name)
    .inspect()
    .then(
      () => true,
      () => false,
    );
}

export async function containerExists(id: string): Promise<boolean> {
  return dockerClient()
    .getContainer(id)
    .inspect()
    .then(
      () => true,
      () => false,
    );
}

export async function imageExists(ref: string): Promise<boolean> {
  return dockerClient()
    .getImage(ref)
    .inspect()
    .then(
      () => true,
      () => false,
    );
}

/** One audit line of a call made through the test client (as `auditLines` reads it). */
export function auditEntry(
  tool: string,
  action: string,
  target: string,
  outcome: string,
  host = 'local',
): Record<string, unknown> {
  return { via: 'mcp', caller: CLIENT_NAME, host, tool, action, target, outcome };
}

/** The audit log's entries, without their times. */
export async function auditLines(path: string): Promise<Record<string, unknown>[]> {
  const text = await readFile(path, 'utf8').catch(() => '');
  return text
    .trim()
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => {
      const { time: _t, ...rest } = JSON.parse(l) as Record<string, unknown>;
      return rest;
    });
}
