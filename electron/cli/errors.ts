import { isFactDeskError, toErrorPayload } from '../../shared/errors.js';
import type { CliIo } from './command.js';

/**
 * Prints a translated error on stderr; resolves to exit code 2 for
 * user-facing errors, 1 for internal ones. The translations are loaded here,
 * on the way out, so a command that succeeds never parses them.
 */
export async function reportError(io: CliIo, e: unknown): Promise<number> {
  const [{ describeError }, { cliI18n }] = await Promise.all([import('../../shared/i18n/index.js'), import('./i18n.js')]);
  io.err(`factdesk: ${describeError(cliI18n(), toErrorPayload(e))}`);
  if (!isFactDeskError(e) && e instanceof Error && e.stack && process.env.FACTDESK_DEBUG) io.err(e.stack);
  return isFactDeskError(e) ? 2 : 1;
}
