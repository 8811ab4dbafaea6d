/** The error banner: the one message a user must read now (translated). */
import { isFactDeskError, toErrorPayload } from '../../../shared/errors.js';
import { describeError } from '../../../shared/i18n/index.js';
import { i18n } from '../i18n.js';
import { Store } from './store.js';

export const errorStore = new Store<string | null>(null);

/** Shows what went wrong; an error that is not one of ours is logged with its stack too. */
export function showError(e: unknown): void {
  if (!isFactDeskError(e)) console.error(e);
  errorStore.set(describeError(i18n, toErrorPayload(e)));
}

export const clearError = () => errorStore.set(null);
