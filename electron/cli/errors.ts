import { isFactDeskError, toErrorPayload } from '../../shared/errors.js';
import { createI18n, describeError, pickLanguage } from '../../shared/i18n/index.js';
import type { CliIo } from './command.js';

type I18n = ReturnType<typeof createI18n>;
let i18n: I18n | undefined;

/**
 * The CLI's translations in the user's language, made on first use: asking
 * ICU for the locale and setting up i18next cost more than a whole
 * `factdesk claims` run that succeeds, so only a command that has something
 * to translate pays for it.
 */
export function cliI18n(): I18n {
  return (i18n ??= createI18n(pickLanguage([process.env.LC_ALL, process.env.LC_MESSAGES, process.env.LANG, Intl.DateTimeFormat().resolvedOptions().locale])));
}

/** Prints a translated error on stderr; returns exit code 2 for user-facing errors, 1 for internal ones. */
export function reportError(io: CliIo, e: unknown): number {
  const payload = toErrorPayload(e);
  io.err(`factdesk: ${describeError(cliI18n(), payload)}`);
  if (!isFactDeskError(e) && e instanceof Error && e.stack && process.env.FACTDESK_DEBUG) io.err(e.stack);
  return isFactDeskError(e) ? 2 : 1;
}
