import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Claim } from '../../../shared/annotations.js';
import { parseRelation, type CheckerRelation, type CheckFinding } from '../../../shared/checks/index.js';
import { isFactDeskError, toErrorPayload } from '../../../shared/errors.js';
import { describeError } from '../../../shared/i18n/index.js';
import { client } from '../client.js';
import { i18n as appI18n } from '../i18n.js';

export interface RelationsSectionProps {
  articleId: string;
  claims: Claim[];
  relations: CheckerRelation[];
  /** The findings of the relations (kind `relation`), by relation id. */
  results: Map<string, CheckFinding>;
  readOnly: boolean;
  onError: (e: unknown) => void;
  onSelect: (f: CheckFinding) => void;
}

const letters = (n: number) => Array.from({ length: n }, (_, i) => String.fromCharCode(65 + i));

/**
 * Relations a fact-checker states among the article's claims (`A + B ≤ C`),
 * stored with the claims and evaluated on every edit with the automatic checks.
 */
export function RelationsSection({ articleId, claims, relations, results, readOnly, onError, onSelect }: RelationsSectionProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<{ expression: string; claimIds: string[] } | null>(null);
  const quoteOf = (id: string) => claims.find((c) => c.id === id)?.anchor.quote ?? '?';

  // How many letters the expression uses (A…), and whether it reads at all.
  const parsed = useMemo(() => {
    if (!draft?.expression.trim()) return { count: 0, error: null as string | null };
    try {
      const refs = parseRelation(draft.expression).refs.filter((r) => /^[A-Z]$/.test(r));
      const count = refs.length ? Math.max(...refs.map((r) => r.charCodeAt(0) - 64)) : 0;
      return { count, error: null };
    } catch (e) {
      return { count: 0, error: isFactDeskError(e) ? describeError(appI18n, toErrorPayload(e)) : String(e) };
    }
  }, [draft?.expression]);

  return (
    <section className="relations" aria-label={t('review.relations')}>
      <h3 className="section-heading">{t('review.relations')}</h3>
      {relations.length === 0 ? <p className="muted">{t('review.noRelations')}</p> : null}
      <ul className="relation-list">
        {relations.map((r) => {
          const f = results.get(r.id);
          return (
            <li key={r.id} className={f && !f.ok ? 'broken' : ''}>
              <button className="relation-row" onClick={() => f && onSelect(f)}>
                <span className="relation-expr">{r.expression}</span>
                <span className={`verdict ${f?.ok === false ? 'verdict-alarm' : 'verdict-ok'}`}>{f?.ok === false ? t('review.relationBroken') : t('review.relationHolds')}</span>
              </button>
              <div className="relation-legend muted">
                {r.claimIds.map((id, i) => `${String.fromCharCode(65 + i)} = ${quoteOf(id)}`).join(' · ')}
              </div>
              {f ? <div className="finding-explanation">{f.explanation}</div> : null}
              {!readOnly ? (
                <button className="link-button" onClick={() => void client['relations.remove']({ articleId, relationId: r.id }).catch(onError)}>
                  {t('review.remove')}
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
      {!readOnly && !draft ? (
        <button disabled={claims.length === 0} title={claims.length === 0 ? t('review.relationNeedsClaims') : undefined} onClick={() => setDraft({ expression: '', claimIds: [] })}>
          {t('review.addRelation')}
        </button>
      ) : null}
      {draft ? (
        <form
          className="relation-form"
          aria-label={t('review.addRelation')}
          onSubmit={(e) => {
            e.preventDefault();
            const claimIds = letters(parsed.count).map((_, i) => draft.claimIds[i] ?? '');
            void client['relations.add']({ articleId, expression: draft.expression, claimIds }).then(() => setDraft(null), onError);
          }}
        >
          <label className="stacked">
            {t('review.relationExpression')}
            <input
              className="field"
              placeholder="A + B ≤ C"
              value={draft.expression}
              onChange={(e) => setDraft({ ...draft, expression: e.target.value })}
              aria-invalid={!!parsed.error}
            />
          </label>
          <p className="muted hint">{t('review.relationHint')}</p>
          {parsed.error ? <p className="warn">{parsed.error}</p> : null}
          {letters(parsed.count).map((letter, i) => (
            <label key={letter} className="relation-pick">
              <span>{letter} =</span>
              <select
                aria-label={letter}
                value={draft.claimIds[i] ?? ''}
                onChange={(e) => {
                  const ids = [...draft.claimIds];
                  ids[i] = e.target.value;
                  setDraft({ ...draft, claimIds: ids });
                }}
              >
                <option value="">—</option>
                {claims.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.anchor.quote} ({c.anchor.prefix.slice(-8)}…)
                  </option>
                ))}
              </select>
            </label>
          ))}
          <div className="row">
            <span className="spacer" />
            <button type="button" onClick={() => setDraft(null)}>
              {t('review.cancel')}
            </button>
            <button type="submit" className="primary" disabled={!!parsed.error || parsed.count === 0 || letters(parsed.count).some((_, i) => !draft.claimIds[i])}>
              {t('review.saveRelation')}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
