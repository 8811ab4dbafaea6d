/**
 * The article open in the editor: its document as last read or saved, the
 * save state, unsaved edits found kept on disk, and the one save path. The
 * live text stays with the editor (`live`); this store holds what was loaded.
 */
import type { ArticleDocument, ArticleDraft } from '../../../shared/model.js';
import { isFactDeskError } from '../../../shared/errors.js';
import { textHash } from '../../../shared/revisions/index.js';
import { callOffMainThread, client } from '../client.js';
import { claimsFollow, loadClaims } from './claims.js';
import { showError } from './errors.js';
import { LiveArticleStore } from './live-article.js';
import { Store } from './store.js';
import { isReadOnly, refreshArticles, refreshWorkspace } from './workspace.js';

/** Whether the open article's editor is bound live to a team text (set by the article pane). */
export const teamBound = { current: false };

export type SaveState = 'clean' | 'dirty' | 'saving';

export interface OpenArticle {
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

export const openArticleStore = new Store<OpenArticle | null>(null);
export const saveStateStore = new Store<SaveState>('clean');
/** Unsaved edits found kept on disk when the article was opened (after a crash or a closed window). */
export const recoveredStore = new Store<{ articleId: string; draft: ArticleDraft } | null>(null);
/** The open article as the editor holds it now. */
export const live = new LiveArticleStore();

export const hasUnsavedEdits = () => !!live.current()?.dirty();
const openId = () => openArticleStore.get()?.doc.id ?? null;

export async function loadArticle(id: string): Promise<void> {
  try {
    const doc = await client['articles.read']({ id });
    claimsFollow(id);
    openArticleStore.set((prev) => ({ doc, text: doc.text, generation: (prev?.generation ?? 0) + 1, conflict: false, missing: false }));
    saveStateStore.set('clean');
    // The claims are asked for at once, beside the draft (a long list takes the longest).
    const claims = loadClaims(id);
    const draft = await client['drafts.get']({ articleId: id });
    recoveredStore.set(draft && draft.text !== doc.text ? { articleId: id, draft } : null);
    await claims;
  } catch (e) {
    showError(e);
  }
}

export function closeArticle(): void {
  openArticleStore.set(null);
  claimsFollow(null);
}

export async function save(overwrite = false): Promise<boolean> {
  const cur = openArticleStore.get();
  if (!cur || isReadOnly()) return false;
  if (teamBound.current) return teamSaved(cur.doc.id);
  const snapshot = live.textForSave();
  if (!snapshot) return false;
  saveStateStore.set('saving');
  try {
    const doc = await client['articles.write']({ id: cur.doc.id, text: snapshot.text, baseHash: cur.doc.disk.hash, overwrite });
    openArticleStore.set((prev) => (prev && prev.doc.id === doc.id ? { ...prev, doc, conflict: false } : prev));
    live.markSaved(snapshot.doc);
    saveStateStore.set(hasUnsavedEdits() ? 'dirty' : 'clean');
    void refreshArticles();
    await loadClaims(doc.id);
    return true;
  } catch (e) {
    saveStateStore.set('dirty');
    if (isFactDeskError(e) && e.code === 'changed-on-disk') openArticleStore.set((prev) => (prev ? { ...prev, conflict: true } : prev));
    else showError(e);
    return false;
  }
}

/** Saves unsaved edits first (claims point at saved text); false if saving failed or was refused. */
export async function ensureSaved(): Promise<boolean> {
  if (!openArticleStore.get() || !hasUnsavedEdits()) return true;
  return save();
}

/** The user chose the file on disk over their unsaved edits. */
export async function reloadFromDisk(id: string): Promise<void> {
  await client['drafts.discard']({ articleId: id }).catch(() => {});
  await loadArticle(id);
}

export function restoreDraft(): void {
  const recovered = recoveredStore.get();
  const cur = openArticleStore.get();
  if (!recovered || !cur || recovered.articleId !== cur.doc.id) return;
  openArticleStore.set({ ...cur, text: recovered.draft.text, generation: cur.generation + 1 });
  saveStateStore.set('dirty');
  recoveredStore.set(null);
}

export function discardDraft(): void {
  const id = openId();
  if (id) void client['drafts.discard']({ articleId: id }).catch(showError);
  recoveredStore.set(null);
}

/**
 * Unsaved edits are kept on disk a moment after typing pauses, so nothing is lost if the
 * window closes or the app crashes; back to the saved text, the kept copy goes.
 * The text is asked of the editor only then, not copied on every key.
 */
function keepDrafts(): void {
  let draftKept: string | null = null;
  let stop = () => {};
  let watching: OpenArticle['doc'] | null = null;
  const restart = () => {
    const open = openArticleStore.get();
    if (open?.doc === watching && open) return;
    stop();
    stop = () => {};
    watching = open?.doc ?? null;
    if (!open || isReadOnly()) return;
    const { id, disk } = open.doc;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let seen = live.current()?.state.doc;
    const keep = () => {
      const now = live.current();
      if (!now) return;
      if (now.dirty()) {
        draftKept = id;
        // A 1 MB text is not turned into a request on the main thread (a task of tens of ms).
        void callOffMainThread('drafts.put', { articleId: id, text: now.text(), baseHash: disk.hash }).catch(showError);
      } else if (draftKept === id) {
        draftKept = null;
        void callOffMainThread('drafts.discard', { articleId: id }).catch(() => {});
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
    stop = () => {
      off();
      clearTimeout(timer);
    };
  };
  openArticleStore.subscribe(restart);
}
keepDrafts();

/** The open article is remembered for this tab, so a reload opens it again. */
const openKey = 'factdesk.openArticle';
openArticleStore.subscribe(() => {
  const id = openId();
  if (id) sessionStorage.setItem(openKey, id);
  else sessionStorage.removeItem(openKey);
});

/** After a reload: the article this tab had open, if it is still in the workspace. */
export async function reopenRemembered(articleIds: readonly string[]): Promise<void> {
  const id = sessionStorage.getItem(openKey);
  if (id && !openId() && articleIds.includes(id)) await loadArticle(id);
}

/**
 * An editor bound live to a team article: what it shows is the team's text, which the services write to the file
 * themselves (this member's typing included). A write of the file is never an outside change for it — an edit made
 * outside FactDesk goes up to the team and comes back into the editor like anyone's typing — and it is never reloaded
 * under the member's cursor: it takes the file's new state as saved once the file holds its text.
 */
async function followTeamFile(id: string): Promise<boolean> {
  const doc = await client['articles.read']({ id });
  const now = openArticleStore.get();
  const snapshot = live.textForSave();
  if (!now || now.doc.id !== id || snapshot?.text !== doc.text) return false;
  openArticleStore.set({ ...now, doc, conflict: false });
  live.markSaved(snapshot.doc);
  saveStateStore.set('clean');
  return true;
}

/**
 * "Save" in a team-bound editor: the services are writing its text to the file already; this waits (a bounded
 * time) until the file holds it, so what follows (a claim made from the saved text) sees the text on screen.
 */
async function teamSaved(id: string, timeoutMs = 10_000): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  try {
    for (;;) {
      if (await followTeamFile(id)) return true;
      if (Date.now() > until || openArticleStore.get()?.doc.id !== id) return false;
      await new Promise((r) => setTimeout(r, 100));
    }
  } catch (e) {
    showError(e);
    return false;
  }
}

/** The services' events that concern the workspace, the open article and its claims. */
function followEvents(): void {
  client.on('articles.changed', () => void refreshArticles());
  client.on('article.changedOnDisk', ({ id, missing }) => {
    void refreshArticles();
    const cur = openArticleStore.get();
    if (!cur || cur.doc.id !== id) return;
    if (missing) openArticleStore.set({ ...cur, missing: true });
    else if (teamBound.current) void followTeamFile(id).catch(showError);
    // Like VS Code: an open article without unsaved edits simply follows the file.
    else if (!hasUnsavedEdits()) void loadArticle(id);
    else openArticleStore.set({ ...cur, conflict: true });
  });
  client.on('claims.changed', ({ id }) => {
    if (openId() === id) void loadClaims(id);
    void refreshArticles();
  });
  // Saved in another window or tab: a clean view follows it; unsaved edits here are not overwritten.
  client.on('article.saved', ({ id, textHash: saved }) => {
    const cur = openArticleStore.get();
    if (!cur || cur.doc.id !== id || textHash(cur.doc.text) === saved) return;
    if (teamBound.current) {
      void followTeamFile(id).catch(showError);
      return;
    }
    if (!hasUnsavedEdits()) void loadArticle(id);
    else if (textHash(live.textForSave()?.text ?? '') !== saved) openArticleStore.set({ ...cur, conflict: true });
  });
  client.on('workspace.changed', () => {
    closeArticle();
    void refreshWorkspace();
    void refreshArticles();
  });
}
followEvents();
