/**
 * Every saved version of every article, kept compactly: one append-only
 * JSON-lines file per article, `.factdesk/revisions/<id>.jsonl`, one
 * revision a line, each a full snapshot or a patch against the one before
 * (shared/revisions decides which). Each appended line is fsynced before the
 * revision counts as recorded; a torn last line (a crash mid-append) is
 * ignored on read and cut off before the next append. History is never
 * rewritten: restoring an old text records it as a new revision.
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { RevisionChange, RevisionInfo, RevisionSource } from '../../shared/annotations.js';
import { FactDeskError } from '../../shared/errors.js';
import { bodyBytes, makePatch, nextRevisionBody, rebuildText, textHash, type RevisionBody, type RevisionChainLink, type RevisionPatch } from '../../shared/revisions/index.js';
import { writeError, writeFileDurable } from './durable-file.js';
import { appendWholeLines, readWholeLines } from './line-file.js';
import { PerKeyQueue } from './per-key-queue.js';

/** Where the revision files live and what must hold before one is written. */
export interface RevisionStoreOptions {
  /** The workspace's `.factdesk/` (no link under it is followed); default: the folder above `dir`. */
  metaDir?: string;
  /** Called before every write (re-creates a vanished `.factdesk/`, refuses links). */
  guard?: (path: string) => Promise<void>;
}

/** One line of a revision file. */
export interface RevisionRecord extends RevisionInfo {
  body: RevisionBody;
}

/** What to record. */
export interface NewRevision {
  text: string;
  source: RevisionSource;
  author: string | null;
  label?: string;
  restoredFrom?: number;
  diskHash?: string;
}

interface Chain {
  records: RevisionRecord[];
  links: RevisionChainLink[];
  /** Text of the newest revision, kept so the next patch needs no rebuild. */
  headText: string | null;
  /** Bytes of the file that hold whole lines. */
  size: number;
}

const idPattern = /^[a-z0-9]{6,40}$/;

function isRecord(x: unknown): x is RevisionRecord {
  const r = x as RevisionRecord;
  return (
    !!r &&
    Number.isInteger(r.n) &&
    r.n > 0 &&
    typeof r.at === 'string' &&
    typeof r.hash === 'string' &&
    typeof r.source === 'string' &&
    !!r.body &&
    ((r.body.kind === 'snapshot' && typeof r.body.text === 'string') || (r.body.kind === 'patch' && Array.isArray(r.body.patch)))
  );
}

export class RevisionStore {
  private readonly chains = new Map<string, Promise<Chain>>();
  // Appends to one article's file one at a time.
  private readonly queue = new PerKeyQueue();

  private readonly metaDir: string;

  constructor(
    /** `.factdesk/revisions` of the workspace. */
    readonly dir: string,
    private readonly readOnly: boolean,
    private readonly opts: RevisionStoreOptions = {},
  ) {
    this.metaDir = opts.metaDir ?? join(dir, '..');
  }

  /**
   * Writes every history held in memory back to disk (after `.factdesk/`
   * vanished while the workspace was open). Returns how many.
   */
  async rewriteLoaded(): Promise<number> {
    await fs.mkdir(this.dir, { recursive: true });
    let n = 0;
    for (const [id, c] of this.chains) {
      const chain = await c.catch(() => null);
      if (!chain) continue;
      await this.queue.run(id, async () => {
        await this.rewrite(id, chain);
      });
      n++;
    }
    return n;
  }

  private file(id: string): string {
    // Ids come from the workspace index; checked again because they name a file.
    if (!idPattern.test(id)) throw new FactDeskError('article-not-found', `no article ${id}`, { id });
    return join(this.dir, `${id}.jsonl`);
  }

  /** Article ids that have a revision file (to find articles never recorded). */
  async recordedIds(): Promise<Set<string>> {
    const names = await fs.readdir(this.dir).catch(() => [] as string[]);
    return new Set(names.filter((n) => n.endsWith('.jsonl')).map((n) => n.slice(0, -'.jsonl'.length)));
  }

  private async chain(id: string): Promise<Chain> {
    let c = this.chains.get(id);
    if (c && this.readOnly) {
      // A reader picks up what the writer (another process) appended since.
      const size = await fs.stat(this.file(id)).then((st) => st.size, () => 0);
      const known = await c.catch(() => null);
      if (!known || size !== known.size) c = undefined;
    }
    if (!c) {
      c = this.load(id);
      this.chains.set(id, c);
      c.catch(() => this.chains.delete(id));
    }
    return c;
  }

  private async load(id: string): Promise<Chain> {
    const { lines, size } = await readWholeLines(this.metaDir, this.file(id), { readOnly: this.readOnly });
    const records: RevisionRecord[] = [];
    for (const r of lines) {
      // A damaged line in the middle is skipped; revisions that need it report it when read.
      if (isRecord(r) && r.n === records.length + 1) records.push(r);
      else if (isRecord(r) && r.n > records.length + 1) {
        console.error(`factdesk: revisions of ${id}: ${r.n - records.length - 1} damaged line(s) before revision ${r.n}`);
        while (records.length + 1 < r.n) records.push(placeholder(records.length + 1));
        records.push(r);
      }
    }
    return { records, links: records.map((r) => ({ kind: r.body.kind, bytes: bodyBytes(r.body) })), headText: null, size };
  }

  async list(id: string): Promise<RevisionInfo[]> {
    return (await this.chain(id)).records.filter((r) => r.hash !== '').map(info);
  }

  async head(id: string): Promise<RevisionInfo | null> {
    const { records } = await this.chain(id);
    const last = records[records.length - 1];
    return last ? info(last) : null;
  }

  async info(id: string, n: number): Promise<RevisionInfo> {
    return info(this.recordOf(await this.chain(id), n));
  }

