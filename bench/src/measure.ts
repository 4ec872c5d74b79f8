/** Timing helpers for benchmarks: medians of repeated samples, ratios against a baseline. */

export interface Sample {
  name: string;
  medianMs: number;
  samples: number[];
}

/** Runs `fn` `warmup` times unmeasured, then `runs` times; returns the median. */
export async function measure(
  name: string,
  fn: () => Promise<unknown>,
  runs = 15,
  warmup = 2,
): Promise<Sample> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const medianMs = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  return { name, medianMs, samples };
}

/** One line: `name: 12.3 ms (median of 15) = 0.42x baseline (29.1 ms)`. */
export function ratioLine(sample: Sample, baseline: Sample, target?: string): string {
  const ratio = sample.medianMs / baseline.medianMs;
  const goal = target ? `  [target ${target}]` : '';
  return `${sample.name}: ${sample.medianMs.toFixed(1)} ms (median of ${sample.samples.length}) = ${ratio.toFixed(2)}x ${baseline.name} (${baseline.medianMs.toFixed(1)} ms)${goal}`;
}
