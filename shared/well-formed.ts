/**
 * Where a string stops being well-formed UTF-16: the index of its first lone
 * surrogate, or -1. Such a string cannot be written as UTF-8, UTF-16 or
 * GB18030 without a replacement character silently standing in for it.
 */
export function loneSurrogateAt(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff) {
      const d = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
    }
    return i;
  }
  return -1;
}
