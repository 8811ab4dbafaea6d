/**
 * What the claim board and the dashboard keep of each article's sidecar: its
 * board rows and its tally. One read of a sidecar serves both; a digest is
 * kept until the article's claims change (the store's `version`).
 *
 * Digests are also kept on disk, in `.factdesk/digests`, each stamped
 * with the sidecar file it was made from (device, inode, size, times: see
 * `fileStamp`). A new session takes a digest from there only while its
 * sidecar still has that stamp, and reads the sidecars that changed. Sidecars
 * are replaced by rename, so a changed one always has a new stamp. A digest
 * from the file gives its tally at once and makes its rows when first asked
 * for: the board as it opens needs only the rows of its first page. The file
 * is a cache: damaged, missing or from another version, it is ignored and
 * written again; deleting it loses nothing. Like git's index, it is trusted
 * while the stamps match.
 */
import { join } from 'node:path';
import { checkerOf, claimStatuses, statusEntries, type ArticleAnnotations, type ClaimStatus } from '../../shared/annotations.js';
import { claimKinds, type ClaimKind } from '../../shared/claims/index.js';
import { bareSearchText, searchTextOf, type IndexedRow } from '../../shared/board.js';
import { emptyCounts, tallyArticle, type ArticleTally } from '../../shared/dashboard.js';
import { workflowStatuses, type WorkflowStatus } from '../../shared/model.js';
import type { AnnotationStore } from './annotation-store.js';
import { writeFileDurable } from './durable-file.js';
import { eachInPool } from './pool.js';
import { readStoreFile } from './safe-open.js';
import type { Workspace } from './workspace.js';

/** Sidecars read at once. */
const readersAtOnce = 8;

export interface ArticleDigest {
  tally: ArticleTally;
  /** How many live claims (rows) the article has. */
  size: number;
  /**
   * The article's live claims as board rows, in text order. A digest from the file makes them on
   * first use; null when they turn out damaged there (ask `SidecarDigests.rowsOf`, which then
   * drops the digest, so the sidecar is read).
   */
  rows(): IndexedRow[] | null;
}

const madeDigest = (rows: IndexedRow[], tally: ArticleTally): ArticleDigest => ({ tally, size: rows.length, rows: () => rows });

interface Entry {
  /** The store's version of the article when the digest was made. */
  version: number;
  /** The sidecar file it was made from; null when made from memory (not kept on disk). */
  stamp: string | null;
  digest: ArticleDigest;
}

/**
 * A digest on disk. The rows are stored by column (one array per field, a
 * claim's fields at the same place in each), status and kind as their place
 * in the lists the file's first line names, and a search text as 0 when it is
 * that of the bare quote: a new session makes its rows with little garbage.
 */
interface StoredHead {
  workflow: WorkflowStatus;
  tally: { counts: Record<ClaimStatus, number>; openBy: Array<[string, number]>; assigned: string[]; checkTimes: number[] };
}

interface StoredRows {
  claimId: string[];
  status: number[];
  kind: number[];
  quote: string[];
  value: Array<number | null>;
  unit: Array<string | null>;
  assignee: Array<string | null>;
  checker: Array<string | null>;
  checkedAt: Array<string | null>;
  updatedAt: string[];
  start: number[];
  detached: number[];
  verdictNote: string[];
  sourceCount: number[];
  commentCount: number[];
  search: Array<string | 0>;
}

/** The first line of the file: its format and version, and the statuses and kinds its rows count by place. */
const fileHeader = `factdesk-digests 3 ${JSON.stringify({ statuses: claimStatuses, kinds: claimKinds })}`;
const statusPlace = new Map<string, number>(claimStatuses.map((x, i) => [x, i]));
const kindPlace = new Map<string, number>(claimKinds.map((x, i) => [x, i]));
export const digestsFileName = 'digests';
/** How long reading or writing the file may hold the session before it lets others in. */
const sliceMs = 8;

const emptyDigest = (): ArticleDigest => madeDigest([], tallyArticle({ claims: {}, audit: [] }));

