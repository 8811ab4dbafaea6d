import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError, type Language } from '../../shared/i18n/index.js';
import { client } from './client.js';
import { ArticleEditor } from './components/ArticleEditor.js';
import { ArticleList } from './components/ArticleList.js';
import { CompareDialog } from './components/CompareDialog.js';
import { Dialog } from './components/Dialog.js';
import { NoticeBanners } from './components/NoticeBanners.js';
import { ExportDialog } from './components/ExportDialog.js';
import { PublicationBanner } from './components/PublicationBanner.js';
import { SidePanel } from './components/SidePanel.js';
import { ThemeSwitch } from './components/ThemeSwitch.js';
import { formatClaimValue } from './format.js';
import { i18n, setLanguage } from './i18n.js';
import { createArticle, deleteArticle, deleteClaim, renameArticle, showTrash } from './article-actions.js';
import { claimListStore, focusSpans, focusStore, loadClaims, selectClaim, selectedClaimStore, textSelectionStore } from './stores/claims.js';
import { connectionStore } from './stores/connection.js';
import { clearError, errorStore, showError } from './stores/errors.js';
import { useLiveArticle, useLiveValue } from './stores/live-article.js';
import {
  discardDraft,
  ensureSaved,
  hasUnsavedEdits,
  live,
  loadArticle,
  openArticleStore,
  recoveredStore,
  reopenRemembered,
  reloadFromDisk,
  restoreDraft,
  save,
  saveStateStore,
} from './stores/open-article.js';
import { useStore } from './stores/store.js';
import { comparingStore, dialogStore, exportingStore, guardUnsaved, importedStore, importRequestStore, viewStore } from './stores/ui.js';
import { Board } from './components/Board.js';
import { Dashboard } from './components/Dashboard.js';
import { ProgressIndicator } from './components/Progress.js';
import { ProfileButton, ProfileSetup } from './components/ProfileSetup.js';
import { acceptAtCursor, installReviewKeys } from './keyboard.js';
import { loadProfile } from './stores/profile.js';
import { appInfoStore, articlesStore, loadWorkspace, workspaceStore } from './stores/workspace.js';
import { TeamStatusIndicator } from './components/TeamStatusIndicator.js';
import { useLiveText } from './team/live-text.js';
import { teamBound } from './stores/open-article.js';
import { ReviewBanner, ReviewModeSwitch, useSuggestionMarks } from './components/Suggestions.js';
import { resolveSuggestions, reviewModeStore, suggestFromEditor } from './stores/suggestions.js';
import { setStatusByKey } from './keyboard.js';

/** The window's layout; what it shows lives in the stores (renderer/src/stores/). */
export function App() {
  useEffect(() => {
    void loadWorkspace().then(() => reopenRemembered(articlesStore.get().map((a) => a.id)));
    void loadProfile();
  }, []);
  useEffect(() => installReviewKeys(), []);
  useGlobalKeys();
  const open = useStore(openArticleStore);
  const dialog = useStore(dialogStore);
  const view = useStore(viewStore);
  return (
    <div className="app">
      <Toolbar />
      <Banners />
      {view === 'board' ? (
        <main className="panes panes-board">
          <Board />
        </main>
      ) : view === 'dashboard' ? (
        <main className="panes panes-dashboard">
          <Dashboard />
        </main>
      ) : (
        <main className="panes">
          <Articles />
          <ArticlePane />
          <ReviewPanel />
        </main>
      )}
      <StatusBar />
      <ProgressIndicator />
      {dialog ? <Dialog {...dialog} /> : null}
      <CompareOverlay />
      <ExportOverlay hasArticle={!!open} />
    </div>
  );
}

/** Ctrl/Cmd+S saves wherever the focus is (the editor handles it itself when focused); Ctrl/Cmd+E exports. */
function useGlobalKeys() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || !(e.ctrlKey || e.metaKey) || e.altKey) return;
      if (e.shiftKey && e.key.toLowerCase() === 'b') {
        e.preventDefault();
        viewStore.set((v) => (v === 'board' ? 'article' : 'board'));
        return;
      }
      if (e.key.toLowerCase() === 'e' && !e.shiftKey) {
        e.preventDefault();
        exportingStore.set(true);
        return;
      }
      if (e.key.toLowerCase() !== 's') return;
      e.preventDefault();
      void save();
    };
    window.addEventListener('keydown', onKey);
    const warn = (e: BeforeUnloadEvent) => {
      if (openArticleStore.get() && hasUnsavedEdits()) e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('beforeunload', warn);
    };
  }, []);
}

