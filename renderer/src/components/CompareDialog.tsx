import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiskComparison } from '../../../shared/annotations.js';
import { toErrorPayload } from '../../../shared/errors.js';
import { describeError } from '../../../shared/i18n/index.js';
import { client } from '../client.js';
import { DiffModeToggle, DiffView, type DiffMode } from './DiffView.js';
import { formatRevisionDate } from './HistoryPanel.js';
import { WideDialog } from './WideDialog.js';

export interface CompareDialogProps {
  articleId: string;
  /** SHA-256 of the file bytes the editor's text was based on (`doc.disk.hash`). */
  baseHash: string;
  /** The editor's text now, unsaved edits included. */
  text: string;
  /** Cancel: nothing changes. The caller unmounts the dialog on each of the three. */
  onClose: () => void;
  /** Discard the unsaved edits and load the file from disk. */
  onReload: () => void;
  /** Save the editor's text over the file (the disk version is already in the history). */
  onKeepMine: () => void;
}

/**
 * "Compare with disk": shown when the open article changed on disk while the
 * editor holds unsaved edits. Shows how the editor's text differs from the
 * file, and what changed on disk since the revision the editor started from,
 * then lets the editor reload, keep their text, or cancel.
 */
export function CompareDialog({ articleId, baseHash, text, onClose, onReload, onKeepMine }: CompareDialogProps) {
  const { t, i18n } = useTranslation();
  const [result, setResult] = useState<DiskComparison | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [mode, setMode] = useState<DiffMode>('side');
  // The text is read when comparing, not followed: the editor sits behind the modal.
  const textRef = useRef(text);
  textRef.current = text;

  const compare = useCallback(async () => {
    try {
      setResult(await client['articles.compareDisk']({ id: articleId, baseHash, text: textRef.current }));
      setError(null);
    } catch (e) {
      setError(describeError(i18n, toErrorPayload(e)));
    }
  }, [articleId, baseHash, i18n]);

  useEffect(() => {
    void compare();
    // The file may change again while the dialog is open.
    return client.on('article.changedOnDisk', ({ id, missing }) => {
      if (id === articleId && !missing) void compare();
    });
  }, [articleId, compare]);

  const base = result?.base ?? null;
  const footer = (
    <div className="compare-actions">
      <div className="compare-choice">
        <button onClick={onReload} disabled={!result}>
          {t('history.compare.reload')}
        </button>
        <span className="muted">{t('history.compare.reloadHint')}</span>
      </div>
      <div className="compare-choice">
        <button onClick={onKeepMine} disabled={!result}>
          {t('history.compare.keepMine')}
        </button>
        <span className="muted">{t('history.compare.keepMineHint')}</span>
      </div>
      <span className="spacer" />
      <button onClick={onClose}>{t('history.compare.cancel')}</button>
    </div>
  );

  return (
    <WideDialog title={t('history.compare.title')} onClose={onClose} footer={footer}>
      {error ? (
        <p className="banner banner-error" role="alert">
          {error}
        </p>
      ) : null}
      {!result && !error ? <p className="muted">{t('history.compare.loading')}</p> : null}
      {result ? (
        <>
          <div className="compare-toolbar">
            <span className="muted">{t('history.diff.view')}</span>
            <DiffModeToggle mode={mode} onChange={setMode} />
          </div>
          <section className="compare-section">
            <h4>{t('history.compare.mineHeading')}</h4>
            {result.mine ? (
              <DiffView
                diff={result.mine}
                label={t('history.compare.mineLabel')}
                oldLabel={t('history.compare.mineOld')}
                newLabel={t('history.compare.mineNew')}
                removedLabel={t('history.compare.mineRemoved')}
                addedLabel={t('history.compare.mineAdded')}
                mode={mode}
                modeToggle={false}
              />
            ) : null}
          </section>
          <section className="compare-section">
            <h4>
              {base ? t('history.compare.diskHeading', { n: base.n, date: formatRevisionDate(base.at, i18n.language) }) : t('history.compare.diskHeadingUnknown')}
            </h4>
            {!base ? (
              <p className="muted">{t('history.compare.baseUnknown')}</p>
            ) : !result.changed ? (
              <p className="muted">{t('history.compare.diskUnchanged')}</p>
            ) : (
              <DiffView
                diff={result.diff}
                label={t('history.compare.diskLabel', { n: base.n })}
                oldLabel={t('history.compare.diskOld', { n: base.n })}
                newLabel={t('history.compare.diskNew')}
                mode={mode}
                modeToggle={false}
              />
            )}
          </section>
        </>
      ) : null}
    </WideDialog>
  );
}
