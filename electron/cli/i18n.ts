/** The CLI's translations, in the language of the user's locale. */
import { createI18n, pickLanguage } from '../../shared/i18n/index.js';

type I18n = ReturnType<typeof createI18n>;
let i18n: I18n | undefined;

/**
 * Made on first use: asking ICU for the locale and setting up i18next cost
 * more than a whole `factdesk claims` run that succeeds, so only a command
 * that has something to translate pays for it.
 */
export function cliI18n(): I18n {
  return (i18n ??= createI18n(pickLanguage([process.env.LC_ALL, process.env.LC_MESSAGES, process.env.LANG, Intl.DateTimeFormat().resolvedOptions().locale])));
}