/** An article's digest, made from its sidecar (null: it has none). */
export function digestOf(ws: Workspace, id: string, data: ArticleAnnotations | null): ArticleDigest {
  if (!data || !ws.has(id)) return emptyDigest();
  const rec = ws.record(id);
  const entries = statusEntries(data.audit);
  const rows: IndexedRow[] = [];
  for (const c of Object.values(data.claims)) {
    if (c.deleted) continue;
    const { checker, checkedAt } = checkerOf(c, entries);
    rows.push({
      row: {
        articleId: id,
        claimId: c.id,
        articlePath: rec.path,
        articleTitle: rec.title,
        workflow: data.workflow,
        status: c.status,
        kind: c.kind,
        quote: c.anchor.quote,
        value: c.value,
        unit: c.unit,
        assignee: c.assignee,
        checker,
        checkedAt,
        updatedAt: c.updatedAt,
        start: c.anchor.start,
        detached: !!c.detached,
        verdictNote: c.verdictNote,
        sourceCount: c.sources.length,
        commentCount: c.comments.length,
      },
      search: searchTextOf(c),
    });
  }
  rows.sort((a, b) => a.row.start - b.row.start);
  return madeDigest(rows, tallyArticle(data));
}

/** A digest as a line of the file: `<head JSON>\t<rows JSON>` (JSON never holds a raw tab). */
function storedLine(rows: readonly IndexedRow[], tally: ArticleTally): string {
  const col = <T>(f: (r: IndexedRow) => T): T[] => rows.map(f);
  const head: StoredHead = {
    workflow: rows[0]?.row.workflow ?? 'draft',
    tally: { counts: tally.counts, openBy: [...tally.openBy], assigned: [...tally.assigned], checkTimes: tally.checkTimes },
  };
  const body: StoredRows = {
    claimId: col((r) => r.row.claimId),
    status: col((r) => statusPlace.get(r.row.status)!),
    kind: col((r) => kindPlace.get(r.row.kind)!),
    quote: col((r) => r.row.quote),
    value: col((r) => r.row.value),
    unit: col((r) => r.row.unit),
    assignee: col((r) => r.row.assignee),
    checker: col((r) => r.row.checker),
    checkedAt: col((r) => r.row.checkedAt),
    updatedAt: col((r) => r.row.updatedAt),
    start: col((r) => r.row.start),
    detached: col((r) => (r.row.detached ? 1 : 0)),
    verdictNote: col((r) => r.row.verdictNote),
    sourceCount: col((r) => r.row.sourceCount),
    commentCount: col((r) => r.row.commentCount),
    search: col((r) => (r.search === null || r.search === bareSearchText(r.row.quote) ? 0 : r.search)),
  };
  return `${JSON.stringify(head)}\t${JSON.stringify(body)}`;
}

const workflowSet = new Set<unknown>(workflowStatuses);
const str = (x: unknown): x is string => typeof x === 'string';
const strOrNull = (x: unknown) => x === null || typeof x === 'string';
const count = (x: unknown): x is number => Number.isInteger(x) && (x as number) >= 0;
const number = (x: unknown) => typeof x === 'number' && Number.isFinite(x);
const numberOrNull = (x: unknown) => x === null || number(x);
const bit = (x: unknown) => x === 0 || x === 1;
const searchText = (x: unknown) => x === 0 || typeof x === 'string';

/** The tally of a line's head, or null when it is not what this version writes (then the sidecar is read). */
function restoredHead(h: StoredHead): { workflow: WorkflowStatus; tally: ArticleTally } | null {
  if (!h || typeof h !== 'object' || !workflowSet.has(h.workflow)) return null;
  const t = h.tally;
  if (!t || typeof t !== 'object' || !t.counts || !Array.isArray(t.openBy) || !Array.isArray(t.assigned) || !Array.isArray(t.checkTimes)) return null;
  const counts = emptyCounts();
  for (const s of claimStatuses) {
    if (!count(t.counts[s])) return null;
    counts[s] = t.counts[s];
  }
  if (!t.openBy.every((p) => Array.isArray(p) && str(p[0]) && count(p[1])) || !t.assigned.every(str) || !t.checkTimes.every(Number.isInteger)) return null;
  return { workflow: h.workflow, tally: { counts, openBy: new Map(t.openBy), assigned: new Set(t.assigned), checkTimes: t.checkTimes } };
}

