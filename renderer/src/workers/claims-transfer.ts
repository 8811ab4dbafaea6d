/**
 * How a whole-text detection travels from the claims worker to the editor:
 * in columns of typed arrays (moved, not copied) and small string tables,
 * because structured-cloning tens of thousands of claim objects would block
 * the page for longer than the detection saved. The claim's words are not
 * sent: the editor slices them from its own copy of the line.
 */
import { claimKinds, type ClaimLines, type DetectedClaim } from '../../../shared/claims/index.js';

export interface DetectionRequest {
  seq: number;
  text: string;
  dollarCurrency?: string;
}

export interface EncodedDetection {
  seq: number;
  dollar: string;
  /** Distinct contexts lines hand on, and which one each line hands on. */
  contexts: ClaimLines['after'][number][];
  after: Int32Array;
  /** Claims per line, in line order. */
  counts: Int32Array;
  /** Per claim: start, end, sentence start, sentence end (relative to the line). */
  spans: Int32Array;
  kinds: Uint8Array;
  /** NaN where the value is null. */
  values: Float64Array;
  /** Per claim: indices into `strings` of unit, approx, direction, basePeriod; -1 for none. */
  words: Int32Array;
  strings: string[];
}

/** Packs `detectLines`' result (claims with absolute offsets) for the trip to the page. */
export function encodeDetection(seq: number, text: string, lines: ClaimLines, claims: DetectedClaim[]): EncodedDetection {
  const contexts: EncodedDetection['contexts'] = [];
  const contextIndex = new Map<unknown, number>();
  const after = new Int32Array(lines.after.length);
  lines.after.forEach((ctx, i) => {
    let k = contextIndex.get(ctx);
    if (k === undefined) contextIndex.set(ctx, (k = contexts.push(ctx) - 1));
    after[i] = k;
  });
  const counts = new Int32Array(lines.after.length);
  const spans = new Int32Array(claims.length * 4);
  const kinds = new Uint8Array(claims.length);
  const values = new Float64Array(claims.length);
  const words = new Int32Array(claims.length * 4);
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const word = (s: string | null | undefined) => {
    if (s === null || s === undefined) return -1;
    let k = stringIndex.get(s);
    if (k === undefined) stringIndex.set(s, (k = strings.push(s) - 1));
    return k;
  };
  let line = 0;
  let lineStart = 0;
  claims.forEach((c, i) => {
    for (let nl = text.indexOf('\n', lineStart); nl >= 0 && nl < c.start; nl = text.indexOf('\n', lineStart)) {
      line++;
      lineStart = nl + 1;
    }
    counts[line] = counts[line]! + 1;
    spans.set([c.start - lineStart, c.end - lineStart, c.sentence.start - lineStart, c.sentence.end - lineStart], i * 4);
    kinds[i] = claimKinds.indexOf(c.kind);
    values[i] = c.value ?? NaN;
    words.set([word(c.unit), word(c.approx), word(c.direction), word(c.basePeriod)], i * 4);
  });
  return { seq, dollar: lines.dollar, contexts, after, counts, spans, kinds, values, words, strings };
}

/** The buffers `postMessage` can move rather than copy. */
export function transferables(d: EncodedDetection): ArrayBuffer[] {
  return [d.after, d.counts, d.spans, d.kinds, d.values, d.words].map((a) => a.buffer as ArrayBuffer);
}

type Decoded = { lines: ClaimLines; perLine: Array<readonly DetectedClaim[]> };

/** Unpacks a detection into per-line claims (offsets relative to each line), reading line texts from the editor. */
export function decodeDetection(d: EncodedDetection, lineText: (i: number) => string): Decoded {
  const steps = decodeDetectionInSlices(d, lineText, Infinity);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * The same, a slice of about `sliceClaims` claims per step, so the page can take 60,000
 * figures over several short tasks rather than one long one (the caller yields between steps).
 */
export function* decodeDetectionInSlices(d: EncodedDetection, lineText: (i: number) => string, sliceClaims: number): Generator<void, Decoded, void> {
  let sliceEnd = sliceClaims;
  const none: readonly DetectedClaim[] = [];
  const perLine: Array<readonly DetectedClaim[]> = [];
  const str = (k: number) => (k < 0 ? undefined : d.strings[k]);
  let i = 0;
  for (let line = 0; line < d.counts.length; line++) {
    const n = d.counts[line]!;
    if (!n) {
      perLine.push(none);
      continue;
    }
    const raw = lineText(line);
    const cs: DetectedClaim[] = [];
    for (const end = i + n; i < end; i++) {
      const [s, e, ss, se] = [d.spans[i * 4]!, d.spans[i * 4 + 1]!, d.spans[i * 4 + 2]!, d.spans[i * 4 + 3]!];
      const v = d.values[i]!;
      cs.push({
        text: raw.slice(s, e),
        start: s,
        end: e,
        kind: claimKinds[d.kinds[i]!]!,
        value: Number.isNaN(v) ? null : v,
        unit: str(d.words[i * 4]!) ?? null,
        approx: str(d.words[i * 4 + 1]!),
        direction: str(d.words[i * 4 + 2]!),
        basePeriod: str(d.words[i * 4 + 3]!),
        sentence: { start: ss, end: se },
      });
    }
    perLine.push(cs);
    if (i >= sliceEnd) {
      yield;
      sliceEnd = i + sliceClaims;
    }
  }
  return { lines: { dollar: d.dollar, after: Array.from(d.after, (k) => d.contexts[k]!) }, perLine };
}
