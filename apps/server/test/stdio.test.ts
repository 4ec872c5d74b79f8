import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { bin, binClient, textOf } from './bin-client.js';

// No Docker in the environment at all: the server must still answer.
const NO_DOCKER = { DOCKER_HOST: 'unix:///nonexistent.sock' };

describe('berth-mcp over stdio (the built bin)', () => {
  it('answers the 2025 initialize handshake without touching Docker', async () => {
    await using client = await binClient({ env: NO_DOCKER });
    expect(client.getServerVersion()?.name).toBe('berth');
    expect(client.getNegotiatedProtocolVersion()).toMatch(/^2025-/);
  });

  it('negotiates the 2026-07-28 protocol with a modern client', async () => {
    await using client = await binClient({ env: NO_DOCKER, negotiation: 'auto' });
    expect(client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
  });

  it('lists tools with titles and all four hints, without an engine', async () => {
    await using client = await binClient({ env: NO_DOCKER });
    const { tools } = await client.listTools();
    expect(tools.length).toBeGreaterThan(0);
    for (const tool of tools) {
      expect(tool.title).toBeTruthy();
      expect(Object.keys(tool.annotations ?? {}).sort()).toEqual([
        'destructiveHint',
        'idempotentHint',
        'openWorldHint',
        'readOnlyHint',
      ]);
      expect(tool.outputSchema?.type).toBe('object');
    }
  });

  it('--read-only lists only read-only tools', async () => {
    await using client = await binClient({ env: NO_DOCKER, args: ['--read-only'] });
    const { tools } = await client.listTools();
    expect(tools.length).toBeGreaterThan(0);
    expect(tools.every((t) => t.annotations?.readOnlyHint === true)).toBe(true);
  });

  it('says which host is unreachable and why, in one line', async () => {
    await using client = await binClient({ env: NO_DOCKER });
    const result = await client.callTool({ name: 'read', arguments: { action: 'version' } });
    expect(result.isError).toBe(true);
    const text = textOf(result);
    expect(text).toMatch(
      /^local: .*engine socket does not exist.* at \/nonexistent\.sock.*; check that the engine runs/,
    );
    expect(text).not.toContain('\n');
  });

  it('lists hosts without touching the engine', async () => {
    await using client = await binClient({ env: NO_DOCKER });
    const result = await client.callTool({ name: 'read', arguments: { action: 'hosts' } });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({
      rows: [{ host: 'local', type: 'local', default: true, readOnly: false, confirm: true }],
    });
  });
});

describe('berth-mcp command line', () => {
  it('prints its version and help, and refuses unknown flags with exit code 2', () => {
    const version = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
    expect(version.status).toBe(0);
    expect(version.stdout).toMatch(/^berth-mcp \d+\.\d+\.\d+/);
    const help = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    for (const flag of ['--read-only', '--tools <sets>', '--no-confirm']) expect(help.stdout).toContain(flag);
    const bad = spawnSync(process.execPath, [bin, '--nope'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain("Unknown option '--nope'");
  });

  it('refuses an unknown or empty toolset with exit code 2, naming the toolsets', () => {
    const unknown = spawnSync(process.execPath, [bin, '--tools', 'docker,nope'], { encoding: 'utf8' });
    expect(unknown.status).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain("Unknown toolset 'nope'; toolsets: docker, hosts, compose, db");
    const empty = spawnSync(process.execPath, [bin, '--tools', ','], { encoding: 'utf8' });
    expect(empty.status).toBe(2);
    expect(empty.stderr).toContain('--tools needs at least one toolset name');
  });
});