/** Where a digest's rows are in the file, until they are made. */
interface RowsSource {
  buf: Buffer;
  from: number;
  to: number;
  statuses: readonly ClaimStatus[];
  kinds: readonly ClaimKind[];
}

/**
 * A line's rows, or null when they are not what this version writes or not `size` of them.
 * `statuses` and `kinds` are what the file's places stand for.
 */
function restoredRows(ws: Workspace, id: string, workflow: WorkflowStatus, size: number, src: RowsSource): IndexedRow[] | null {
  let c: StoredRows;
  try {
    c = JSON.parse(src.buf.toString('utf8', src.from, src.to)) as StoredRows;
  } catch {
    return null;
  }
  if (!c || typeof c !== 'object' || !ws.has(id)) return null;
  const n = size;
  const column = (xs: unknown, ok: (x: unknown) => boolean) => Array.isArray(xs) && xs.length === n && xs.every(ok);
  const place = (list: readonly unknown[]) => (x: unknown) => Number.isInteger(x) && (x as number) >= 0 && (x as number) < list.length;
  const { statuses, kinds } = src;
  if (
    !column(c.claimId, str) || !column(c.status, place(statuses)) || !column(c.kind, place(kinds)) || !column(c.quote, str) || !column(c.value, numberOrNull) ||
    !column(c.unit, strOrNull) || !column(c.assignee, strOrNull) || !column(c.checker, strOrNull) || !column(c.checkedAt, strOrNull) || !column(c.updatedAt, str) ||
    !column(c.start, count) || !column(c.detached, bit) || !column(c.verdictNote, str) || !column(c.sourceCount, count) || !column(c.commentCount, count) || !column(c.search, searchText)
  )
    return null;
  const rec = ws.record(id);
  const rows: IndexedRow[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const search = c.search[i]!;
    rows[i] = {
      row: {
        articleId: id, claimId: c.claimId[i]!, articlePath: rec.path, articleTitle: rec.title, workflow, status: statuses[c.status[i]!]!, kind: kinds[c.kind[i]!]!,
        quote: c.quote[i]!, value: c.value[i]!, unit: c.unit[i]!, assignee: c.assignee[i]!, checker: c.checker[i]!, checkedAt: c.checkedAt[i]!, updatedAt: c.updatedAt[i]!,
        start: c.start[i]!, detached: c.detached[i] === 1, verdictNote: c.verdictNote[i]!, sourceCount: c.sourceCount[i]!, commentCount: c.commentCount[i]!,
      },
      search: search === 0 ? null : search,
    };
  }
  return rows;
}

/** A digest from the file: its tally now, its rows when first asked for (then the file's bytes are let go). */
function fileDigest(ws: Workspace, id: string, workflow: WorkflowStatus, tally: ArticleTally, src: RowsSource): ArticleDigest {
  let source: RowsSource | null = src;
  let made: IndexedRow[] | null = null;
  const size = claimStatuses.reduce((n, s) => n + tally.counts[s], 0);
  return {
    tally,
    size,
    rows: () => {
      if (source) {
        made = restoredRows(ws, id, workflow, size, source);
        source = null;
      }
      return made;
    },
  };
}

export class SidecarDigests {
  private readonly entries = new Map<string, Entry>();
  private readonly reading = new Map<string, Promise<ArticleDigest>>();
  /** Changes whenever a digest is made, taken from the file or dropped (the board's rows follow it). */
  generation = 0;
  /** Taking digests from the file, once per session (first use or `warm`). */
  private loading: Promise<void> | null = null;
  private warming: Promise<void> | null = null;
  /** Digests read from sidecar files since the file was last written. */
  private unsaved = false;
  private saveTimer: NodeJS.Timeout | null = null;
  private settleTimer: NodeJS.Timeout | null = null;
  private saving: Promise<void> = Promise.resolve();
  private closed = false;
  readonly file: string;

  constructor(
    private readonly ws: Workspace,
    private readonly store: AnnotationStore,
    /** How long after the last new digest the file is written. */
    private readonly saveDelayMs = 1000,
    /** How long after the digests are taken from the file their rows are made (`settleLater`). */
    private readonly settleDelayMs = 1000,
  ) {
    this.file = join(ws.metaDir, digestsFileName);
  }

