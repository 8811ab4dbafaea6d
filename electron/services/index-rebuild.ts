/**
 * What the files under `.factdesk/` remember of each article, for rebuilding
 * a lost workspace index: each sidecar names its article's id, path and
 * workflow; each revision file names its article's id and the hash of the
 * file bytes of its newest revision. With these the articles keep their ids,
 * and so their claims, history and audit log.
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { WorkflowStatus } from '../../shared/model.js';
import type { KnownIds } from './workspace.js';
import { readStoreFile } from './safe-open.js';

export interface KnownArticles extends KnownIds {
  /** Every article id a sidecar or revision file is named after. */
  ids: Set<string>;
  /** What the sidecars say of each article (copied into the index). */
  state: Map<string, { workflow?: WorkflowStatus; claimCount?: number }>;
}

const idFile = /^([a-z0-9]{6,40})\.(json|jsonl)$/;

async function names(dir: string): Promise<string[]> {
  return fs.readdir(dir).catch(() => [] as string[]);
}

/** Reads the sidecars and revision files under `metaDir`; damaged ones are skipped (the others still count). */
export async function knownArticleIds(metaDir: string): Promise<KnownArticles> {
  const known: KnownArticles = { ids: new Set(), byPath: new Map(), byHash: new Map(), state: new Map() };
  const articles = join(metaDir, 'articles');
  for (const name of await names(articles)) {
    const m = idFile.exec(name);
    if (!m || m[2] !== 'json') continue;
    const id = m[1]!;
    type Sidecar = { articleId?: unknown; path?: unknown; workflow?: unknown; claims?: Record<string, { deleted?: boolean }> };
    const read = async (file: string): Promise<Sidecar | null> => {
      try {
        return JSON.parse((await readStoreFile(metaDir, join(articles, file))).toString('utf8')) as Sidecar;
      } catch {
        return null;
      }
    };
    const data = (await read(name)) ?? (await read(`${name}.bak`));
    if (!data || data.articleId !== id) continue;
    known.ids.add(id);
    if (typeof data.path === 'string') known.byPath.set(data.path, id);
    const claimCount = data.claims ? Object.values(data.claims).filter((c) => !c.deleted).length : undefined;
    known.state.set(id, { ...(typeof data.workflow === 'string' ? { workflow: data.workflow as WorkflowStatus } : {}), ...(claimCount !== undefined ? { claimCount } : {}) });
  }
  const revisions = join(metaDir, 'revisions');
  for (const name of await names(revisions)) {
    const m = idFile.exec(name);
    if (!m || m[2] !== 'jsonl') continue;
    const id = m[1]!;
    const bytes = await readStoreFile(metaDir, join(revisions, name)).catch(() => null);
    if (!bytes) continue;
    known.ids.add(id);
    // The newest whole line that names the file bytes it was saved as.
    const lines = bytes.toString('utf8').split('\n');
    for (let i = lines.length - 1; i >= 0; i--) {
      try {
        const r = JSON.parse(lines[i]!) as { diskHash?: unknown };
        if (typeof r.diskHash === 'string') {
          if (!known.byHash.has(r.diskHash)) known.byHash.set(r.diskHash, id);
          break;
        }
      } catch {
        // a torn or damaged line: look at the one before
      }
    }
  }
  return known;
}
