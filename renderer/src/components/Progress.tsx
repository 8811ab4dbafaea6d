import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { progressStore, type ProgressTask } from '../stores/progress.js';
import { useStore } from '../stores/store.js';

/** Work quicker than this shows nothing: a flash of a spinner is worse than none. */
export const progressDelayMs = 300;

/** True once `active` has stayed true for `progressDelayMs` (false again as soon as it is not). */
export function useDelayed(active: boolean, since?: number): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!active) return setShown(false);
    const wait = Math.max(0, progressDelayMs - (since !== undefined ? performance.now() - since : 0));
    const timer = setTimeout(() => setShown(true), wait);
    return () => clearTimeout(timer);
  }, [active, since]);
  return active && shown;
}

/**
 * One progress bar: determinate when `total` is known (role=progressbar with
 * its value), otherwise a moving bar with the label alone.
 */
export function ProgressBar({ label, done, total }: { label: string; done?: number; total?: number }) {
  const { t } = useTranslation();
  const known = total !== undefined && total > 0 && done !== undefined;
  return (
    <div
      className={`progress${known ? '' : ' progress-indeterminate'}`}
      role="progressbar"
      aria-label={label}
      {...(known ? { 'aria-valuemin': 0, 'aria-valuemax': total, 'aria-valuenow': done, 'aria-valuetext': t('progress.of', { done, total }) } : {})}
    >
      <span className="progress-label">{label}</span>
      <span className="progress-track" aria-hidden="true">
        <span className="progress-fill" style={known ? { width: `${Math.round((done / total) * 100)}%` } : undefined} />
      </span>
      {known ? <span className="progress-count">{t('progress.of', { done, total })}</span> : null}
    </div>
  );
}

/** Progress in place (a panel loading its data), shown only after the delay. */
export function DelayedProgress({ active, label, done, total }: { active: boolean; label: string; done?: number; total?: number }) {
  const shown = useDelayed(active);
  return <div aria-live="polite">{shown ? <ProgressBar label={label} {...(done !== undefined ? { done } : {})} {...(total !== undefined ? { total } : {})} /> : null}</div>;
}

/**
 * The window's progress indicator: the oldest task the client is waiting on
 * (stores/progress.ts), once it has run ~300 ms. The live region is always
 * there, so screen readers hear it when it appears.
 */
export function ProgressIndicator() {
  const { t } = useTranslation();
  const tasks = useStore(progressStore);
  const first: ProgressTask | undefined = tasks[0];
  const shown = useDelayed(!!first, first?.since);
  return (
    <div className="progress-indicator" role="status" aria-live="polite">
      {shown && first ? <ProgressBar label={t(first.label)} {...(first.total !== undefined ? { done: first.done ?? 0, total: first.total } : {})} /> : null}
    </div>
  );
}
