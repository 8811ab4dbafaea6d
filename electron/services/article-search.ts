/**
 * The article list's filter, by the articles' words: each article's text is
 * read once and kept (lower-cased) until its file changes, so a search while
 * typing is a scan of memory, not of the disk, and no article text crosses
 * to the page.
 */
import { FactDeskError } from '../../shared/errors.js';
import type { Workspace } from './workspace.js';

export class ArticleSearch {
  /** Lower-cased text by article id, with the hash of the file it was read from. */
  private readonly texts = new Map<string, { hash: string; text: string }>();

  constructor(private readonly workspace: Workspace) {}

  /** Ids of the articles whose title, file name or text hold every word of `query` (any case), in list order. */
  async find(query: string): Promise<string[]> {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (!words.length) return [];
    const ws = this.workspace;
    const ids = new Set(ws.ids());
    for (const id of this.texts.keys()) if (!ids.has(id)) this.texts.delete(id);
    const hits = new Set<string>();
    for (const id of ids) {
      const r = ws.record(id);
      const name = `${r.title}\n${r.path}`.toLowerCase();
      const pending = words.filter((w) => !name.includes(w));
      if (!pending.length) {
        hits.add(id);
        continue;
      }
      if (r.missing) continue;
      const text = await this.textOf(id);
      if (pending.every((w) => text.includes(w))) hits.add(id);
    }
    return ws.summaries().flatMap((a) => (hits.has(a.id) ? [a.id] : []));
  }

  private async textOf(id: string): Promise<string> {
    const known = this.texts.get(id);
    const hash = this.workspace.record(id).disk?.hash;
    if (known && hash && known.hash === hash) return known.text;
    try {
      const doc = await this.workspace.readCurrent(id);
      const text = doc.text.toLowerCase();
      this.texts.set(id, { hash: doc.disk.hash, text });
      return text;
    } catch (e) {
      // A file gone or unreadable has no words to find; opening it tells the user why.
      if (e instanceof FactDeskError) return '';
      throw e;
    }
  }
}
