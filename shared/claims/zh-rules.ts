/**
 * Chinese rules: what a numeral followed by Chinese text is (date, ratio,
 * rank, amount with scale and unit, count with measure word), and which
 * Chinese numerals are not figures at all (names, slogans, idioms, labels).
 */
import { chineseNumeralChars, parseNumber, scaleDecimal } from './numerals.js';
import { found, type Found, type LineScan, type RuleResult } from './scan-types.js';
import { chineseScales, scaledOnlyUnits, unitAt, type UnitDef } from './units.js';

const CN_NUMERAL = new Set(chineseNumeralChars);
const CN_DIGIT_CHARS = new Set('〇零一二两三四五六七八九十壹贰貳叁參肆伍陆陸柒捌玖拾');
const FINANCIAL = new Set('壹贰貳叁參肆伍陆陸柒捌玖拾佰仟萬億');
export const isChineseNumeral = (c: string | undefined): boolean => c !== undefined && CN_NUMERAL.has(c);

const RANGE = String.raw`\s*[-—–~～至到]\s*`;
const DATE_SUFFIX = '(?:份|末|底|初|上旬|中旬|下旬)?';
const FULL_DATE = /(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\d.])/y;
const YEAR_MONTH = /(\d{4})[-/](\d{1,2})(?![\d./-])/y;
const YEAR_RANGE = new RegExp(String.raw`(\d{4})${RANGE}(\d{4})\s?年度?`, 'y');
const YEAR = /(\d{4})\s?年/y;
const AFTER_YEAR = new RegExp(
  String.raw`\s?(?:(\d{1,2})(?:(?:${RANGE}|、)(\d{1,2}))?\s?月(?:\s?(\d{1,2})\s?[日号])?${DATE_SUFFIX}|第?([1-4])(?:${RANGE}[1-4])?\s?季度|(度)|(末|底|初))`,
  'y',
);
const MONTH = new RegExp(String.raw`(\d{1,2})(?:(?:${RANGE}|、)(\d{1,2}))?\s?月(?:\s?(\d{1,2})\s?[日号])?${DATE_SUFFIX}`, 'y');
const DAY = /(\d{1,2})\s?日(?!元)(以内|之内|内)?/y;
const QUARTER = new RegExp(String.raw`([1-4])(?:${RANGE}[1-4])?\s?季度`, 'y');
const RATIO = /\d+(?:\.\d+)?(?:\s*[:∶]\s*\d+(?:\.\d+)?)+/y;
const FIRST_MONTHS = /(\d{1,2})\s?(?:个月|个?季度)/y;

function execAt(re: RegExp, s: string, a: number): RegExpExecArray | null {
  re.lastIndex = a;
  return re.exec(s);
}

/** Characters that can follow the digits of a date or ratio; anything else skips all date rules. */
const DATE_NEXT = new Set([...':∶-/.年月日号季—–~～至到、个 '].map((c) => c.charCodeAt(0)));

