import { useTranslation } from 'react-i18next';
import { claimStatuses, type ClaimStatus } from '../../../shared/annotations.js';
import { bulkProgressStore, lastBatchStore, undoLastBatch, type BulkChange } from '../stores/board.js';
import { mayGive, profileStore } from '../stores/profile.js';
import { useStore } from '../stores/store.js';
import { showDialog } from '../stores/ui.js';
import { workspaceStore } from '../stores/workspace.js';

/**
 * The bulk changes offered for picked claims (on the board and in an
 * article's claim list): status, assignee, a source added to each; the
 * progress of the change and Undo for the last batch.
 */
export function BulkActions({ selected, onChange }: { selected: number; onChange: (change: BulkChange) => void }) {
  const { t } = useTranslation();
  const progress = useStore(bulkProgressStore);
  const batch = useStore(lastBatchStore);
  const readOnly = useStore(workspaceStore, (w) => !!w?.readOnly);
  // Read so the offered statuses follow a change of role.
  useStore(profileStore);
  const busy = !!progress || readOnly;
  const ask = (title: string, message: string, then: (value: string) => void) =>
    showDialog({
      title,
      message,
      input: '',
      buttons: [
        { label: title, value: 'ok', primary: true },
        { label: t('editor.cancel'), value: 'cancel' },
      ],
      onClose: (v, value) => {
        showDialog(null);
        if (v === 'ok') then(value.trim());
      },
    });
  return (
    <>
      <select aria-label={t('board.bulk.setStatus')} value="" disabled={!selected || busy} onChange={(e) => e.target.value && onChange({ status: e.target.value as ClaimStatus })}>
        <option value="">{t('board.bulk.setStatus')}</option>
        {claimStatuses.map((s) => (
          // A verdict is a fact-checker's: not offered to an editor (the services refuse it too).
          <option key={s} value={s} disabled={!!mayGive(s)}>
            {t(`review.status.${s}`)}
          </option>
        ))}
      </select>
      <button disabled={!selected || busy} onClick={() => ask(t('board.bulk.assign'), t('board.bulk.assignPrompt'), (v) => onChange({ assignee: v || null }))}>
        {t('board.bulk.assign')}
      </button>
      <button disabled={!selected || busy} onClick={() => ask(t('board.bulk.addSource'), t('board.bulk.addSourcePrompt'), (url) => url && onChange({ addSource: { url, title: url } }))}>
        {t('board.bulk.addSource')}
      </button>
      {progress ? (
        <span role="status">
          <progress max={progress.total} value={progress.done} /> {t('board.bulk.progress', progress)}
        </span>
      ) : batch ? (
        <span role="status" className="bulk-done">
          {batch.undone ? t('board.bulk.undone', { count: batch.changed }) : t('board.bulk.done', { count: batch.changed })}
          {!batch.undone ? (
            <button onClick={() => void undoLastBatch()} disabled={readOnly}>
              {t('board.bulk.undo')}
            </button>
          ) : null}
        </span>
      ) : null}
    </>
  );
}
