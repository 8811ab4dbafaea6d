// Pairs the lines (or sentences) of a changed region that are edits of each
// other, so a character or word diff runs only where it means something and
// an unrelated deleted paragraph is not diffed against an inserted one.

// Dice similarity on character bigrams below which two lines are unrelated.
export const minSimilarity = 0.3;
// Above this many line pairs a region is not paired (pure delete + insert).
const maxPairsConsidered = 40_000;

export function bigrams(line: string): Set<number> {
  const text = line.trimEnd();
  const set = new Set<number>();
  if (text.length === 1) set.add(text.charCodeAt(0));
  for (let i = 0; i + 1 < text.length; i++) set.add(text.charCodeAt(i) * 0x10000 + text.charCodeAt(i + 1));
  return set;
}

export function dice(x: Set<number>, y: Set<number>): number {
  if (x.size === 0 || y.size === 0) return 0;
  const [small, large] = x.size <= y.size ? [x, y] : [y, x];
  let common = 0;
  for (const g of small) if (large.has(g)) common++;
  return (2 * common) / (x.size + y.size);
}

/**
 * Monotone pairs (oldIndex, newIndex) of similar lines, maximizing total
 * similarity; lines left unpaired were deleted or inserted outright.
 */
export function pairSimilarLines(oldLines: readonly string[], newLines: readonly string[]): Array<[number, number]> {
  const n = oldLines.length;
  const m = newLines.length;
  if (n === 0 || m === 0) return [];
  if (n * m > maxPairsConsidered) return [];
  const oldGrams = oldLines.map(bigrams);
  const newGrams = newLines.map(bigrams);
  const sim = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) sim[i * m + j] = dice(oldGrams[i]!, newGrams[j]!);
  // best[i][j]: best total over oldLines[i..] and newLines[j..]
  const w = m + 1;
  const best = new Float64Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      let v = Math.max(best[(i + 1) * w + j]!, best[i * w + j + 1]!);
      const s = sim[i * m + j]!;
      if (s >= minSimilarity) v = Math.max(v, s + best[(i + 1) * w + j + 1]!);
      best[i * w + j] = v;
    }
  }
  const pairs: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const here = best[i * w + j]!;
    const s = sim[i * m + j]!;
    if (s >= minSimilarity && here === s + best[(i + 1) * w + j + 1]!) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (here === best[(i + 1) * w + j]!) {
      i++;
    } else {
      j++;
    }
  }
  return pairs;
}
