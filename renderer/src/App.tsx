import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isFactDeskError, toErrorPayload } from '../../shared/errors.js';
import { describeError, type Language } from '../../shared/i18n/index.js';
import type { AppInfo, ArticleDocument, ArticleDraft, ArticleSummary, TrashEntry, WorkspaceInfo } from '../../shared/model.js';
import { client, type ConnectionState } from './client.js';
import type { Claim, ClaimList } from '../../shared/annotations.js';
import { ArticleEditor, type EditorSelection, type FocusRequest } from './components/ArticleEditor.js';
import { ArticleList } from './components/ArticleList.js';
import { CompareDialog } from './components/CompareDialog.js';
import { Dialog, type DialogProps } from './components/Dialog.js';
import { NoticeBanners } from './components/NoticeBanners.js';
import { ExportDialog } from './components/ExportDialog.js';
import { PublicationBanner } from './components/PublicationBanner.js';
import { SidePanel } from './components/SidePanel.js';
import { ThemeSwitch } from './components/ThemeSwitch.js';
import { formatClaimValue } from './format.js';
import { textHash } from '../../shared/revisions/index.js';
import { i18n, setLanguage } from './i18n.js';
import { LiveArticleStore, useLiveValue } from './stores/live-article.js';

type SaveState = 'clean' | 'dirty' | 'saving';

interface OpenArticle {
  doc: ArticleDocument;
  /**
   * The text loaded into the editor (the file, or a restored draft). The editor owns the
   * text from then on: the live text is asked of `live` when needed, never copied per key.
   */
  text: string;
  /** Bumped when the editor must load new text (open, reload). */
  generation: number;
  /** The file changed on disk while this article was open with unsaved edits. */
  conflict: boolean;
  missing: boolean;
}

