/**
 * Translations shared by the renderer, the menu and the CLI. Each area keeps
 * its strings in its own module (`errors.ts`, `app.ts`, …) as
 * `{ en: {ns: {...}}, 'zh-CN': {ns: {...}} }`; they are merged here.
 */
import { createInstance, type i18n as I18n } from 'i18next';
import type { ErrorPayload } from '../errors.js';
import errors from './errors.js';
import app from './app.js';
import checks from './checks.js';
import history from './history.js';
import notices from './notices.js';
import review from './review.js';
import statements from './statements.js';
import exporting from './export.js';
import evidence from './evidence.js';
import view from './view.js';
import board from './board.js';
import team from './team.js';
import suggestions from './suggestions.js';

export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];

type AreaCatalog = Record<Language, Record<string, Record<string, unknown>>>;
const areas: AreaCatalog[] = [errors, app, checks, review, history, notices, exporting, evidence, statements, view, board, team, suggestions];

export const resources: Record<Language, { translation: Record<string, unknown> }> = {
  en: { translation: Object.assign({}, ...areas.map((a) => a.en)) },
  'zh-CN': { translation: Object.assign({}, ...areas.map((a) => a['zh-CN'])) },
};

/** Picks zh-CN for any Chinese locale tag, English otherwise. */
export function pickLanguage(tags: ReadonlyArray<string | undefined>): Language {
  for (const tag of tags) {
    if (!tag) continue;
    const t = tag.toLowerCase().replace('_', '-');
    if (t.startsWith('zh')) return 'zh-CN';
    if (t.startsWith('en')) return 'en';
  }
  return 'en';
}

/** A ready i18next instance (synchronous init: resources are bundled). */
export function createI18n(lng: Language): I18n {
  const inst = createInstance();
  void inst.init({ lng, fallbackLng: 'en', resources, interpolation: { escapeValue: false }, initAsync: false });
  return inst;
}

const shared = new Map<Language, I18n>();

/** One i18next instance per language, made on first use; for code that formats text outside React (checks, exports). */
export function translatorFor(lng: Language): I18n {
  let inst = shared.get(lng);
  if (!inst) {
    inst = createI18n(lng);
    shared.set(lng, inst);
  }
  return inst;
}

/** The translated, user-facing sentence for an error payload. */
export function describeError(i18n: I18n, e: ErrorPayload): string {
  return i18n.t(`errors.${e.code}`, { ...e.params, detail: e.params?.detail ?? e.message, what: e.params?.what ?? '' });
}
