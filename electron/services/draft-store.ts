/**
 * Unsaved edits kept on disk while an editor works, so a crash, a closed tab
 * or a killed window loses nothing: one small file per article in
 * `.factdesk/drafts/`, written durably, removed when the article is saved or
 * the edits are discarded.
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { ArticleDraft } from '../../shared/model.js';
import { DurableJsonFile } from './json-store.js';

function isDraft(d: unknown): d is ArticleDraft {
  const x = d as ArticleDraft;
  return !!x && typeof x.text === 'string' && typeof x.baseHash === 'string' && typeof x.savedAt === 'string';
}

export class DraftStore {
  constructor(
    private readonly dir: string,
    private readonly readOnly: boolean,
    /** Called before every write (re-creates a vanished `.factdesk/`, refuses links). */
    private readonly guard: (path: string) => Promise<void> = async () => {},
  ) {}

  private file(id: string): DurableJsonFile<ArticleDraft> {
    return new DurableJsonFile<ArticleDraft>(join(this.dir, `${id}.json`), { validate: isDraft, metaDir: join(this.dir, '..') });
  }

  async get(id: string): Promise<ArticleDraft | null> {
    return this.file(id).read();
  }

  /** Keeps unsaved text; `articleName` is what an error names (the article, not the draft file). */
  async put(id: string, text: string, baseHash: string, articleName?: string): Promise<ArticleDraft> {
    const draft: ArticleDraft = { text, baseHash, savedAt: new Date().toISOString() };
    if (this.readOnly) return draft;
    await this.guard(this.dir);
    await fs.mkdir(this.dir, { recursive: true });
    await this.guard(this.dir);
    await this.file(id).write(draft, articleName);
    return draft;
  }

  async discard(id: string): Promise<void> {
    if (this.readOnly) return;
    const path = join(this.dir, `${id}.json`);
    await Promise.all([fs.rm(path, { force: true }), fs.rm(`${path}.bak`, { force: true })]);
  }
}