export function App() {
  const { t } = useTranslation();
  const [appInfo, setAppInfo] = useState<AppInfo | null>(null);
  const [workspace, setWorkspace] = useState<WorkspaceInfo | null>(null);
  const [articles, setArticles] = useState<ArticleSummary[]>([]);
  const [open, setOpen] = useState<OpenArticle | null>(null);
  const [saveState, setSaveState] = useState<SaveState>('clean');
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<DialogProps | null>(null);
  const [connection, setConnection] = useState<ConnectionState>('up');
  /** The open article as the editor holds it now. */
  const live = useMemo(() => new LiveArticleStore(), []);
  const hasUnsavedEdits = useCallback(() => !!live.current()?.dirty(), [live]);
  const [focus, setFocus] = useState<FocusRequest | null>(null);
  const [claimList, setClaimList] = useState<ClaimList | null>(null);
  const [selectedClaimId, setSelectedClaimId] = useState<string | null>(null);
  const [selection, setSelection] = useState<EditorSelection | null>(null);
  const [comparing, setComparing] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [imported, setImported] = useState<string | null>(null);
  const importInput = useRef<HTMLInputElement>(null);
  /** Unsaved edits found kept on disk when the article was opened (after a crash or a closed window). */
  const [recovered, setRecovered] = useState<{ articleId: string; draft: ArticleDraft } | null>(null);
  const openRef = useRef(open);
  openRef.current = open;

  const focusSpans = useCallback((spans: FocusRequest['spans']) => setFocus((prev) => ({ spans, serial: (prev?.serial ?? 0) + 1 })), []);

  const showError = useCallback((e: unknown) => {
    if (!isFactDeskError(e)) console.error(e);
    setError(describeError(i18n, toErrorPayload(e)));
  }, []);

  const refreshList = useCallback(async () => {
    try {
      setArticles(await client['articles.list']({}));
    } catch (e) {
      showError(e);
    }
  }, [showError]);

  useEffect(() => {
    void (async () => {
      try {
        setAppInfo(await client['app.info']({}));
        setWorkspace(await client['workspace.info']({}));
        await refreshList();
      } catch (e) {
        showError(e);
      }
    })();
  }, [refreshList, showError]);

  const loadClaims = useCallback(
    async (articleId: string) => {
      try {
        const list = await client['claims.list']({ articleId });
        // Only the article still open may take the list (a slow answer for another one is dropped).
        if (openRef.current?.doc.id === articleId) setClaimList(list);
      } catch (e) {
        showError(e);
      }
    },
    [showError],
  );

  const loadArticle = useCallback(
    async (id: string) => {
      try {
        const doc = await client['articles.read']({ id });
        if (openRef.current?.doc.id !== id) {
          setSelectedClaimId(null);
          setClaimList(null);
        }
        const next = { doc, text: doc.text, generation: (openRef.current?.generation ?? 0) + 1, conflict: false, missing: false };
        openRef.current = next;
        setOpen(next);
        setSaveState('clean');
        const draft = await client['drafts.get']({ articleId: id });
        setRecovered(draft && draft.text !== doc.text ? { articleId: id, draft } : null);
        await loadClaims(id);
      } catch (e) {
        showError(e);
      }
    },
    [showError, loadClaims],
  );

  const save = useCallback(
    async (overwrite = false): Promise<boolean> => {
      const cur = openRef.current;
      if (!cur || workspace?.readOnly) return false;
      const snapshot = live.textForSave();
      if (!snapshot) return false;
      setSaveState('saving');
      try {
        const doc = await client['articles.write']({ id: cur.doc.id, text: snapshot.text, baseHash: cur.doc.disk.hash, overwrite });
        setOpen((prev) => (prev && prev.doc.id === doc.id ? { ...prev, doc, conflict: false } : prev));
        if (openRef.current) openRef.current = { ...openRef.current, doc };
        live.markSaved(snapshot.doc);
        setSaveState(hasUnsavedEdits() ? 'dirty' : 'clean');
        void refreshList();
        await loadClaims(doc.id);
        return true;
      } catch (e) {
        setSaveState('dirty');
        if (isFactDeskError(e) && e.code === 'changed-on-disk') setOpen((prev) => (prev ? { ...prev, conflict: true } : prev));
        else showError(e);
        return false;
      }
    },
    [workspace, refreshList, showError, loadClaims, live, hasUnsavedEdits],
  );

  /** The user chose the file on disk over their unsaved edits. */
  const reloadFromDisk = useCallback(
    async (id: string) => {
      await client['drafts.discard']({ articleId: id }).catch(() => {});
      await loadArticle(id);
    },
    [loadArticle],
  );

  // Unsaved edits are kept on disk a moment after typing pauses, so nothing is lost if the
  // window closes or the app crashes; back to the saved text, the kept copy goes.
  // The text is asked of the editor only then, not copied on every key.
  const draftKept = useRef<string | null>(null);
  useEffect(() => {
    if (!open || workspace?.readOnly) return;
    const { id, disk } = open.doc;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let seen = live.current()?.state.doc;
    const keep = () => {
      const now = live.current();
      if (!now) return;
      if (now.dirty()) {
        draftKept.current = id;
        void client['drafts.put']({ articleId: id, text: now.text(), baseHash: disk.hash }).catch(showError);
      } else if (draftKept.current === id) {
        draftKept.current = null;
        void client['drafts.discard']({ articleId: id }).catch(() => {});
      }
    };
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(keep, 800);
    };
    // Also once now: after a save, a kept copy of edits that are saved now goes.
    schedule();
    const off = live.subscribe(() => {
      const doc = live.current()?.state.doc;
      if (doc === seen) return;
      seen = doc;
      schedule();
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [open, workspace, showError, live]);

  const ensureSaved = useCallback(async () => {
    if (!openRef.current || !hasUnsavedEdits()) return true;
    return save();
  }, [save, hasUnsavedEdits]);

  /** Runs `next` once unsaved edits are saved or discarded; cancelling keeps everything as it is. */
  const guardUnsaved = useCallback(
    (next: () => void) => {
      const cur = openRef.current;
      if (!cur || !hasUnsavedEdits()) return next();
      setDialog({
        title: t('editor.unsaved'),
        message: t('editor.unsavedPrompt', { name: cur.doc.title }),
        buttons: [
          { label: t('editor.saveAndContinue'), value: 'save', primary: true },
          { label: t('editor.discard'), value: 'discard' },
          { label: t('editor.cancel'), value: 'cancel' },
        ],
        onClose: (v) => {
          setDialog(null);
          if (v === 'save') void save().then((ok) => ok && next());
          else if (v === 'discard') {
            void client['drafts.discard']({ articleId: cur.doc.id }).catch(() => {});
            next();
          }
        },
      });
    },
    [save, t, hasUnsavedEdits],
  );

  useEffect(() => {
    const offs = [
      client.on('articles.changed', () => void refreshList()),
      client.on('article.changedOnDisk', ({ id, missing }) => {
        void refreshList();
        const cur = openRef.current;
        if (!cur || cur.doc.id !== id) return;
        if (missing) setOpen({ ...cur, missing: true });
        // Like VS Code: an open article without unsaved edits simply follows the file.
        else if (!hasUnsavedEdits()) void loadArticle(id);
        else setOpen({ ...cur, conflict: true });
      }),
      client.on('claims.changed', ({ id }) => {
        if (openRef.current?.doc.id === id) void loadClaims(id);
        void refreshList();
      }),
      // Saved in another window or tab: a clean view follows it; unsaved edits here are not overwritten.
      client.on('article.saved', ({ id, textHash: saved }) => {
        const cur = openRef.current;
        if (!cur || cur.doc.id !== id || textHash(cur.doc.text) === saved) return;
        if (!hasUnsavedEdits()) void loadArticle(id);
        else if (textHash(live.textForSave()?.text ?? '') !== saved) setOpen({ ...cur, conflict: true });
      }),
      // File › Export… and Import Web Annotations… (the desktop menu; Ctrl+E everywhere).
      client.on('ui.command', ({ command }) => {
        if (command === 'export') setExporting(true);
        else if (openRef.current) importInput.current?.click();
      }),
      client.on('workspace.changed', () => {
        setOpen(null);
        void client['workspace.info']({}).then(setWorkspace, showError);
        void refreshList();
      }),
      client.onConnection(setConnection),
    ];
    return () => offs.forEach((off) => off());
  }, [refreshList, loadArticle, loadClaims, showError, t, hasUnsavedEdits, live]);

  // Ctrl/Cmd+S saves wherever the focus is (the editor handles it itself when focused); Ctrl/Cmd+E exports.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || !(e.ctrlKey || e.metaKey) || e.altKey) return;
      if (e.key.toLowerCase() === 'e' && !e.shiftKey) {
        e.preventDefault();
        setExporting(true);
        return;
      }
      if (e.key.toLowerCase() !== 's') return;
      e.preventDefault();
      void save();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [save]);

  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (openRef.current && hasUnsavedEdits()) e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [hasUnsavedEdits]);

  const createArticle = () =>
    setDialog({
      title: t('articles.new'),
      message: t('articles.newPrompt'),
      input: '新文章.md',
      buttons: [
        { label: t('articles.new'), value: 'ok', primary: true },
        { label: t('editor.cancel'), value: 'cancel' },
      ],
      onClose: (v, name) => {
        setDialog(null);
        if (v !== 'ok' || !name.trim()) return;
        guardUnsaved(() =>
          void client['articles.create']({ name: name.trim() }).then(async (a) => {
            await refreshList();
            await loadArticle(a.id);
          }, showError),
        );
      },
    });

  const renameArticle = (a: ArticleSummary) =>
    setDialog({
      title: t('articles.rename'),
      message: t('articles.renamePrompt'),
      input: a.path,
      buttons: [
        { label: t('articles.rename'), value: 'ok', primary: true },
        { label: t('editor.cancel'), value: 'cancel' },
      ],
      onClose: (v, name) => {
        setDialog(null);
        if (v === 'ok' && name.trim() && name.trim() !== a.path) void client['articles.rename']({ id: a.id, name: name.trim() }).then(refreshList, showError);
      },
    });

  const deleteArticle = (a: ArticleSummary) =>
    setDialog({
      title: t('articles.delete'),
      message: t('articles.deleteConfirm', { name: a.title }),
      buttons: [
        { label: t('articles.delete'), value: 'ok', primary: true },
        { label: t('editor.cancel'), value: 'cancel' },
      ],
      onClose: (v) => {
        setDialog(null);
        if (v !== 'ok') return;
        void client['articles.delete']({ id: a.id }).then(() => {
          if (openRef.current?.doc.id === a.id) setOpen(null);
          return refreshList();
        }, showError);
      },
    });

  const showTrash = async () => {
    let entries: TrashEntry[] = [];
    try {
      entries = await client['trash.list']({});
    } catch (e) {
      return showError(e);
    }
    setDialog({
      title: t('articles.trash'),
      message: entries.length ? (
        <ul className="trash-list">
          {entries.map((e) => (
            <li key={e.trashId}>
              <span>{e.path}</span>
              <span className="muted">{new Date(e.deletedAt).toLocaleString(i18n.language)}</span>
              <button
                disabled={workspace?.readOnly}
                onClick={() => {
                  setDialog(null);
                  void client['trash.restore']({ trashId: e.trashId }).then(refreshList, showError);
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
      onClose: () => setDialog(null),
    });
  };

  const deleteClaim = (c: Claim) =>
    setDialog({
      title: t('review.deleteClaim'),
      message: t('review.deleteConfirm', { quote: c.anchor.quote }),
      buttons: [
        { label: t('review.deleteClaim'), value: 'ok', primary: true },
        { label: t('editor.cancel'), value: 'cancel' },
      ],
      onClose: (v) => {
        setDialog(null);
        if (v === 'ok' && open) void client['claims.delete']({ articleId: open.doc.id, claimId: c.id }).then(() => setSelectedClaimId(null), showError);
      },
    });

  const stored = useMemo(
    () =>
      open && claimList && claimList.articleId === open.doc.id
        ? { marks: claimList.claims.map((c) => ({ id: c.id, start: c.anchor.start, end: c.anchor.end, status: c.status })), baseText: open.doc.text }
        : null,
    // The marks follow the stored list and the saved text, not every keystroke.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [claimList, open?.doc],
  );

  // A flag that flips, not the text: App re-renders when the article becomes (un)saved, not per key.
  const dirty = useLiveValue(live, (a) => !!a?.dirty()) && !!open;
  const readOnly = !!workspace?.readOnly;
  const lang = i18n.language as Language;

  return (
    <div className="app">
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
        <button onClick={() => setExporting(true)} title="Ctrl+E">
          {t('menu.export')}
        </button>
        {open ? (
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
            const cur = openRef.current;
            if (!f || !cur) return;
            void f.text().then(async (json) => {
              try {
                const r = await client['export.import']({ articleId: cur.doc.id, json });
                setImported(t('exportDialog.imported', { total: r.attached + r.detached, attached: r.attached, detached: r.detached }));
                await loadClaims(cur.doc.id);
              } catch (err) {
                showError(err);
              }
            });
          }}
        />
        {open ? (
          <button className="primary" onClick={() => void save()} disabled={!dirty || readOnly || saveState === 'saving'} title="Ctrl+S">
            {t('editor.save')}
          </button>
        ) : null}
        <ThemeSwitch />
        <label className="lang-switch">
          <span>{t('app.language')}</span>
          <select value={lang} onChange={(e) => setLanguage(e.target.value as Language)} aria-label={t('app.language')}>
            <option value="zh-CN">中文</option>
            <option value="en">English</option>
          </select>
        </label>
      </header>

      {readOnly ? (
        <div className="banner banner-warn" role="status">
          {workspace?.lockedBy
            ? describeError(i18n, { code: 'workspace-locked', message: '', params: { pid: workspace.lockedBy.pid } })
            : t('editor.readOnlyBanner', { reason: workspace?.readOnlyReason ?? '' })}
        </div>
      ) : null}
      <NoticeBanners />
      {imported ? (
        <div className="banner banner-ok" role="status">
          <span>{imported}</span>
          <button className="link-button" onClick={() => setImported(null)} aria-label="×">
            ×
          </button>
        </div>
      ) : null}
      {error ? (
        <div className="banner banner-error" role="alert">
          <span>{error}</span>
          <button className="link-button" onClick={() => setError(null)} aria-label="×">
            ×
          </button>
        </div>
      ) : null}

      <main className="panes">
        <ArticleList
          articles={articles}
          selectedId={open?.doc.id ?? null}
          readOnly={readOnly}
          onSelect={(id) => id !== open?.doc.id && guardUnsaved(() => void loadArticle(id))}
          onCreate={createArticle}
          onRename={renameArticle}
          onDelete={deleteArticle}
          onShowTrash={() => void showTrash()}
        />
        <section className="pane pane-article" aria-label={open?.doc.title ?? t('editor.noArticle')}>
          {open ? (
            <>
              <div className="article-header">
                <h1 className="article-heading">{open.doc.title}</h1>
                <div className="article-path">{open.doc.path}</div>
              </div>
              {open.missing ? <div className="banner banner-warn">{t('editor.missingOnDisk')}</div> : null}
              <PublicationBanner articleId={open.doc.id} revisionKey={open.doc.disk.hash} onExport={() => setExporting(true)} />
              {recovered && recovered.articleId === open.doc.id ? (
                <div className="banner banner-warn" role="alert">
                  <span>
                    {t('editor.draftFound', { time: new Date(recovered.draft.savedAt).toLocaleString(i18n.language) })}
                    {recovered.draft.baseHash !== open.doc.disk.hash ? ` ${t('editor.draftFileChanged')}` : ''}
                  </span>
                  <span className="spacer" />
                  <button
                    onClick={() => {
                      const next = { ...open, text: recovered.draft.text, generation: open.generation + 1 };
                      openRef.current = next;
                      setOpen(next);
                      setSaveState('dirty');
                      setRecovered(null);
                    }}
                  >
                    {t('editor.draftRestore')}
                  </button>
                  <button
                    onClick={() => {
                      void client['drafts.discard']({ articleId: open.doc.id }).catch(showError);
                      setRecovered(null);
                    }}
                  >
                    {t('editor.draftDiscard')}
                  </button>
                </div>
              ) : null}
              {open.conflict ? (
                <div className="banner banner-warn" role="alert">
                  <span>{dirty ? t('editor.changedOnDiskDirty') : t('editor.changedOnDisk')}</span>
                  <span className="spacer" />
                  <button onClick={() => void reloadFromDisk(open.doc.id)}>{t('editor.reload')}</button>
                  <button onClick={() => void save(true)}>{t('editor.keepMine')}</button>
                  <button onClick={() => setComparing(true)}>{t('editor.compare')}</button>
                </div>
              ) : null}
              <ArticleEditor
                docKey={`${open.doc.id}:${open.generation}`}
                text={open.text}
                savedText={open.doc.text}
                live={live}
                readOnly={readOnly}
                label={open.doc.title}
                onSave={() => void save()}
                describeClaim={(c) => t('claimKind.tooltip', { kind: t(`claimKind.${c.kind}`), value: formatClaimValue(c, i18n.language) })}
                describeStatement={(c) => t('statements.mark', { category: t(`statements.category.${c}`) })}
                focus={focus}
                stored={stored}
                onClaimClick={(id) => setSelectedClaimId(id)}
                onSelection={setSelection}
                format={open.doc.format}
              />
            </>
          ) : (
            <div className="placeholder">{t('editor.noArticle')}</div>
          )}
        </section>
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
                  onSelectClaim: setSelectedClaimId,
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
      </main>

      <footer className="statusbar">
        <span>{appInfo ? (appInfo.host === 'electron' ? t('app.desktop') : t('app.browserMode')) : ''}</span>
        {open ? (
          <>
            <span>{dirty ? (saveState === 'saving' ? t('editor.saving') : t('editor.unsaved')) : t('editor.saved')}</span>
            <CharacterCount live={live} />
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
        <span className={connection === 'up' ? 'muted' : 'warn'} role="status">
          {t(`status.${connection}`)}
        </span>
        <span className="muted">v{appInfo?.version}</span>
      </footer>
      {dialog ? <Dialog {...dialog} /> : null}
      {comparing && open ? (
        <CompareDialog
          articleId={open.doc.id}
          baseHash={open.doc.disk.hash}
          text={live.current()?.text() ?? open.text}
          onClose={() => setComparing(false)}
          onReload={() => {
            setComparing(false);
            void reloadFromDisk(open.doc.id);
          }}
          onKeepMine={() => {
            setComparing(false);
            void save(true);
          }}
        />
      ) : null}
      {exporting ? (
        <ExportDialog
          articleId={open?.doc.id ?? null}
          onClose={() => setExporting(false)}
          onShowClaim={(claimId, start, end) => {
            setExporting(false);
            setSelectedClaimId(claimId);
            focusSpans([{ start, end, tone: 'claim' }]);
          }}
        />
      ) : null}
    </div>
  );
}

/** The status bar's character count: the one part of the window that follows every key. */
function CharacterCount({ live }: { live: LiveArticleStore }) {
  const { t } = useTranslation();
  const count = useLiveValue(live, (a) => a?.length ?? 0);
  return <span>{t('editor.characters', { count })}</span>;
}
