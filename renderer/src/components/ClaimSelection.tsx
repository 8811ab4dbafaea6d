import { memo, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Claim } from '../../../shared/annotations.js';
import { bulkProgressStore } from '../stores/board.js';
import { bulkChangePicked, claimSelectionStore, clearPickedClaims, pickAllShown, pickClaim, pickedClaims, setShownClaims } from '../stores/claim-selection.js';
import { useStore } from '../stores/store.js';
import { BulkActions } from './BulkActions.js';
import '../claim-tools.css';

/** Whether a key event comes from a place that types (where Ctrl+A selects text). */
const typing = (el: Element | null) => !!el && (el.matches('input:not([type=checkbox]):not([type=radio]):not([type=button]), textarea, select, [contenteditable="true"]') || !!el.closest('.cm-editor'));

/**
 * The bulk bar over an article's claim list: how many are picked, select
 * all shown (also Ctrl+A while the list has the focus), clear, and the bulk
 * changes. It also tells the selection store what the list shows, in order.
 */
export const ClaimPickBar = memo(function ClaimPickBar({ articleId, shown, readOnly }: { articleId: string; shown: readonly Claim[]; readOnly: boolean }) {
  const { t } = useTranslation();
  // Read so the count follows the selection and the list.
  useStore(claimSelectionStore);
  const progress = useStore(bulkProgressStore);
  // Drawn again only when the list, the selection or a bulk change does (not per keystroke in the text).
  const ids = useMemo(() => shown.map((c) => c.id), [shown]);
  setShownClaims(articleId, ids);
  const picked = pickedClaims(articleId).length;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.shiftKey || e.altKey || e.key.toLowerCase() !== 'a') return;
      const el = document.activeElement;
      const inList = !!el?.closest('.claim-list.stored, .claim-pick-bar') && !el.closest('.claim-card');
      if (!inList || typing(el)) return;
      e.preventDefault();
      pickAllShown(articleId);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [articleId]);

  // Shown while claims are picked (the last batch's Undo with them) or a bulk change runs.
  if (readOnly || (!picked && !progress)) return null;
  return (
    <div className="bulk-bar claim-pick-bar" role="toolbar" aria-label={t('board.pick.bar')}>
      <span>{t('board.selected', { count: picked })}</span>
      <button onClick={() => pickAllShown(articleId)} title="Ctrl+A" disabled={!shown.length}>
        {t('board.pick.all')}
      </button>
      <button onClick={clearPickedClaims} disabled={!picked}>
        {t('board.bulk.clearSelection')}
      </button>
      <BulkActions selected={picked} onChange={(change) => void bulkChangePicked(articleId, change)} />
    </div>
  );
});

/** A claim row's box: picks the claim for a bulk change (Shift: the range from the last one; Ctrl/Cmd: add or remove). */
export function ClaimPickBox({ articleId, claim }: { articleId: string; claim: Claim }) {
  const { t } = useTranslation();
  const picked = useStore(claimSelectionStore, (s) => s.articleId === articleId && s.ids.has(claim.id));
  return (
    <input
      type="checkbox"
      className="claim-pick"
      aria-label={t('board.pick.one', { quote: claim.anchor.quote })}
      checked={picked}
      onChange={() => {}}
      onClick={(e) => {
        e.stopPropagation();
        // A plain click on the box adds or removes that one (like Ctrl+click on the row).
        pickClaim(articleId, claim.id, { shift: e.shiftKey, toggle: true });
      }}
    />
  );
}