/** Dates, ranges of dates and structure ratios starting at an Arabic numeral ending at `b`. */
export function readDateOrRatio(scan: LineScan, a: number, b: number): Found | null {
  const s = scan.s;
  if (!DATE_NEXT.has(s.charCodeAt(b)) && !DATE_NEXT.has(s.charCodeAt(b + 1))) return null;
  let r = execAt(RATIO, s, a);
  if (r) {
    const parts = r[0].split(/[:∶]/);
    const ratioWord = /比(?:例|重|值)?(?:为|是)?\s*$/.test(s.slice(Math.max(0, a - 6), a));
    const clock = parts.length === 2 && /^\s*\d{1,2}\s*$/.test(parts[0]!) && /^\s*[0-5]\d\s*$/.test(parts[1]!);
    if (parts.length >= 3 || ratioWord || (!clock && r[0].includes('.'))) return found(a, a + r[0].length, 'other', null, 'ratio');
  }
  // 前10个月 / 前3季度: the first months of the year, a period like 1-10月.
  if (s[a - 1] === '前' && (r = execAt(FIRST_MONTHS, s, a)) && +r[1]! >= 1 && +r[1]! <= 12) return found(a - 1, a + r[0].length, 'date', null, null);
  if ((r = execAt(FULL_DATE, s, a)) && +r[3]! >= 1 && +r[3]! <= 12 && +r[4]! >= 1 && +r[4]! <= 31) return found(a, a + r[0].length, 'date', null, null);
  if ((r = execAt(YEAR_MONTH, s, a)) && +r[2]! >= 1 && +r[2]! <= 12) return found(a, a + r[0].length, 'date', null, null);
  if ((r = execAt(YEAR_RANGE, s, a))) return found(a, a + r[0].length, 'date', null, null);
  if ((r = execAt(YEAR, s, a)) && +r[1]! >= 1000 && +r[1]! <= 2100 && s[a + r[0].length] !== '代') {
    let end = a + r[0].length;
    AFTER_YEAR.lastIndex = end;
    const x = AFTER_YEAR.exec(s);
    if (x && (x[1] === undefined || (+x[1] >= 1 && +x[1] <= 12))) {
      end += x[0].length;
      return x[5] ? found(a, end, 'date', +r[1]!, 'year') : found(a, end, 'date', null, null);
    }
    return found(a, end, 'date', +r[1]!, 'year');
  }
  if ((r = execAt(MONTH, s, a)) && +r[1]! >= 1 && +r[1]! <= 12 && (r[2] === undefined || +r[2] <= 12)) return found(a, a + r[0].length, 'date', null, null);
  if ((r = execAt(DAY, s, a)) && +r[1]! >= 1 && +r[1]! <= 31) {
    // 15日内 is a time limit (15 days), 15日 alone a day of the month.
    if (r[2]) return found(a, a + r[0].length - r[2].length, 'quantity', +r[1]!, 'day');
    return found(a, a + r[0].length, 'date', null, null);
  }
  if ((r = execAt(QUARTER, s, a))) return found(a, a + r[0].length, 'date', null, null);
  return null;
}

