import { describe, expect, it } from 'vitest';
import { engineSummaryRow, statsRow } from './engine-rows.js';

describe('statsRow', () => {
  it('reads like docker stats: CPU % of one CPU, used / limit, rx / tx, read / written', () => {
    const row = statsRow({
      cpuPercent: 150.04,
      onlineCpus: 2,
      memoryBytes: 12_345_678,
      memoryLimitBytes: 2_000_000_000,
      memoryPercent: 0.617,
      networkRxBytes: 1_500,
      networkTxBytes: 0,
      blockReadBytes: 4_096,
      blockWriteBytes: 1_000_000,
      pids: 3,
    });
    expect(row).toEqual({
      cpuPercent: 150,
      mem: '12.35MB / 2GB',
      memPercent: 0.6,
      net: '1.5kB / 0B',
      block: '4.096kB / 1MB',
      pids: 3,
    });
  });
});

describe('engineSummaryRow', () => {
  it('types the untyped /info answer, a missing field reading as empty', () => {
    const row = engineSummaryRow({
      Name: 'box',
      Containers: 3,
      ContainersRunning: 1,
      NCPU: 2,
      MemTotal: 8_000_000_000,
    });
    expect(row).toMatchObject({
      name: 'box',
      containers: 3,
      running: 1,
      stopped: 0,
      cpus: 2,
      memory: '8GB',
      driver: '',
    });
  });
});
