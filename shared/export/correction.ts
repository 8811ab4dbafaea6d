import { translatorFor, type Language } from '../i18n/index.js';
import type { CorrectionNote } from './types.js';

/**
 * The language an article is written in, for what is printed inside it
 * (correction paragraph, footnote heading, ClaimReview rating names): zh-CN
 * when Han characters make up at least a tenth of its letters.
 */
export function articleLanguage(text: string): Language {
  let han = 0;
  let letters = 0;
  for (const ch of text.slice(0, 20_000)) {
    if (/\p{Script=Han}/u.test(ch)) han++;
    if (/\p{L}/u.test(ch)) letters++;
  }
  return letters > 0 && han / letters >= 0.1 ? 'zh-CN' : 'en';
}

/** `2026-03-01T08:00:00Z` → `2026-03-01`; anything else as given. */
export function isoDay(at: string): string {
  const m = /^\d{4}-\d{2}-\d{2}/.exec(at);
  return m ? m[0] : at;
}

/**
 * The standard correction paragraph printed at the end of a corrected
 * article: `更正（2026-03-01）：…` or `Correction (2026-03-01): …`, one line,
 * the note's own line breaks folded to spaces.
 */
export function formatCorrection(note: Pick<CorrectionNote, 'at' | 'text'>, language: Language): string {
  const text = note.text.trim().replace(/\s*\n\s*/g, ' ');
  return translatorFor(language).t('export.correctionLine', { date: isoDay(note.at), text });
}