/** A flag that flips, not the text: re-renders when the article becomes (un)saved, not per key. */
function useDirty(): boolean {
  const hasOpen = useStore(openArticleStore, (o) => !!o);
  return useLiveValue(live, (a) => !!a?.dirty()) && hasOpen;
}

function Toolbar() {
  const { t } = useTranslation();
  const workspace = useStore(workspaceStore);
  const hasOpen = useStore(openArticleStore, (o) => !!o);
  const saveState = useStore(saveStateStore);
  const importRequest = useStore(importRequestStore);
  const view = useStore(viewStore);
  const dirty = useDirty();
  const importInput = useRef<HTMLInputElement>(null);
  const readOnly = !!workspace?.readOnly;
  const lang = i18n.language as Language;
  useEffect(() => {
    if (importRequest) importInput.current?.click();
  }, [importRequest]);
  return (
    <header className="toolbar">
      <span className="brand">{t('app.name')}</span>
      <span className="workspace-name" title={workspace?.root}>
        {workspace?.name ?? ''}
      </span>
      {readOnly ? (
        <span className="badge badge-warn" title={workspace?.readOnlyReason}>
          {t('app.readOnly')}
        </span>
      ) : null}
      <span className="spacer" />
      {hasOpen && view === 'article' ? <ReviewModeSwitch /> : null}
      <div className="view-switch" role="group" aria-label={t('board.view')} title="Ctrl+Shift+B">
        <button aria-pressed={view === 'article'} onClick={() => viewStore.set('article')}>
          {t('board.article')}
        </button>
        <button aria-pressed={view === 'board'} onClick={() => viewStore.set('board')}>
          {t('board.board')}
        </button>
        <button aria-pressed={view === 'dashboard'} onClick={() => viewStore.set('dashboard')}>
          {t('view.dashboard')}
        </button>
      </div>
      <button onClick={() => exportingStore.set(true)} title="Ctrl+E">
        {t('menu.export')}
      </button>
      {hasOpen ? (
        <button onClick={() => importInput.current?.click()} disabled={readOnly} title={t('exportDialog.importChoose')}>
          {t('menu.importAnnotations')}
        </button>
      ) : null}
      <input
        ref={importInput}
        type="file"
        accept=".jsonld,.json,application/ld+json,application/json"
        hidden
        aria-label={t('exportDialog.importTitle')}
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          const cur = openArticleStore.get();
          if (!f || !cur) return;
          void f.text().then(async (json) => {
            try {
              const r = await client['export.import']({ articleId: cur.doc.id, json });
              importedStore.set(t('exportDialog.imported', { total: r.attached + r.detached, attached: r.attached, detached: r.detached }));
              await loadClaims(cur.doc.id);
            } catch (err) {
              showError(err);
            }
          });
        }}
      />
      {hasOpen ? (
        <button className="primary" onClick={() => void save()} disabled={!dirty || readOnly || saveState === 'saving'} title="Ctrl+S">
          {t('editor.save')}
        </button>
      ) : null}
      <ProfileButton />
      <ThemeSwitch />
      <label className="lang-switch">
        <span>{t('app.language')}</span>
        <select value={lang} onChange={(e) => setLanguage(e.target.value as Language)} aria-label={t('app.language')}>
          <option value="zh-CN">中文</option>
          <option value="en">English</option>
        </select>
      </label>
    </header>
  );
}

function Banners() {
  const { t } = useTranslation();
  const workspace = useStore(workspaceStore);
  const imported = useStore(importedStore);
  const error = useStore(errorStore);
  return (
    <>
      {workspace?.readOnly ? (
        <div className="banner banner-warn" role="status">
          {workspace.lockedBy
            ? describeError(i18n, { code: 'workspace-locked', message: '', params: { pid: workspace.lockedBy.pid } })
            : t('editor.readOnlyBanner', { reason: workspace.readOnlyReason ?? '' })}
        </div>
      ) : null}
      <ProfileSetup />
      <NoticeBanners />
      {imported ? (
        <div className="banner banner-ok" role="status">
          <span>{imported}</span>
          <button className="link-button" onClick={() => importedStore.set(null)} aria-label="×">
            ×
          </button>
        </div>
      ) : null}
      {error ? (
        <div className="banner banner-error" role="alert">
          <span>{error}</span>
          <button className="link-button" onClick={clearError} aria-label="×">
            ×
          </button>
        </div>
      ) : null}
    </>
  );
}

