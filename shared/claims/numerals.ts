/**
 * The project's one number parser: Arabic numerals (half- and full-width,
 * grouped, decimal, signed), Chinese numerals (〇零一二两三…十百千万亿, the
 * financial forms 壹贰叁…, 万亿 sections, digit-by-digit years like 二〇二二)
 * and mixed forms (3.5万, 1.2亿, 3万余, 12万3千).
 */

const FULL_WIDTH_OFFSET = 0xfee0;

/** Full-width characters that matter inside figures: digits, letters, ．％：＄－／＋ and the ideographic space. */
const FULL_WIDTH_FIGURE_CHARS = /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff0e\uff05\uff1a\uff04\uff0d\uff0f\uff0b\u3000]/g;

/**
 * Maps full-width digits, letters and the symbols that matter inside figures
 * (．％：＄－／＋, ideographic space) to ASCII, one code unit for one, so offsets
 * found in the result index the original string unchanged. Full-width
 * punctuation such as ，（）stays: in Chinese text it separates clauses.
 */
export function toHalfWidth(s: string): string {
  FULL_WIDTH_FIGURE_CHARS.lastIndex = 0;
  if (!FULL_WIDTH_FIGURE_CHARS.test(s)) return s;
  return s.replace(FULL_WIDTH_FIGURE_CHARS, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - FULL_WIDTH_OFFSET)));
}

const CN_DIGITS: Record<string, number> = {
  〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
  壹: 1, 贰: 2, 貳: 2, 叁: 3, 參: 3, 肆: 4, 伍: 5, 陆: 6, 陸: 6, 柒: 7, 捌: 8, 玖: 9,
};
const CN_SMALL_UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const CN_SECTION_UNITS: Record<string, number> = { 万: 4, 萬: 4, 亿: 8, 億: 8 };

/** Characters that can make up a Chinese numeral. */
export const chineseNumeralChars = '〇零一二两三四五六七八九十百千万亿壹贰貳叁參肆伍陆陸柒捌玖拾佰仟萬億';

/**
 * Multiplies a printed decimal by 10^exp exactly: "305.7" scaled by 亿 (8) is
 * 30570000000, not the 30570000000.000004 that float multiplication gives,
 * because the decimal exponent is applied before the string becomes a double.
 */
export function scaleDecimal(decimal: string | number, exp: number): number {
  const printed = String(decimal);
  if (exp === 0) return Number(printed);
  // Whole numbers stay exact under float multiplication while they fit in 15 digits.
  if (exp > 0 && printed.length + exp <= 15 && /^-?\d+$/.test(printed)) return Number(printed) * 10 ** exp;
  return printed.includes('e') ? Number(printed) * 10 ** exp : Number(`${printed}e${exp}`);
}

const ARABIC = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^[+-]?\.\d+$/;

/** Parses an Arabic numeral with optional thousands separators; null if `s` is not one. */
function parseArabic(s: string): string | null {
  if (!ARABIC.test(s)) return null;
  return s.replaceAll(',', '').replace(/^\+/, '');
}

/**
 * Parses a run of Chinese numeral characters and Arabic numbers with 十百千万亿
 * units. Arabic parts may be decimals ("3.5万"); 余/多 must already be removed.
 */
