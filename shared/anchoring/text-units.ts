// UTF-16 helpers shared by the anchoring and revision code: offsets must never
// land between the two halves of a surrogate pair (emoji, CJK Extension B).

export function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

export function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** True when `pos` sits between a high and a low surrogate of `text`. */
export function splitsPair(text: string, pos: number): boolean {
  return pos > 0 && pos < text.length && isLowSurrogate(text.charCodeAt(pos)) && isHighSurrogate(text.charCodeAt(pos - 1));
}

/** Length of the common prefix of `a` and `b`, not ending inside a surrogate pair. */
export function commonPrefixLength(a: string, b: string, max = Math.min(a.length, b.length)): number {
  let i = 0;
  while (i < max && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i > 0 && isHighSurrogate(a.charCodeAt(i - 1))) i--;
  return i;
}

/** Length of the common suffix of `a` and `b`, not starting inside a surrogate pair. */
export function commonSuffixLength(a: string, b: string, max = Math.min(a.length, b.length)): number {
  let i = 0;
  while (i < max && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  if (i > 0 && isLowSurrogate(a.charCodeAt(a.length - i))) i--;
  return i;
}
