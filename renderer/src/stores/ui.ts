/** What the window shows over or beside the article: the view, the modal dialog, export and compare. */
import type { DialogProps } from '../components/Dialog.js';
import { client } from '../client.js';
import { i18n } from '../i18n.js';
import { openArticleStore, hasUnsavedEdits, save } from './open-article.js';
import { Store } from './store.js';

export type MainView = 'article' | 'board' | 'dashboard';

const viewKey = 'factdesk.view';
/** Remembered for this tab, so a reload comes back to the board or the article. */
const rememberedView = sessionStorage.getItem(viewKey);
export const viewStore = new Store<MainView>(rememberedView === 'board' || rememberedView === 'dashboard' ? rememberedView : 'article');
viewStore.subscribe(() => sessionStorage.setItem(viewKey, viewStore.get()));
export const dialogStore = new Store<DialogProps | null>(null);
export const exportingStore = new Store(false);
export const comparingStore = new Store(false);
/** What an import of Web Annotations brought (a notice). */
export const importedStore = new Store<string | null>(null);
/** Asks for a file of Web Annotations (the toolbar's hidden file input). */
export const importRequestStore = new Store(0);

/** A search asks the services once typing pauses this long (ms), not per key. */
export const searchDelay = 60;

export const showDialog = (d: DialogProps | null) => dialogStore.set(d);

/** Runs `next` once unsaved edits are saved or discarded; cancelling keeps everything as it is. */
export function guardUnsaved(next: () => void): void {
  const cur = openArticleStore.get();
  if (!cur || !hasUnsavedEdits()) return next();
  const t = i18n.t.bind(i18n);
  showDialog({
    title: t('editor.unsaved'),
    message: t('editor.unsavedPrompt', { name: cur.doc.title }),
    buttons: [
      { label: t('editor.saveAndContinue'), value: 'save', primary: true },
      { label: t('editor.discard'), value: 'discard' },
      { label: t('editor.cancel'), value: 'cancel' },
    ],
    onClose: (v) => {
      showDialog(null);
      if (v === 'save') void save().then((ok) => ok && next());
      else if (v === 'discard') {
        void client['drafts.discard']({ articleId: cur.doc.id }).catch(() => {});
        next();
      }
    },
  });
}

// File › Export… and Import Web Annotations… (the desktop menu; Ctrl+E everywhere).
client.on('ui.command', ({ command }) => {
  if (command === 'export') exportingStore.set(true);
  else if (openArticleStore.get()) importRequestStore.set((n) => n + 1);
});