function Articles() {
  const articles = useStore(articlesStore);
  const readOnly = useStore(workspaceStore, (w) => !!w?.readOnly);
  const openId = useStore(openArticleStore, (o) => o?.doc.id ?? null);
  return (
    <ArticleList
      articles={articles}
      selectedId={openId}
      readOnly={readOnly}
      onSelect={(id) => id !== openId && guardUnsaved(() => void loadArticle(id))}
      onCreate={createArticle}
      onRename={renameArticle}
      onDelete={deleteArticle}
      onShowTrash={() => void showTrash()}
    />
  );
}

function ArticlePane() {
  const { t } = useTranslation();
  const open = useStore(openArticleStore);
  const recovered = useStore(recoveredStore);
  const readOnly = useStore(workspaceStore, (w) => !!w?.readOnly);
  const focus = useStore(focusStore);
  const claimList = useStore(claimListStore);
  const dirty = useDirty();
  const teamText = useLiveText(open?.doc.id ?? null);
  teamBound.current = !!teamText;
  const reviewing = useStore(reviewModeStore);
  const suggestionMarks = useSuggestionMarks(open?.doc.id ?? null, open?.doc.text ?? null);
  const stored = useMemo(
    () =>
      open && claimList && claimList.articleId === open.doc.id
        ? { marks: claimList.claims.map((c) => ({ id: c.id, start: c.anchor.start, end: c.anchor.end, status: c.status })), baseText: open.doc.text }
        : null,
    // The marks follow the stored list and the saved text, not every keystroke.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [claimList, open?.doc],
  );
  return (
    <section className="pane pane-article" aria-label={open?.doc.title ?? t('editor.noArticle')}>
      {open ? (
        <>
          <div className="article-header">
            <h1 className="article-heading">{open.doc.title}</h1>
            <div className="article-path">{open.doc.path}</div>
          </div>
          {open.missing ? <div className="banner banner-warn">{t('editor.missingOnDisk')}</div> : null}
          <PublicationBanner articleId={open.doc.id} revisionKey={open.doc.disk.hash} onExport={() => exportingStore.set(true)} />
          {recovered && recovered.articleId === open.doc.id ? (
            <div className="banner banner-warn" role="alert">
              <span>
                {t('editor.draftFound', { time: new Date(recovered.draft.savedAt).toLocaleString(i18n.language) })}
                {recovered.draft.baseHash !== open.doc.disk.hash ? ` ${t('editor.draftFileChanged')}` : ''}
              </span>
              <span className="spacer" />
              <button onClick={restoreDraft}>{t('editor.draftRestore')}</button>
              <button onClick={discardDraft}>{t('editor.draftDiscard')}</button>
            </div>
          ) : null}
          {open.conflict ? (
            <div className="banner banner-warn outside-change" role="alert">
              <span>{dirty ? t('editor.changedOnDiskDirty') : t('editor.changedOnDisk')}</span>
              <span className="spacer" />
              <button onClick={() => void reloadFromDisk(open.doc.id)}>{t('editor.reload')}</button>
              <button onClick={() => void save(true)}>{t('editor.keepMine')}</button>
              <button onClick={() => comparingStore.set(true)}>{t('editor.compare')}</button>
            </div>
          ) : null}
          <ReviewBanner />
          <ArticleEditor
            docKey={`${open.doc.id}:${open.generation}${teamText ? ':team' : ''}`}
            text={teamText?.text ?? open.text}
            extensions={teamText ? [teamText.extension] : undefined}
            savedText={open.doc.text}
            live={live}
            readOnly={readOnly}
            label={open.doc.title}
            onSave={() => void save()}
            describeClaim={(c) => t('claimKind.tooltip', { kind: t(`claimKind.${c.kind}`), value: formatClaimValue(c, i18n.language) })}
            describeStatement={(c) => t('statements.mark', { category: t(`statements.category.${c}`) })}
            focus={focus}
            stored={stored}
            onClaimClick={selectClaim}
            onSelection={(s) => textSelectionStore.set(s)}
            onAcceptAtCursor={(pos) => void acceptAtCursor(pos)}
            describeStored={describeStoredClaim}
            format={open.doc.format}
            reviewing={reviewing}
            reviewKeys={{ onSuggest: (sel) => suggestFromEditor(sel && { ...sel, quote: live.current()?.state.sliceDoc(sel.start, sel.end) ?? '' }), onStatus: (n) => void setStatusByKey(n), onResolve: (how, id) => void resolveSuggestions(how, [id]) }}
            suggestions={suggestionMarks}
          />
        </>
      ) : (
        <div className="placeholder">{t('editor.noArticle')}</div>
      )}
    </section>
  );
}

