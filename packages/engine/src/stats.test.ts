import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeStats, type RawStats } from './stats.js';

function fixture(name: string): RawStats {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as RawStats;
}

describe('computeStats', () => {
  it('computes CPU% and memory like the docker CLI from a recorded cgroup v1 sample', () => {
    // Recorded from this engine (cgroup v1) with a busy-looping busybox container.
    const s = computeStats(fixture('stats-cgroup-v1.json'));
    // (3031035998 - 2034916016) / (2889420000000 - 2887440000000) * 2 CPUs * 100
    expect(s.cpuPercent).toBeCloseTo(((3031035998 - 2034916016) / 1980000000) * 2 * 100, 6);
    expect(s.onlineCpus).toBe(2);
    // usage - total_inactive_file
    expect(s.memoryBytes).toBe(1839104 - 1089536);
    expect(s.memoryLimitBytes).toBe(25276502016);
    expect(s.memoryPercent).toBeCloseTo(((1839104 - 1089536) / 25276502016) * 100, 9);
    expect(s.networkRxBytes).toBe(736);
    expect(s.pids).toBe(1);
  });

  it('uses inactive_file on cgroup v2 and sums networks and block I/O', () => {
    const s = computeStats(fixture('stats-cgroup-v2.json'));
    expect(s.cpuPercent).toBeCloseTo((250000000 / 4000000000) * 4 * 100, 9);
    expect(s.memoryBytes).toBe(10485760 - 2097152);
    expect(s.memoryPercent).toBeCloseTo(8, 9);
    expect(s.networkRxBytes).toBe(1024);
    expect(s.networkTxBytes).toBe(256);
    expect(s.blockReadBytes).toBe(4096);
    expect(s.blockWriteBytes).toBe(8192);
    expect(s.pids).toBe(3);
  });

  it('counts CPUs from percpu_usage when online_cpus is missing', () => {
    const raw = fixture('stats-cgroup-v1.json');
    delete raw.cpu_stats?.online_cpus;
    expect(computeStats(raw).onlineCpus).toBe(2);
  });

  it('reports 0% CPU without a previous sample and full usage without a cache figure', () => {
    const s = computeStats({
      cpu_stats: { cpu_usage: { total_usage: 100 }, system_cpu_usage: 1000, online_cpus: 1 },
      precpu_stats: {},
      memory_stats: { usage: 5000, limit: 0, stats: {} },
    });
    expect(s.cpuPercent).toBeGreaterThan(0);
    const first = computeStats({
      cpu_stats: { cpu_usage: { total_usage: 100 }, online_cpus: 1 },
      memory_stats: { usage: 5000 },
    });
    expect(first.cpuPercent).toBe(0);
    expect(first.memoryBytes).toBe(5000);
    expect(first.memoryPercent).toBe(0);
  });

  it('keeps the usage when the cache figure is not below it', () => {
    const s = computeStats({
      memory_stats: { usage: 100, limit: 1000, stats: { total_inactive_file: 500 } },
    });
    expect(s.memoryBytes).toBe(100);
  });
});
