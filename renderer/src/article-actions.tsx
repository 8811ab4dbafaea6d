/** The article list's and the claim card's commands that ask the user first (a dialog). */
import { isFactDeskError, toErrorPayload } from '../../shared/errors.js';
import { describeError } from '../../shared/i18n/index.js';
import type { DialogProps } from './components/Dialog.js';
import type { Claim } from '../../shared/annotations.js';
import type { ArticleSummary, TrashEntry } from '../../shared/model.js';
import { client } from './client.js';
import { i18n } from './i18n.js';
import { selectClaim } from './stores/claims.js';
import { showError } from './stores/errors.js';
import { closeArticle, loadArticle, openArticleStore } from './stores/open-article.js';
import { guardUnsaved, showDialog } from './stores/ui.js';
import { isReadOnly, refreshArticles } from './stores/workspace.js';

const t = (key: string, opts?: Record<string, unknown>) => i18n.t(key, opts);

/**
 * Creating does not touch the open article, so the file is made first: a name the services
 * refuse (no extension, outside the workspace) keeps the dialog open with the reason; only
 * opening the new article asks about unsaved edits.
 */
export const createArticle = () => {
  const props: DialogProps = {
    title: t('articles.new'),
    message: t('articles.newPrompt'),
    input: t('articles.defaultName'),
    buttons: [
      { label: t('articles.new'), value: 'ok', primary: true },
      { label: t('editor.cancel'), value: 'cancel' },
    ],
    onClose: (v, name) => {
      if (v !== 'ok') return showDialog(null);
      if (!name.trim()) return;
      void client['articles.create']({ name: name.trim() }).then(
        async (a) => {
          showDialog(null);
          await refreshArticles();
          guardUnsaved(() => void loadArticle(a.id));
        },
        (e: unknown) => {
          if (!isFactDeskError(e)) console.error(e);
          showDialog({ ...props, error: describeError(i18n, toErrorPayload(e)) });
        },
      );
    },
  };
  showDialog(props);
};

export const renameArticle = (a: ArticleSummary) =>
  showDialog({
    title: t('articles.rename'),
    message: t('articles.renamePrompt'),
    input: a.path,
    buttons: [
      { label: t('articles.rename'), value: 'ok', primary: true },
      { label: t('editor.cancel'), value: 'cancel' },
    ],
    onClose: (v, name) => {
      showDialog(null);
      if (v === 'ok' && name.trim() && name.trim() !== a.path) void client['articles.rename']({ id: a.id, name: name.trim() }).then(refreshArticles, showError);
    },
  });

export const deleteArticle = (a: ArticleSummary) =>
  showDialog({
    title: t('articles.delete'),
    message: t('articles.deleteConfirm', { name: a.title }),
    buttons: [
      { label: t('articles.delete'), value: 'ok', primary: true },
      { label: t('editor.cancel'), value: 'cancel' },
    ],
    onClose: (v) => {
      showDialog(null);
      if (v !== 'ok') return;
      void client['articles.delete']({ id: a.id }).then(() => {
        if (openArticleStore.get()?.doc.id === a.id) closeArticle();
        return refreshArticles();
      }, showError);
    },
  });

export async function showTrash(): Promise<void> {
  let entries: TrashEntry[] = [];
  try {
    entries = await client['trash.list']({});
  } catch (e) {
    return showError(e);
  }
  showDialog({
    title: t('articles.trash'),
    message: entries.length ? (
      <ul className="trash-list">
        {entries.map((e) => (
          <li key={e.trashId}>
            <span>{e.path}</span>
            <span className="muted">{new Date(e.deletedAt).toLocaleString(i18n.language)}</span>
            <button
              disabled={isReadOnly()}
              onClick={() => {
                showDialog(null);
                void client['trash.restore']({ trashId: e.trashId }).then(refreshArticles, showError);
              }}
            >
              {t('articles.restore')}
            </button>
          </li>
        ))}
      </ul>
    ) : (
      t('articles.trashEmpty')
    ),
    buttons: [{ label: t('editor.cancel'), value: 'cancel', primary: true }],
    onClose: () => showDialog(null),
  });
}

export const deleteClaim = (c: Claim) =>
  showDialog({
    title: t('review.deleteClaim'),
    message: t('review.deleteConfirm', { quote: c.anchor.quote }),
    buttons: [
      { label: t('review.deleteClaim'), value: 'ok', primary: true },
      { label: t('editor.cancel'), value: 'cancel' },
    ],
    onClose: (v) => {
      showDialog(null);
      const open = openArticleStore.get();
      if (v === 'ok' && open) void client['claims.delete']({ articleId: open.doc.id, claimId: c.id }).then(() => selectClaim(null), showError);
    },
  });
