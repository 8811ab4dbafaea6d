/**
 * What a bare `$` means. The workspace can say (options.dollarCurrency);
 * otherwise the article's own words decide (an ABS release that names
 * Australia means AUD), and USD is the fallback.
 */

/** Mentions of a dollar country, and the publisher signals (statistics offices, central banks, datelines) that weigh more. */
const DOLLAR_COUNTRIES: Array<[string, RegExp, RegExp]> = [
  [
    'USD',
    /\bUnited States\b|\bU\.S\.|\bUS\b|\bAmerica(?:n)?\b|\bFederal Reserve\b|\bWall Street\b|美国/g,
    /\bBureau of (?:Labor Statistics|Economic Analysis)\b|\bCensus Bureau\b|^(?:NEW YORK|WASHINGTON|CHICAGO|SAN FRANCISCO)\b/gm,
  ],
  ['AUD', /\bAustralia(?:n|'s)?\b|\bABS\b|\bRBA\b|澳大利亚|澳洲/g, /\bAustralian Bureau of Statistics\b|\bABS\b|\bReserve Bank of Australia\b|^(?:SYDNEY|MELBOURNE|CANBERRA|BRISBANE|PERTH)\b/gm],
  ['CAD', /\bCanada\b|\bCanadian\b|\bStatistics Canada\b|加拿大/g, /\bStatistics Canada\b|\bBank of Canada\b|^(?:TORONTO|OTTAWA|MONTREAL|VANCOUVER|CALGARY)\b/gm],
  ['NZD', /\bNew Zealand\b|\bStats NZ\b|新西兰/g, /\bStats NZ\b|\bStatistics New Zealand\b|\bReserve Bank of New Zealand\b|\bRBNZ\b|^(?:WELLINGTON|AUCKLAND)\b/gm],
  ['HKD', /\bHong Kong\b|香港/g, /\bCensus and Statistics Department\b|\bHKSAR\b|\bHong Kong Monetary Authority\b|\bHKMA\b|^HONG KONG\b/gm],
  ['SGD', /\bSingapore(?:an)?\b|新加坡/g, /\bDepartment of Statistics Singapore\b|\bMonetary Authority of Singapore\b|^SINGAPORE\b/gm],
  ['TWD', /\bTaiwan(?:ese)?\b|台湾/g, /\bDirectorate-General of Budget\b|^TAIPEI\b/gm],
];

/** Mentions in the first lines weigh more: a headline names the publisher's country. */
const HEADLINE_CHARS = 300;
const HEADLINE_WEIGHT = 3;
/** A statistics office, central bank or dateline says who publishes, not just who is mentioned. */
const PUBLISHER_WEIGHT = 5;
/** "exports to the United States", "imports from Australia": a trading partner, not the publisher. */
const PARTNER_BEFORE = /\b(?:to|from|with|into|than|versus)\s+(?:the\s+)?$/i;

function score(text: string, re: RegExp, weight: number, skipPartners: boolean): number {
  let total = 0;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (skipPartners && PARTNER_BEFORE.test(text.slice(Math.max(0, m.index - 12), m.index))) continue;
    total += weight * (m.index < HEADLINE_CHARS ? HEADLINE_WEIGHT : 1);
  }
  return total;
}

/**
 * Infers the currency of a bare `$` from the country an article names most
 * (headline mentions count triple, publisher signals five times, trading
 * partners not at all). Returns USD when nothing points elsewhere.
 */
export function inferDollarCurrency(text: string): string {
  let best = 'USD';
  let bestScore = 0;
  for (const [iso, mentions, publisher] of DOLLAR_COUNTRIES) {
    const total = score(text, mentions, 1, true) + score(text, publisher, PUBLISHER_WEIGHT, false);
    // Ties go to USD, which comes first.
    if (total > bestScore) {
      best = iso;
      bestScore = total;
    }
  }
  return best;
}

/** Longest mention or publisher signal above, with room to spare; the partner look-back is 12. */
const SIGNAL_REACH = 64;

/**
 * Whether an edit can change what `inferDollarCurrency` says: false when the
 * text around it (`around`: the edited stretch with `SIGNAL_REACH` characters
 * either side, before or after the edit) names no dollar country, publisher or
 * dateline, so the scores are what they were. Callers still recompute when
 * the edit is inside the headline characters (they weigh more).
 */
export function mayChangeDollarCurrency(around: string): boolean {
  for (const [, mentions, publisher] of DOLLAR_COUNTRIES) {
    mentions.lastIndex = 0;
    publisher.lastIndex = 0;
    if (mentions.test(around) || publisher.test(around)) return true;
  }
  return false;
}

/** How far around an edit `mayChangeDollarCurrency` must look, and the headline length. */
export const dollarSignalReach = { chars: SIGNAL_REACH, headline: HEADLINE_CHARS } as const;
