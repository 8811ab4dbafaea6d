import { memo, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatementCandidate } from '../../../shared/annotations.js';
import { client } from '../client.js';

export interface StatementsSectionProps {
  articleId: string;
  /**
   * Changes whenever the article's claims do (the list's revision and count), so the statements
   * are asked again; null until the article's claims have come (which of them a claim covers is
   * part of the answer, and a long list must not wait behind it on the services).
   */
  refreshKey: string | null;
  readOnly: boolean;
  /** Saves unsaved edits first (statements point at the saved text). */
  ensureSaved: () => Promise<boolean>;
  onSelectClaim: (id: string) => void;
  onFocus: (start: number, end: number) => void;
  onError: (e: unknown) => void;
}

/**
 * The statements a checker verifies beyond figures (获评…, 受到…肯定, 首次,
 * 据…介绍): the ones not yet claims, each with its category, to look at in
 * the text and accept one by one or all at once as claims of kind statement.
 */
export const StatementsSection = memo(function StatementsSection({ articleId, refreshKey, readOnly, ensureSaved, onSelectClaim, onFocus, onError }: StatementsSectionProps) {
  const { t } = useTranslation();
  const [found, setFound] = useState<StatementCandidate[]>([]);
  const [busy, setBusy] = useState(false);
  // Listed only while open (up to 300 rows): closed, the section is its summary alone.
  const [open, setOpen] = useState(false);

  useEffect(() => {
    if (refreshKey === null) {
      // Another article's statements are not shown meanwhile.
      setFound([]);
      return;
    }
    let live = true;
    void client['claims.detectStatements']({ articleId }).then(
      (s) => live && setFound(s),
      () => live && setFound([]),
    );
    return () => {
      live = false;
    };
  }, [articleId, refreshKey]);

  const notClaimed = useMemo(() => found.filter((s) => s.claimId === null), [found]);
  if (notClaimed.length === 0) return null;
  const add = async (span?: { start: number; end: number }) => {
    setBusy(true);
    try {
      if (!(await ensureSaved())) return;
      const r = await client['claims.addDetected']({ articleId, ...(span ?? { kinds: ['statement'] }) });
      if (span && r.added[0]) onSelectClaim(r.added[0].id);
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <details className="statements-section" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('statements.section', { count: notClaimed.length })}</summary>
      {open && !readOnly ? (
        <button disabled={busy} onClick={() => void add()}>
          {t('statements.addAll', { count: notClaimed.length })}
        </button>
      ) : null}
      {open ? (
        <ul className="statement-list" aria-label={t('statements.section', { count: notClaimed.length })}>
          {notClaimed.slice(0, 300).map((s) => (
            <li key={`${s.start}-${s.end}`}>
              <span className={`statement-category statement-${s.category}`}>{t(`statements.category.${s.category}`)}</span>
              <button className="link-button statement-text" onClick={() => onFocus(s.start, s.end)}>
                {s.text}
              </button>
              {!readOnly ? (
                <button disabled={busy} onClick={() => void add({ start: s.start, end: s.end })}>
                  {t('statements.add')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </details>
  );
});
