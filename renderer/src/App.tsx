import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isFactDeskError, toErrorPayload } from '../../shared/errors.js';
import { describeError, type Language } from '../../shared/i18n/index.js';
import type { AppInfo, ArticleDocument, ArticleDraft, ArticleSummary, TrashEntry, WorkspaceInfo } from '../../shared/model.js';
import { client, type ConnectionState } from './client.js';
import type { Claim, ClaimList } from '../../shared/annotations.js';
import type { DetectedClaim } from '../../shared/claims/index.js';
import { ArticleEditor, type EditorSelection, type FocusRequest } from './components/ArticleEditor.js';
import { ArticleList } from './components/ArticleList.js';
import { CompareDialog } from './components/CompareDialog.js';
import { Dialog, type DialogProps } from './components/Dialog.js';
import { NoticeBanners } from './components/NoticeBanners.js';
import { SidePanel } from './components/SidePanel.js';
import { formatClaimValue } from './format.js';
import { textHash } from '../../shared/revisions/index.js';
import { i18n, setLanguage } from './i18n.js';
import { TeamStatusIndicator } from './components/TeamStatusIndicator.js';
import { useLiveText } from './team/live-text.js';

type SaveState = 'clean' | 'dirty' | 'saving';

interface OpenArticle {
  doc: ArticleDocument;
  /** Text in the editor now; differs from doc.text while there are unsaved edits. */
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
  const teamBound = useRef(false);
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<DialogProps | null>(null);
  const [connection, setConnection] = useState<ConnectionState>('up');
  /** Claims the engine finds in the editor's text right now, and that text. */
  const [live, setLive] = useState<{ claims: DetectedClaim[]; text: string }>({ claims: [], text: '' });
  // The panel's long lists follow typing at low priority, so keystrokes never wait for them.
  const panelLive = useDeferredValue(live);
  const [focus, setFocus] = useState<FocusRequest | null>(null);
  const [claimList, setClaimList] = useState<ClaimList | null>(null);
  const [selectedClaimId, setSelectedClaimId] = useState<string | null>(null);
  const [selection, setSelection] = useState<EditorSelection | null>(null);
  const [comparing, setComparing] = useState(false);
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
      setSaveState('saving');
      try {
        const doc = await client['articles.write']({ id: cur.doc.id, text: cur.text, baseHash: cur.doc.disk.hash, overwrite });
        setOpen((prev) => (prev && prev.doc.id === doc.id ? { ...prev, doc, conflict: false } : prev));
        if (openRef.current) openRef.current = { ...openRef.current, doc };
        setSaveState(openRef.current?.text === cur.text ? 'clean' : 'dirty');
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
    [workspace, refreshList, showError, loadClaims],
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
  const draftKept = useRef<string | null>(null);
  useEffect(() => {
    if (!open || workspace?.readOnly) return;
    const { id, disk } = open.doc;
    const isDirty = open.text !== open.doc.text;
    if (!isDirty && draftKept.current !== id) return;
    const timer = setTimeout(() => {
      if (isDirty) {
        draftKept.current = id;
        void client['drafts.put']({ articleId: id, text: open.text, baseHash: disk.hash }).catch(showError);
      } else {
        draftKept.current = null;
        void client['drafts.discard']({ articleId: id }).catch(() => {});
      }
    }, 800);
    return () => clearTimeout(timer);
  }, [open, workspace, showError]);

  const ensureSaved = useCallback(async () => {
    const cur = openRef.current;
    if (!cur || cur.text === cur.doc.text) return true;
    return save();
  }, [save]);

  /** Runs `next` once unsaved edits are saved or discarded; cancelling keeps everything as it is. */
  const guardUnsaved = useCallback(
    (next: () => void) => {
      const cur = openRef.current;
      if (!cur || cur.text === cur.doc.text) return next();
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
    [save, t],
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
        else if (cur.text === cur.doc.text) void loadArticle(id);
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
        // A live-bound editor already has the team's text; it is never reloaded under the member's cursor.
        if (cur.text === cur.doc.text && !teamBound.current) void loadArticle(id);
        // An editor bound live to a team article is ahead of its file: it is clean once the file holds its text
        // (compared when the file has been read, with the editor's text by then — this event may beat the last keystroke).
        else if (teamBound.current || textHash(cur.text) === saved)
          void client['articles.read']({ id }).then((doc) => setOpen((o) => (o && o.doc.id === id && o.text === doc.text ? { ...o, doc } : o)), showError);
        else if (!teamBound.current) setOpen({ ...cur, conflict: true });
      }),
      client.on('workspace.changed', () => {
        setOpen(null);
        void client['workspace.info']({}).then(setWorkspace, showError);
        void refreshList();
      }),
      client.onConnection(setConnection),
    ];
    return () => offs.forEach((off) => off());
  }, [refreshList, loadArticle, loadClaims, showError, t]);

  // Ctrl/Cmd+S saves wherever the focus is (the editor handles it itself when focused).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || !(e.ctrlKey || e.metaKey) || e.altKey || e.key.toLowerCase() !== 's') return;
      e.preventDefault();
      void save();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [save]);

  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      const cur = openRef.current;
      if (cur && cur.text !== cur.doc.text) e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

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

  const dirty = !!open && open.text !== open.doc.text;
  const teamText = useLiveText(open?.doc.id ?? null);
  teamBound.current = !!teamText;
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
        {open ? (
          <button className="primary" onClick={() => void save()} disabled={!dirty || readOnly || saveState === 'saving'} title="Ctrl+S">
            {t('editor.save')}
          </button>
        ) : null}
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
                docKey={`${open.doc.id}:${open.generation}${teamText ? ':team' : ''}`}
                text={teamText?.text ?? open.text}
                extensions={teamText ? [teamText.extension] : undefined}
                readOnly={readOnly}
                label={open.doc.title}
                onChange={(text) => {
                  setOpen((prev) => (prev ? { ...prev, text } : prev));
                  setSaveState('dirty');
                }}
                onSave={() => void save()}
                onClaims={(claims, text) => setLive({ claims, text })}
                describeClaim={(c) => t('claimKind.tooltip', { kind: t(`claimKind.${c.kind}`), value: formatClaimValue(c, i18n.language) })}
                focus={focus}
                stored={stored}
                onClaimClick={(id) => setSelectedClaimId(id)}
                onSelection={setSelection}
              />
            </>
          ) : (
            <div className="placeholder">{t('editor.noArticle')}</div>
          )}
        </section>
        <SidePanel
          claims={open ? panelLive.claims : []}
          text={open ? panelLive.text : ''}
          onFocus={focusSpans}
          review={
            open
              ? {
                  articleId: open.doc.id,
                  list: claimList && claimList.articleId === open.doc.id ? claimList : null,
                  baseText: open.doc.text,
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
            <span>{t('editor.characters', { count: open.text.length })}</span>
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
        <TeamStatusIndicator readOnly={readOnly} />
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
          text={open.text}
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
    </div>
  );
}