  private recordOf(chain: Chain, n: number): RevisionRecord {
    const r = Number.isInteger(n) && n >= 1 ? chain.records[n - 1] : undefined;
    if (!r || r.hash === '') throw new FactDeskError('revision-not-found', `No revision ${n}`, { rev: n });
    return r;
  }

  /** The text of revision `n`, checked against the hash recorded with it. */
  async text(id: string, n: number): Promise<string> {
    const chain = await this.chain(id);
    const record = this.recordOf(chain, n);
    if (n === chain.records.length && chain.headText !== null) return chain.headText;
    const text = rebuildText(
      chain.records.map((r) => r.body),
      n - 1,
    );
    if (textHash(text) !== record.hash) {
      throw new FactDeskError('invalid-input', `Revision ${n} of ${id} does not rebuild to the text that was saved`, { detail: `revision ${n} is damaged` });
    }
    if (n === chain.records.length) chain.headText = text;
    return text;
  }

  /**
   * How many characters each revision added and removed, oldest first: read
   * off its patch, or (for a snapshot) from the change set against the one before.
   */
  async changes(id: string): Promise<RevisionChange[]> {
    const chain = await this.chain(id);
    const out: RevisionChange[] = [];
    for (const r of chain.records) {
      if (r.hash === '') continue;
      // A recorded revision never changes, so its size is worked out once.
      const known = changeSizes.get(r);
      if (known) {
        out.push(known);
        continue;
      }
      out.push(await this.changeOf(id, r));
      changeSizes.set(r, out[out.length - 1]!);
    }
    return out;
  }

  /** What one revision added and removed: read off its patch, or (a snapshot) diffed against the one before. */
  private async changeOf(id: string, r: RevisionRecord): Promise<RevisionChange> {
    if (r.body.kind === 'patch') return sizeOf(r.n, r.body.patch);
    const before = r.n > 1 ? await this.text(id, r.n - 1).catch(() => null) : '';
    // Without the text before it (a damaged line), a snapshot counts as all new.
    if (before === null) return { n: r.n, added: r.length, removed: 0 };
    return sizeOf(r.n, makePatch(before, r.body.text));
  }

  /** Finds the newest revision saved with these file bytes. */
  async byDiskHash(id: string, diskHash: string): Promise<RevisionInfo | null> {
    const { records } = await this.chain(id);
    for (let i = records.length - 1; i >= 0; i--) if (records[i]!.diskHash === diskHash) return info(records[i]!);
    return null;
  }

  /** Appends a revision (durably) and returns it. */
  record(id: string, rev: NewRevision): Promise<RevisionInfo> {
    if (this.readOnly) return Promise.reject(new FactDeskError('workspace-read-only', 'workspace is read-only', { reason: 'read-only' }));
    return this.queue.run(id, async () => {
      const chain = await this.chain(id);
      const n = chain.records.length + 1;
      const previous = n > 1 ? await this.text(id, n - 1).catch(() => null) : null;
      // Without the previous text (damaged chain) the new revision starts afresh from a snapshot.
      const { body, link } = nextRevisionBody(previous === null ? [] : chain.links, previous, rev.text);
      const record: RevisionRecord = {
        n,
        at: new Date().toISOString(),
        author: rev.author,
        source: rev.source,
        ...(rev.label ? { label: rev.label } : {}),
        ...(rev.restoredFrom !== undefined ? { restoredFrom: rev.restoredFrom } : {}),
        hash: textHash(rev.text),
        ...(rev.diskHash ? { diskHash: rev.diskHash } : {}),
        length: rev.text.length,
        body,
      };
      await this.append(id, chain, Buffer.from(JSON.stringify(record) + '\n', 'utf8'));
      chain.records.push(record);
      chain.links.push(link);
      chain.headText = rev.text;
      return info(record);
    });
  }

  /** Writes a whole history held in memory back to its file. */
  private async rewrite(id: string, chain: Chain): Promise<void> {
    const bytes = Buffer.from(chain.records.map((r) => JSON.stringify(r) + '\n').join(''), 'utf8');
    await writeFileDurable(this.file(id), bytes, { displayName: `.factdesk/revisions/${id}.jsonl` });
    chain.size = bytes.length;
  }

  private async append(id: string, chain: Chain, line: Buffer): Promise<void> {
    const path = this.file(id);
    const name = `.factdesk/revisions/${id}.jsonl`;
    try {
      await this.opts.guard?.(this.dir);
      if (chain.size === 0) await fs.mkdir(this.dir, { recursive: true });
      else if (!(await fs.lstat(path).then(() => true, () => false))) {
        // The file vanished under a running session (its folder deleted): the history held in memory goes back first.
        await fs.mkdir(this.dir, { recursive: true });
        await this.rewrite(id, chain);
      }
    } catch (e) {
      throw writeError(e, name);
    }
    await appendWholeLines(this.metaDir, path, line, chain.size, name);
    chain.size += line.length;
  }

  /** Forgets cached chains (the files may have changed under another process). */
  forget(id?: string): void {
    if (id) this.chains.delete(id);
    else this.chains.clear();
  }
}

function sizeOf(n: number, patch: RevisionPatch): RevisionChange {
  let added = 0;
  let removed = 0;
  for (const [, del, ins] of patch) {
    added += ins.length;
    removed += del;
  }
  return { n, added, removed };
}

/** Characters added and removed by each revision already worked out (records are never changed once read). */
const changeSizes = new WeakMap<RevisionRecord, RevisionChange>();

function placeholder(n: number): RevisionRecord {
  return { n, at: '', author: null, source: 'external', hash: '', length: 0, body: { kind: 'patch', patch: [] } };
}

function info(r: RevisionRecord): RevisionInfo {
  const { body: _body, ...rest } = r;
  return rest;
}
