import { isFactDeskError, toErrorPayload } from '../../shared/errors.js';
import { createI18n, describeError, pickLanguage } from '../../shared/i18n/index.js';
import type { CliIo } from './command.js';

const i18n = createI18n(pickLanguage([process.env.LC_ALL, process.env.LC_MESSAGES, process.env.LANG, Intl.DateTimeFormat().resolvedOptions().locale]));

/** Prints a translated error on stderr; returns exit code 2 for user-facing errors, 1 for internal ones. */
export function reportError(io: CliIo, e: unknown): number {
  const payload = toErrorPayload(e);
  io.err(`factdesk: ${describeError(i18n, payload)}`);
  if (!isFactDeskError(e) && e instanceof Error && e.stack && process.env.FACTDESK_DEBUG) io.err(e.stack);
  return isFactDeskError(e) ? 2 : 1;
}

export { i18n as cliI18n };