  /** The article's claims changed: its digest is made again when next asked for. */
  invalidate(id: string): void {
    if (this.entries.delete(id)) this.generation++;
  }

  /**
   * Makes every article's digest now, from the file where it is current, so
   * the first board page or dashboard asked for finds them made. Called when
   * the app opens a workspace.
   */
  warm(): Promise<void> {
    return (this.warming ??= this.many(this.ws.ids()).then(
      () => {},
      (e) => console.error('factdesk: reading the claim digests failed:', e),
    ));
  }

  /** A digest's rows; when they turn out damaged in the file, the digest is dropped (and the sidecar read when next asked for). */
  rowsOf(id: string, digest: ArticleDigest): IndexedRow[] | null {
    const rows = digest.rows();
    if (!rows && this.entries.get(id)?.digest === digest) {
      this.entries.delete(id);
      this.generation++;
    }
    return rows;
  }

  /**
   * Makes the rows of every digest taken from the file, a few milliseconds at a time, a moment
   * after the session opened: the first board page needs only its own articles' rows (and the
   * window loads meanwhile), a filter or a search needs them all.
   */
  private settleLater(): void {
    this.settleTimer = setTimeout(() => this.settleNow(), this.settleDelayMs);
    this.settleTimer.unref?.();
  }

  /** Starts making the rows now, if they are still to be made (the board's first page was just answered: a filter may come next). */
  settleNow(): void {
    if (!this.settleTimer) return;
    clearTimeout(this.settleTimer);
    this.settleTimer = null;
    void (async () => {
      let slice = performance.now();
      for (const [id, e] of [...this.entries]) {
        if (this.closed) return;
        this.rowsOf(id, e.digest);
        if (performance.now() - slice > sliceMs) {
          await new Promise((r) => setImmediate(r));
          slice = performance.now();
        }
      }
    })();
  }

  /** The article's digest: kept, or made from its sidecar. */
  async get(id: string): Promise<ArticleDigest> {
    await (this.loading ??= this.load());
    const e = this.entries.get(id);
    // A reader of a read-only workspace sees what the writer wrote since: the file must still be the one read.
    if (e && e.version === this.store.version(id) && (!this.ws.readOnly || (await this.store.stampOf(id)) === e.stamp)) return e.digest;
    let r = this.reading.get(id);
    if (!r) {
      const p = this.read(id);
      r = p.finally(() => void (this.reading.get(id) === r && this.reading.delete(id)));
      this.reading.set(id, r);
    }
    return r;
  }

  /** The digests of these articles, a few sidecars read at a time. */
  async many(ids: readonly string[]): Promise<Map<string, ArticleDigest>> {
    await (this.loading ??= this.load());
    const out = new Map<string, ArticleDigest>();
    // A session closing stops reading (the app's warm-up may still be under way).
    await eachInPool(ids, readersAtOnce, async (id) => void (this.closed || out.set(id, await this.get(id))));
    if (this.unsaved) this.scheduleSave();
    return out;
  }

  private async read(id: string): Promise<ArticleDigest> {
    const version = this.store.version(id);
    const { data, stamp } = await this.store.peekStamped(id).catch(() => ({ data: null, stamp: null }));
    const digest = digestOf(this.ws, id, data);
    // What was read while a change began is not kept (claims.changed comes after it, and must find it gone).
    if (this.store.version(id) === version && this.ws.has(id)) {
      this.entries.set(id, { version, stamp, digest });
      this.generation++;
      if (stamp) this.unsaved = true;
    }
    return digest;
  }