/** Nouns after 两大/五大 that make it a count of real things, not a slogan (五大发展理念). */
const BIG_NOUNS = /^[^,，。;；、:：“”"]{0,3}?(?:产业|集群|板块|基地|园区|平台|领域|行业|片区|市场|港口|城市群|功能区|产业链|项目|企业|工程|产品|品牌|商圈|中心)/;
/** Nouns that make "numeral + measure word" a policy formula (两条底线, 四个意识, 八项规定). */
const FORMULA_NOUNS = /^(?:底线|红线|理念|意识|自信|代表|全面|维护|确立|规定|务必|原则|精神|思想|战略|攻坚战|文明|基本|优先|必须|不|产业)/;
/** A measure word followed by these is a place name (七台河, 三门峡, 五台山). */
const PLACE_SUFFIX = new Set('河山峡县市区镇乡村湖岛');
/** 成 as a tenth (七成 = 70%) unless it starts a word (成为, 成本, 成果…). */
const CHENG_WORDS = new Set('为立本果员功长交都熟型品效绩就份群片批套');
/** Words before a time span that make it a relative period (前三季度, 近三年, 这两天). */
const RELATIVE_BEFORE = new Set('前后近头这那每今去明上下本');

/** Nouns a round amount grades rather than measures (百亿元企业, 千亿元级产业). */
const GRADED_NOUN = /^(?:级|企业|园区|产业|集群|项目|工程)/;

const SCALE_FIRST = new Set(chineseScales.map(([w]) => w[0]!));

/** Reads 余/多, a 万/亿 scale and a unit after a numeral ending at `p`. */
export function readScaleAndUnit(
  s: string,
  p: number,
): { end: number; exp: number; unit: UnitDef | null; approx?: string; scaled: boolean } {
  let approx: string | undefined;
  let q = p;
  let spaces = 0;
  while ((s[q] === ' ' || s[q] === '\u00a0') && spaces < 2) {
    q++;
    spaces++;
  }
  if (s[q] === '余' || s[q] === '多') approx = s[q++];
  const direct = unitAt(s, q);
  let exp = 0;
  let scaled = false;
  let u = q;
  const directFirst = direct ? direct.text.charCodeAt(0) : 0;
  // 千瓦, 千克, 百分点 are units that start like a scale word; they win over 千/百 as a scale.
  if (directFirst !== 0x5343 && directFirst !== 0x767e && directFirst !== 0x5341 && SCALE_FIRST.has(s[q] ?? '')) {
    for (const [w, e] of chineseScales) {
      if (s.startsWith(w, q)) {
        exp = e;
        scaled = true;
        u = q + w.length;
        break;
      }
    }
  }
  if (scaled && !approx && (s[u] === '余' || s[u] === '多')) approx = s[u++];
  let v = u;
  if (s[v] === ' ' && scaled) v++;
  let unit = scaled || !direct ? unitAt(s, v) : direct;
  if (!unit && scaled && s.startsWith(scaledOnlyUnits[0]!.text, v)) unit = scaledOnlyUnits[0]!;
  if (unit && scaled && !unit.scalable) unit = null;
  if (!unit) return { end: scaled ? u : p, exp, unit: null, approx: scaled ? approx : undefined, scaled };
  return { end: v + unit.text.length, exp, unit, approx, scaled };
}

/** Words before a bare 20亿 that make it an amount of money (总投资20亿). */
const MONEY_CONTEXT = /(?:投资|资金|金额|收入|营收|利润|产值|总额|税|融资|贷款|存款|财政|资产|GDP|生产总值|增加值|销售|成交|交易|引资|签约|预算|支出|补贴|奖励|基金|经费|额|价值|市值|规模)[^,，;；。:：]{0,8}$/;

/** Words that make a bare decimal an exchange rate (人民币对美元汇率中间价为7.1018) and 基点 a pip of it. */
export const EXCHANGE = /汇率|中间价|兑|(?:人民币|美元|欧元|日元|港元|英镑)对(?:人民币|美元|欧元|日元|港元|英镑)/;

/** 16.38元/股, 72.3美元/桶, 10326元/平方米: a price keeps its per-unit in the span. */
function perUnitEnd(s: string, end: number): number {
  if (s[end] !== '/') return end;
  const per = unitAt(s, end + 1);
  if (per && per.kind !== 'money' && per.kind !== 'percent') return end + 1 + per.text.length;
  return s[end + 1] === '月' ? end + 2 : end;
}

/** A unit as a Found, with the value scaled by the unit's and the scale's powers of ten. */
export function unitFound(start: number, end: number, num: string, exp: number, unit: UnitDef, approx?: string): Found {
  const e = exp + unit.exp;
  return found(start, end, unit.kind, scaleDecimal(num, e), unit.unit, e, approx);
}

/** Checks after a measure word that only apply to counts. */
function countAllowed(s: string, afterUnit: number, unit: UnitDef): boolean {
  if (unit.text === '大') return BIG_NOUNS.test(s.slice(afterUnit, afterUnit + 8));
  return true;
}

/** Amount, count, quantity, percent… after an Arabic numeral [a, b) in Chinese text. */
export function readArabicUnit(scan: LineScan, a: number, b: number, num: string): RuleResult {
  const s = scan.s;
  const r = readScaleAndUnit(s, b);
  if (r.unit) {
    // 90年代 is a decade, 3年级 a school year.
    if (r.unit.text === '年' && (s[r.end] === '代' || s[r.end] === '级')) return r.end;
    if (!countAllowed(s, r.end, r.unit)) return r.end;
    // 沪深300股指期货: the number belongs to an index name, 股指 is not shares.
    if (r.unit.text === '股' && s[r.end] === '指') return r.end;
    if (r.unit.kind === 'money') return unitFound(a, perUnitEnd(s, r.end), num, r.exp, r.unit, r.approx);
    // 调升56个基点 of an exchange rate is 56 pips of the rate, not 0.56 percentage points.
    if (r.unit.unit === 'pp' && r.unit.exp === -2 && EXCHANGE.test(s.slice(clauseStartZh(s, a), a))) return found(a, r.end, 'other', Number(num), '基点');
    return unitFound(a, r.end, num, r.exp, r.unit, r.approx);
  }
  // 成交量1876万手: lots of a futures or stock trade (digits only: 两手抓 is a slogan).
  if (s[r.end] === '手') return found(a, r.end + 1, 'count', scaleDecimal(num, r.exp), '手', r.exp, r.approx);
  // 报3012.45点, 上涨120点: index points; a small whole number before 点 is a time of day (3点).
  if (s[b] === '点' && (num.includes('.') || Number(num) >= 100) && !'钟半整'.includes(s[b + 1] ?? ' ')) return found(a, b + 1, 'other', Number(num), 'points');
  if (r.scaled && /^\d/.test(num)) {
    const before = s.slice(Math.max(0, a - 24), a);
    if (MONEY_CONTEXT.test(before)) return found(a, r.end, 'money', scaleDecimal(num, r.exp), 'CNY', r.exp, r.approx);
    return found(a, r.end, 'other', scaleDecimal(num, r.exp), null, r.exp, r.approx);
  }
  return null;
}

/** Start of the sentence holding `pos` (a 。；!? before it), so that context words are read from the same sentence. */
function clauseStartZh(s: string, pos: number): number {
  for (let i = pos - 1; i >= 0; i--) if ('。；;!！?？'.includes(s[i]!)) return i + 1;
  return 0;
}

/** True when [a, b) sits in a short quotation (“两个确立”, “0成本”): a slogan, not a figure. */
function inShortQuote(s: string, a: number, b: number): boolean {
  const open = Math.max(s.lastIndexOf('“', a - 1), s.lastIndexOf('"', a - 1));
  if (open < 0 || a - open > 8 || s.lastIndexOf('”', a - 1) > open) return false;
  const curly = s.indexOf('”', b);
  const straight = s.indexOf('"', b);
  const close = curly < 0 ? straight : straight < 0 ? curly : Math.min(curly, straight);
  return close >= 0 && close - open <= 10;
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const RANK_PUNCT = /[\s,，;；。、:：)）!！?？]/;
/** 居全国第一, 居中部第一, 位列同类城市第一: a ranking verb (a few characters back) or a ranked area right before 第. */
const RANK_BEFORE = /(?:(?:居|列|排名|排)[^,，。;；、:：\s第]{0,6}|全国|全省|全市|全区|全球|世界|全州|同行业)$/;

/** Ranks: 第3 (位/名/大…), 居全国第一; other ordinals (第五届, 第3期) are skipped whole. */
export function readRank(scan: LineScan, a: number): RuleResult {
  const s = scan.s;
  let b = a + 1;
  if (s[b] === ' ') b++;
  let numEnd = b;
  const arabic = isDigit(s[b]);
  if (arabic) while (isDigit(s[numEnd])) numEnd++;
  else while (isChineseNumeral(s[numEnd])) numEnd++;
  if (numEnd === b) return null;
  const next = s[numEnd];
  if (s.startsWith('季度', numEnd) || (next === ' ' && s.startsWith('季度', numEnd + 1))) {
    if (!arabic) return numEnd + 2;
    return found(a, numEnd + (next === ' ' ? 3 : 2), 'date', null, null);
  }
  const rankFollower = next === undefined || '位名大高低多'.includes(next) || RANK_PUNCT.test(next);
  // 连续第18个交易日, 连续第5年: the length of a streak is a checkable figure.
  const streak = s[a - 1] === '续' && s[a - 2] === '连';
  const rank = arabic
    ? rankFollower || streak
    : (next !== undefined && '位名大'.includes(next)) || (rankFollower && RANK_BEFORE.test(s.slice(Math.max(0, a - 10), a))) || streak;
  if (!rank) return numEnd;
  return found(a, numEnd, 'other', parseNumber(s.slice(b, numEnd)), 'rank');
}

/**
 * Chinese numerals [a, b): 三年, 两大产业, 百分之十五, 三分之一, 七成, 二〇二二年…
 * Lone 一, bare 百/千/万, period words (前三季度), names and slogans are not figures.
 */
export function readChineseRun(scan: LineScan, a: number, b: number): RuleResult {
  const s = scan.s;
  // Lone 一 (一些, 统一, 一个) is by far the most frequent run and never a figure.
  if (b - a === 1 && s[a] === '一' && s[b] !== '半') return b;
  const run = s.slice(a, b);
  // 半数 / 一半 are half; other runs with 半 (上半年, 半小时) are not claims here.
  if (run.includes('半')) {
    if (run === '半' && s[b] === '数') return found(a, b + 1, 'percent', 50, '%');
    if (run === '一半' && s[a - 1] !== '另') return found(a, b, 'percent', 50, '%');
    return b;
  }
  if (s.startsWith('分之', b)) {
    let e = b + 2;
    while (isChineseNumeral(s[e]) || /[\d.]/.test(s[e] ?? '') || (s[e] === '点' && isChineseNumeral(s[e + 1]))) e++;
    const num = parseNumber(s.slice(b + 2, e));
    const den = parseNumber(run);
    if (num === null || den === null || den === 0) return e;
    const value = run === '百' ? num : run === '千' ? num / 10 : (num * 100) / den;
    return found(a, e, 'percent', value, '%');
  }
  if (/^[〇零一二三四五六七八九]{4}$/.test(run) && s[b] === '年') {
    // 二〇二四年四月(十日) is a date; 二〇二四年 alone a year.
    const month = /^(?:十[一二]?|[一二三四五六七八九])月(?:(?:[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])日)?/.exec(s.slice(b + 1, b + 8));
    if (month) return found(a, b + 1 + month[0].length, 'date', null, null);
    return found(a, b + 1, 'date', parseNumber(run)!, 'year');
  }
  let hasDigit = false;
  for (let i = 0; i < run.length && !hasDigit; i++) hasDigit = CN_DIGIT_CHARS.has(run[i]!);
  if (!hasDigit) {
    // 百强县 is a list, 百年/千亿园区/万人 are idioms and labels.
    if ((run === '百' || run === '千') && s[b] === '强') return found(a, b + 1, 'other', run === '百' ? 100 : 1000, '强');
    // 突破百亿元 is an amount; a lone 亿元以上 is not (the README's threshold rule), nor a grade (百亿元企业, 千亿元级).
    const money = run.length >= 2 ? unitAt(s, b) : null;
    if (money?.kind === 'money') {
      const end = b + money.text.length;
      if (GRADED_NOUN.test(s.slice(end, end + 2))) return end;
      return found(a, end, 'money', parseNumber(run), money.unit);
    }
    // 百余家, 千余名, 万余人: a round figure with an approximation.
    if ((s[b] === '余' || s[b] === '多') && s[a - 1] !== '几' && s[a - 1] !== '数') {
      const unit = unitAt(s, b + 1);
      if (unit && (unit.kind === 'count' || unit.kind === 'quantity' || unit.kind === 'money')) {
        return found(a, b + 1 + unit.text.length, unit.kind, parseNumber(run), unit.unit, 0, s[b]);
      }
    }
    return b;
  }
  if (run === '一' || (run.length === 1 && FINANCIAL.has(run))) return b;
  const before = s[a - 1];
  // 第五, 前三, 几十万, 数百: ordinals, periods and vague amounts.
  if (before !== undefined && '第前后头几数'.includes(before)) return b;
  // 三番五次, 五花八门: a numeral two characters back makes an idiom or formula.
  if (isChineseNumeral(s[a - 2]) && before !== undefined && before >= '\u4e00' && before <= '\u9fff' && !isChineseNumeral(before)) return b;
  if (inShortQuote(s, a, b) || inTitle(scan, a)) return b;
  if (run.length === 1 && '一二三四五六七八九十'.includes(run) && s[b] === '成' && !CHENG_WORDS.has(s[b + 1] ?? '')) {
    return found(a, b + 1, 'percent', parseNumber(run)! * 10, '%');
  }
  const r = readScaleAndUnit(s, b);
  const value = parseNumber(s.slice(a, r.unit ? r.end - r.unit.text.length : r.end).trim());
  if (!r.unit || value === null) return Math.max(b, r.end);
  const unit = r.unit;
  const after = s.slice(r.end, r.end + 6);
  if (unit.text === '年' || unit.unit === 'day' || unit.unit === 'month' || unit.unit === 'week' || unit.unit === 'hour' || unit.unit === 'quarter') {
    if (RELATIVE_BEFORE.has(before ?? '')) return r.end;
    if (unit.text === '年') return found(a, r.end, 'quantity', value, 'year', 0, r.approx);
  }
  if (unit.text === '元' && value < 10 && !/[万亿千百]/.test(run)) return r.end;
  if (unit.kind === 'count') {
    if (run === '二' || PLACE_SUFFIX.has(after[0] ?? '') || (isChineseNumeral(after[0]) && !beforeGrade(after))) return r.end;
    if (unit.text !== '大' && FORMULA_NOUNS.test(after)) return r.end;
    if (!countAllowed(s, r.end, unit)) return r.end;
  }
  if (unit.text === '%' || unit.text === '%') return r.end;
  return found(a, r.end, unit.kind, value * 10 ** unit.exp, unit.unit, r.exp + unit.exp, r.approx);
}

/** 千亿级, 百亿级: a numeral that grades the noun after it (两个千亿级产业集群 counts two clusters). */
function beforeGrade(after: string): boolean {
  let k = 0;
  while (isChineseNumeral(after[k])) k++;
  return k > 0 && after[k] === '级';
}

/** True when `pos` is inside a 《title》: numbers in titles are part of a name. */
export function inTitle(scan: LineScan, pos: number): boolean {
  if (!scan.titles) return false;
  const s = scan.s;
  const open = s.lastIndexOf('《', pos);
  if (open < 0) return false;
  return s.lastIndexOf('》', pos) < open && s.indexOf('》', pos) >= 0;
}