function ReviewPanel() {
  const open = useStore(openArticleStore);
  const readOnly = useStore(workspaceStore, (w) => !!w?.readOnly);
  const claimList = useStore(claimListStore);
  const selection = useStore(textSelectionStore);
  const selectedClaimId = useStore(selectedClaimStore);
  const dirty = useDirty();
  return (
    <SidePanel
      live={live}
      onFocus={focusSpans}
      review={
        open
          ? {
              articleId: open.doc.id,
              list: claimList && claimList.articleId === open.doc.id ? claimList : null,
              readOnly,
              selection,
              selectedClaimId,
              onSelectClaim: selectClaim,
              ensureSaved,
              onError: showError,
              onDeleteClaim: deleteClaim,
            }
          : null
      }
      history={
        open
          ? {
              articleId: open.doc.id,
              readOnly,
              dirty,
              onRestored: () => void loadArticle(open.doc.id),
              onError: showError,
            }
          : null
      }
    />
  );
}

function StatusBar() {
  const { t } = useTranslation();
  const readOnlyTeam = useStore(workspaceStore, (w) => !!w?.readOnly);
  const appInfo = useStore(appInfoStore);
  const open = useStore(openArticleStore);
  const saveState = useStore(saveStateStore);
  const connection = useStore(connectionStore);
  const dirty = useDirty();
  return (
    <footer className="statusbar">
      <span>{appInfo ? (appInfo.host === 'electron' ? t('app.desktop') : t('app.browserMode')) : ''}</span>
      {open ? (
        <>
          <span>{dirty ? (saveState === 'saving' ? t('editor.saving') : t('editor.unsaved')) : t('editor.saved')}</span>
          <CharacterCount />
          <span>
            {t('status.encoding')}: {open.doc.encoding.toUpperCase()}
            {open.doc.bom ? ' BOM' : ''}
          </span>
          <span>
            {t('status.lineEndings')}: {open.doc.lineEnding.toUpperCase()}
          </span>
        </>
      ) : null}
      <span className="spacer" />
      <TeamStatusIndicator readOnly={readOnlyTeam} />
      <span className={connection === 'up' ? 'muted' : 'warn'} role="status">
        {t(`status.${connection}`)}
      </span>
      <span className="muted">v{appInfo?.version}</span>
    </footer>
  );
}

function CompareOverlay() {
  const comparing = useStore(comparingStore);
  const open = useStore(openArticleStore);
  if (!comparing || !open) return null;
  return (
    <CompareDialog
      articleId={open.doc.id}
      baseHash={open.doc.disk.hash}
      text={live.current()?.text() ?? open.text}
      onClose={() => comparingStore.set(false)}
      onReload={() => {
        comparingStore.set(false);
        void reloadFromDisk(open.doc.id);
      }}
      onKeepMine={() => {
        comparingStore.set(false);
        void save(true);
      }}
    />
  );
}

function ExportOverlay({ hasArticle }: { hasArticle: boolean }) {
  const exporting = useStore(exportingStore);
  const openId = useStore(openArticleStore, (o) => o?.doc.id ?? null);
  if (!exporting) return null;
  return (
    <ExportDialog
      articleId={hasArticle ? openId : null}
      onClose={() => exportingStore.set(false)}
      onShowClaim={(claimId, start, end) => {
        exportingStore.set(false);
        selectClaim(claimId);
        focusSpans([{ start, end, tone: 'claim' }]);
      }}
    />
  );
}

/** A stored claim's hover tooltip: status, then the verdict note and who last changed it. */
function describeStoredClaim(id: string): string | null {
  const c = claimListStore.get()?.claims.find((x) => x.id === id);
  if (!c) return null;
  const t = i18n.t.bind(i18n);
  const parts = [t(`review.status.${c.status}`)];
  if (c.verdictNote) parts.push(c.verdictNote);
  if (c.status !== 'unchecked' && c.updatedBy) parts.push(t('claimKind.checkedBy', { name: c.updatedBy }));
  return parts.join(' · ');
}

/** The status bar's character count: follows the text once the page is idle (like Word's count). */
function CharacterCount() {
  const { t } = useTranslation();
  const count = useLiveArticle(live)?.length ?? 0;
  return <span>{t('editor.characters', { count })}</span>;
}