  /**
   * Takes from the file every digest whose sidecar has not changed since. The file is one line per
   * article, `<id> <stamp> <head JSON>\t<rows JSON>`, after a first line naming the format: lines
   * whose sidecar changed are skipped unparsed, only the heads (workflow, tally) are parsed now
   * (the rows when first asked for, or by `settleLater`), and the reading pauses every few
   * milliseconds, so the session keeps answering (and serving the window's files) while it reads.
   */
  private async load(): Promise<void> {
    let buf: Buffer;
    try {
      buf = await readStoreFile(this.ws.metaDir, this.file);
    } catch {
      return; // none yet, or not readable: the sidecars are read
    }
    let nl = buf.indexOf(10);
    const header = /^factdesk-digests 3 (\{.*\})$/.exec(nl < 0 ? '' : buf.toString('utf8', 0, nl));
    let places: { statuses: ClaimStatus[]; kinds: ClaimKind[] };
    try {
      places = JSON.parse(header?.[1] ?? 'null');
    } catch {
      return;
    }
    // Places stand for the statuses and kinds the file names; one this version does not know makes the file useless.
    if (!places || !Array.isArray(places.statuses) || !Array.isArray(places.kinds) || !places.statuses.every((x) => statusPlace.has(x)) || !places.kinds.every((x) => kindPlace.has(x))) return;
    const lines: Array<{ id: string; stamp: string; from: number; to: number }> = [];
    for (let from = nl + 1; from < buf.length; from = nl + 1) {
      nl = buf.indexOf(10, from);
      if (nl < 0) break; // a line cut short: the file was not written whole
      const sp1 = buf.indexOf(32, from);
      const sp2 = sp1 < 0 ? -1 : buf.indexOf(32, sp1 + 1);
      if (sp2 < 0 || sp2 > nl) continue;
      const id = buf.toString('utf8', from, sp1);
      if (this.ws.has(id)) lines.push({ id, stamp: buf.toString('utf8', sp1 + 1, sp2), from: sp2 + 1, to: nl });
    }
    // Which sidecars are still the files the digests were made from (all looked at at once: a stat is cheap).
    const versions = new Map(lines.map((l) => [l.id, this.store.version(l.id)]));
    const current = await Promise.all(lines.map((l) => this.store.stampOf(l.id)));
    let slice = performance.now();
    for (let i = 0; i < lines.length; i++) {
      const { id, stamp, from, to } = lines[i]!;
      if (current[i] === null || current[i] !== stamp || this.store.version(id) !== versions.get(id) || !this.ws.has(id) || this.entries.has(id)) continue;
      // Only the head (workflow and tally) is read now; the rows when first asked for.
      const tab = buf.indexOf(9, from);
      if (tab < 0 || tab > to) continue;
      let head: ReturnType<typeof restoredHead> = null;
      try {
        head = restoredHead(JSON.parse(buf.toString('utf8', from, tab)) as StoredHead);
      } catch {
        head = null;
      }
      if (!head) continue;
      const digest = fileDigest(this.ws, id, head.workflow, head.tally, { buf, from: tab + 1, to, statuses: places.statuses, kinds: places.kinds });
      this.entries.set(id, { version: versions.get(id)!, stamp, digest });
      if (performance.now() - slice > sliceMs) {
        await new Promise((r) => setImmediate(r));
        slice = performance.now();
      }
    }
    this.generation++;
    this.settleLater();
  }

  private scheduleSave(): void {
    if (this.ws.readOnly || this.closed) return;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      this.saving = this.saving.then(() => this.save()).catch((e) => console.error('factdesk: writing the claim digests failed:', e));
    }, this.saveDelayMs);
    this.saveTimer.unref?.();
  }

  /** Writes the digests made from sidecar files (those made from memory are not known to match a file). */
  private async save(): Promise<void> {
    if (this.ws.readOnly || !this.unsaved) return;
    this.unsaved = false;
    const parts: Buffer[] = [Buffer.from(`${fileHeader}\n`)];
    let slice = performance.now();
    for (const [id, e] of this.entries) {
      const rows = e.stamp && this.ws.has(id) ? this.rowsOf(id, e.digest) : null;
      if (!rows) continue;
      parts.push(Buffer.from(`${id} ${e.stamp} ${storedLine(rows, e.digest.tally)}\n`));
      // The session keeps answering calls meanwhile.
      if (performance.now() - slice > sliceMs) {
        await new Promise((r) => setImmediate(r));
        slice = performance.now();
      }
    }
    await this.ws.guardMeta(this.file);
    await writeFileDurable(this.file, parts, { displayName: `.factdesk/${digestsFileName}` });
  }

  /** Writes what is not written yet (the session closes). */
  async close(): Promise<void> {
    this.closed = true;
    await this.warming;
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.saveTimer = null;
      this.saving = this.saving.then(() => this.save()).catch((e) => console.error('factdesk: writing the claim digests failed:', e));
    }
    await this.saving;
  }
}
