import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArticleSummary } from '../../../shared/model.js';
import { useArticleProgress } from '../stores/article-progress.js';
import { articleTextHitsStore, searchArticleText } from '../stores/article-search.js';
import { useStore } from '../stores/store.js';
import { ClaimProgress } from './ClaimProgress.js';

export interface ArticleListProps {
  articles: ArticleSummary[];
  selectedId: string | null;
  readOnly: boolean;
  onSelect: (id: string) => void;
  onCreate: () => void;
  onRename: (a: ArticleSummary) => void;
  onDelete: (a: ArticleSummary) => void;
  onShowTrash: () => void;
}

export function ArticleList({ articles, selectedId, readOnly, onSelect, onCreate, onRename, onDelete, onShowTrash }: ArticleListProps) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState('');
  const hits = useStore(articleTextHitsStore);
  const shown = useMemo(() => {
    const query = filter.trim();
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (!words.length) return articles;
    // Titles and file names match at once; the articles' words come from the services once typing pauses.
    // Until they answer the new words, the answer to the words they extend stands (it can only narrow).
    const byText = hits && query.startsWith(hits.query) ? hits.ids : null;
    return articles.filter((a) => {
      const name = `${a.title}\n${a.path}`.toLowerCase();
      return words.every((w) => name.includes(w)) || !!byText?.has(a.id);
    });
  }, [articles, filter, hits]);

  return (
    <nav className="pane pane-articles" aria-label={t('articles.heading')}>
      <div className="pane-header">
        <h2>{t('articles.heading')}</h2>
        <span className="count">{articles.length}</span>
        <span className="spacer" />
        <button className="icon-button" title={t('articles.new')} aria-label={t('articles.new')} onClick={onCreate} disabled={readOnly}>
          +
        </button>
        <button className="icon-button" title={t('articles.trash')} aria-label={t('articles.trash')} onClick={onShowTrash}>
          <svg width="13" height="13" viewBox="0 0 16 16" aria-hidden="true">
            <path d="M6 2h4l.5 1H14v1.5H2V3h3.5zM3.5 5.5h9l-.7 8.5H4.2z" fill="currentColor" />
          </svg>
        </button>
      </div>
      <input
        className="filter"
        type="search"
        placeholder={t('articles.filterHint')}
        aria-label={t('articles.filter')}
        value={filter}
        onChange={(e) => {
          setFilter(e.target.value);
          searchArticleText(e.target.value);
        }}
      />
      {articles.length === 0 ? <p className="empty">{t('articles.empty')}</p> : shown.length === 0 ? <p className="empty">{t('articles.noMatch')}</p> : null}
      <ul className="article-list" role="listbox" aria-label={t('articles.heading')}>
        {shown.map((a) => (
          <li
            key={a.id}
            role="option"
            aria-selected={a.id === selectedId}
            className={`article-item${a.id === selectedId ? ' selected' : ''}${a.missing ? ' missing' : ''}`}
            onClick={() => onSelect(a.id)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                e.preventDefault();
                const sibling = e.key === 'ArrowDown' ? e.currentTarget.nextElementSibling : e.currentTarget.previousElementSibling;
                (sibling as HTMLElement | null)?.focus();
              }
              if (e.key === 'Enter' || e.key === ' ') onSelect(a.id);
              if (e.key === 'F2' && !readOnly) onRename(a);
              if (e.key === 'Delete' && !readOnly) onDelete(a);
            }}
            tabIndex={0}
            aria-keyshortcuts={readOnly ? undefined : 'F2 Delete'}
          >
            <div className="article-title">{a.title}</div>
            <div className="article-meta">
              <span className="file-name" title={a.path}>
                {a.path}
              </span>
            </div>
            <div className="article-meta">
              <span className={`badge workflow-${a.workflow}`}>{t(`workflow.${a.workflow}`)}</span>
              {a.missing ? <span className="badge badge-warn">{t('articles.missing')}</span> : null}
              <span className="claim-count">{a.claimCount === null ? t('articles.claimsUnknown') : t('articles.claims', { count: a.claimCount })}</span>
              <span className="spacer" />
              {!readOnly ? (
                // An option may hold no controls of its own (screen readers announce it as one item):
                // not even focusable ones. These are for the mouse; F2 / Delete do the same from the keyboard.
                <span className="row-actions" aria-hidden="true">
                  <span className="link-button" onClick={(e) => (e.stopPropagation(), onRename(a))}>
                    {t('articles.rename')}
                  </span>
                  <span className="link-button" onClick={(e) => (e.stopPropagation(), onDelete(a))}>
                    {t('articles.delete')}
                  </span>
                </span>
              ) : null}
            </div>
            <ArticleProgress article={a} />
          </li>
        ))}
      </ul>
    </nav>
  );
}

function ArticleProgress({ article }: { article: ArticleSummary }) {
  const counts = useArticleProgress(article.id, article.claimCount);
  return counts ? <ClaimProgress counts={counts} compact /> : null;
}