function parseMixed(s: string): number | null {
  const tokens = s.match(/\d+(?:\.\d+)?|./g);
  if (!tokens) return null;
  // Digit-by-digit numerals (二〇二二, 一五) have no unit characters at all.
  if (tokens.length > 1 && tokens.every((t) => t in CN_DIGITS)) {
    return Number(tokens.map((t) => CN_DIGITS[t]).join(''));
  }
  let yi = 0; // parts closed by 亿 (so 万亿 too)
  let wan = 0; // parts closed by 万 since the last 亿
  let section = 0; // completed 十百千 groups inside the current section
  let pending: string | null = null; // last digit or Arabic number not yet given a unit
  let lastUnit = 0; // value of the last unit seen, for abbreviations like 三万五 (35000)
  let zeroSeen = false;
  let sawAny = false;
  for (const t of tokens) {
    if (/^\d/.test(t)) {
      if (pending !== null) return null;
      pending = t;
      sawAny = true;
    } else if (t in CN_DIGITS) {
      const d = CN_DIGITS[t]!;
      if (d === 0) {
        zeroSeen = true;
        if (pending !== null && pending !== '0') return null;
        continue;
      }
      if (pending !== null) return null;
      pending = String(d);
      sawAny = true;
    } else if (t in CN_SMALL_UNITS) {
      const u = CN_SMALL_UNITS[t]!;
      // 十二 means 12: a unit without a digit before it counts once.
      if (pending !== null && pending.includes('.')) section += scaleDecimal(pending, Math.log10(u));
      else section += (pending === null ? 1 : Number(pending)) * u;
      pending = null;
      lastUnit = u;
      zeroSeen = false;
      sawAny = true;
    } else if (t in CN_SECTION_UNITS) {
      const exp = CN_SECTION_UNITS[t]!;
      const decimal = pending !== null && pending.includes('.') && section === 0;
      let part = section + Number(pending ?? 0);
      if (part === 0 && !sawAny) part = 1;
      if (exp === 8) {
        // 亿 closes the 万 parts before it too: 3万亿 is 3万 × 亿, 1万亿零1亿 is (1万 + 0) × 亿 + 1 × 亿.
        yi += decimal && wan === 0 ? scaleDecimal(pending!, 8) : (wan + part) * 1e8;
        wan = 0;
      } else {
        wan += decimal ? scaleDecimal(pending!, exp) : part * 10 ** exp;
      }
      section = 0;
      pending = null;
      lastUnit = 10 ** exp;
      zeroSeen = false;
      sawAny = true;
    } else {
      return null;
    }
  }
  if (!sawAny) return zeroSeen ? 0 : null;
  let tail = 0;
  if (pending !== null) {
    // 三万五 = 35000 and 一千二 = 1200: a trailing digit right after a unit
    // (no 零 between) stands for the next lower unit.
    const abbreviated = lastUnit >= 100 && !zeroSeen && !pending.includes('.') && pending.length === 1;
    tail = abbreviated ? Number(pending) * (lastUnit / 10) : Number(pending);
  }
  return yi + wan + section + tail;
}

/**
 * Parses one printed numeral and returns its value, or null when `s` is not a
 * single numeral. Accepts Arabic digits (full-width too, `1,234.5`, signs),
 * Chinese numerals (`十二万三千`, `两千零五`, `三万五`, `二〇二二`, `壹佰`), mixed
 * forms with 万/亿 scales (`3.5万`, `1.2亿`, `12万3千`, `2万亿`) and the
 * approximators 余/多 between digits and scale (`3万余`, `400余`, `十余万`).
 * Values are as exact as a double allows: `305.7亿` is 30570000000.
 */
export function parseNumber(s: string): number | null {
  let t = toHalfWidth(s).replace(/[\s\u00a0]/g, '');
  let sign = 1;
  if (/^[-−－负]/.test(t)) {
    sign = -1;
    t = t.slice(1);
  } else if (t.startsWith('+') || t.startsWith('正')) {
    t = t.slice(1);
  }
  if (!t) return null;
  // 三点五 / 十五点二五: 点 is the Chinese decimal point, digits after it read one by one.
  const point = /^([^点]+)点([〇零一二三四五六七八九]+)([万亿萬億]*)$/.exec(t);
  if (point) {
    const whole = parseNumber(point[1]!);
    if (whole === null || whole < 0) return null;
    const frac = [...point[2]!].map((c) => CN_DIGITS[c]).join('');
    const scale = point[3] ? parseNumber(`1${point[3]}`) : 1;
    return scale === null ? null : sign * scaleDecimal(`${whole}.${frac}`, Math.round(Math.log10(scale)));
  }
  const arabic = parseArabic(t);
  if (arabic !== null) return sign * Number(arabic);
  // 余/多 mark an approximation; they sit after the digits or before the scale.
  t = t.replace(/(?<=[\d〇零一二两三四五六七八九十百千万亿壹贰貳叁參肆伍陆陸柒捌玖拾佰仟萬億])[余多](?=[万亿萬億]*$)/, '');
  if (!/^[\d.,〇零一二两三四五六七八九十百千万亿壹贰貳叁參肆伍陆陸柒捌玖拾佰仟萬億]+$/.test(t)) return null;
  // Grouped Arabic inside mixed forms (1,234万).
  const grouped = t.includes(',') ? t.replace(/(\d{1,3}(?:,\d{3})+)/g, (m) => m.replaceAll(',', '')) : t;
  if (grouped.includes(',')) return null;
  if (/\.\D|\.$|^\./.test(grouped)) return null;
  const v = parseMixed(grouped);
  return v === null ? null : sign * v;
}
