/** A benchmark suite: measures one area and compares with its named target or peer. */
export interface BenchSuite {
  name: string;
  /** Returns plain JSON: measured figures, the targets and whether each is met. */
  run(): Promise<Record<string, unknown>>;
}

/** Median wall time of `fn` over `runs` runs after `warmup` unmeasured ones, in ms. */
export async function medianMs(fn: () => unknown, runs = 7, warmup = 2): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return +times[Math.floor(times.length / 2)]!.toFixed(3);
}
