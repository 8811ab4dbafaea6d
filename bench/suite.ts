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

/** Deterministic PRNG (mulberry32) in [0, 1), so every run measures the same inputs. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
