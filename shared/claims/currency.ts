/**
 * What a bare `$` means. The workspace can say (options.dollarCurrency);
 * otherwise the article's own words decide (an ABS release that names
 * Australia means AUD), and USD is the fallback.
 */

const DOLLAR_COUNTRIES: Array<[string, RegExp]> = [
  ['USD', /\bUnited States\b|\bU\.S\.|\bUS\b|\bAmerica(?:n)?\b|\bFederal Reserve\b|\bWall Street\b|美国/g],
  ['AUD', /\bAustralia(?:n|'s)?\b|\bABS\b|\bRBA\b|澳大利亚|澳洲/g],
  ['CAD', /\bCanada\b|\bCanadian\b|\bStatistics Canada\b|加拿大/g],
  ['NZD', /\bNew Zealand\b|\bStats NZ\b|新西兰/g],
  ['HKD', /\bHong Kong\b|香港/g],
  ['SGD', /\bSingapore(?:an)?\b|新加坡/g],
  ['TWD', /\bTaiwan(?:ese)?\b|台湾/g],
];

/** Mentions in the first lines weigh more: a headline names the publisher's country. */
const HEADLINE_CHARS = 300;
const HEADLINE_WEIGHT = 3;

/**
 * Infers the currency of a bare `$` from the country an article names most
 * (headline mentions count triple). Returns USD when nothing points elsewhere.
 */
export function inferDollarCurrency(text: string): string {
  let best = 'USD';
  let bestScore = 0;
  for (const [iso, re] of DOLLAR_COUNTRIES) {
    let score = 0;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) score += m.index < HEADLINE_CHARS ? HEADLINE_WEIGHT : 1;
    // Ties go to USD, which comes first.
    if (score > bestScore) {
      best = iso;
      bestScore = score;
    }
  }
  return best;
}
