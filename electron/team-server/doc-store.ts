/**
 * The team server's SQLite database: for each Yjs document a merged snapshot,
 * plus an append-only log of the updates received since. An update is
 * written to the log (WAL, synchronous=FULL) *before* the server applies and
 * acknowledges it, so an acknowledged change survives a SIGKILL of the
 * server; the debounced store folds the log into the snapshot.
 *
 * Several server instances (behind Redis) may share one database file: each
 * folds only the log rows it wrote, and a snapshot is always merged with the
 * one stored before, so an instance that has not yet heard of another's
 * change never stores over it (a CRDT merge loses nothing).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import type { TeamAuditEntry } from '../../shared/team/docs.js';

export class DocStore {
  private readonly db: Database.Database;
  /** Tells this process's log rows from another instance's. */
  readonly instance = randomBytes(6).toString('hex');

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(join(dataDir, 'team.sqlite'));
    this.db.pragma('journal_mode = WAL');
    // Every commit reaches the disk before the update is acknowledged.
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS documents (name TEXT PRIMARY KEY, state BLOB NOT NULL, updated_at TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS updates (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, instance TEXT NOT NULL, data BLOB NOT NULL);
      CREATE INDEX IF NOT EXISTS updates_by_name ON updates (name, id);
      CREATE TABLE IF NOT EXISTS audit (seq INTEGER PRIMARY KEY AUTOINCREMENT, article TEXT NOT NULL, entry TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS audit_by_article ON audit (article, seq);
    `);
  }

  private pending: Array<{ name: string; update: Uint8Array; done: () => void; fail: (e: unknown) => void }> = [];
  private scheduled = false;

  /**
   * Appends a received update to the log; resolves once it is on disk (the
   * server applies and acknowledges it then). Updates that arrive in the same
   * turn of the event loop share one transaction — one fsync for a burst of
   * members typing — and their promises resolve right after its commit, in
   * that same turn, so each is applied in the turn it was logged.
   */
  log(name: string, update: Uint8Array): Promise<void> {
    return new Promise((done, fail) => {
      this.pending.push({ name, update, done, fail });
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => this.commit());
    });
  }

  private commit(): void {
    const batch = this.pending;
    this.pending = [];
    this.scheduled = false;
    const insert = this.db.prepare('INSERT INTO updates (name, instance, data) VALUES (?, ?, ?)');
    try {
      this.db.transaction(() => {
        for (const u of batch) insert.run(u.name, this.instance, Buffer.from(u.update));
      })();
    } catch (e) {
      for (const u of batch) u.fail(e);
      return;
    }
    for (const u of batch) u.done();
  }

  /** The document's whole state: the snapshot with every logged update merged in. */
  fetch(name: string): Uint8Array | null {
    const row = this.db.prepare('SELECT state FROM documents WHERE name = ?').get(name) as { state: Buffer } | undefined;
    const logged = (this.db.prepare('SELECT data FROM updates WHERE name = ? ORDER BY id').all(name) as Array<{ data: Buffer }>).map((r) => new Uint8Array(r.data));
    const parts = [...(row ? [new Uint8Array(row.state)] : []), ...logged];
    if (parts.length === 0) return null;
    return parts.length === 1 ? parts[0]! : Y.mergeUpdates(parts);
  }

  /**
   * Stores `state` (the document as this instance holds it) and drops this
   * instance's log rows up to now — all of them are in `state`, because an
   * update is applied in the turn of the event loop its log row is committed
   * in, and the caller encodes `state` synchronously before calling this.
   */
  store(name: string, state: Uint8Array): void {
    const upTo = (this.db.prepare('SELECT COALESCE(MAX(id), 0) AS m FROM updates WHERE name = ? AND instance = ?').get(name, this.instance) as { m: number }).m;
    const tx = this.db.transaction(() => {
      const row = this.db.prepare('SELECT state FROM documents WHERE name = ?').get(name) as { state: Buffer } | undefined;
      const merged = row ? Y.mergeUpdates([new Uint8Array(row.state), state]) : state;
      this.db
        .prepare('INSERT INTO documents (name, state, updated_at) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at')
        .run(name, Buffer.from(merged), new Date().toISOString());
      this.db.prepare('DELETE FROM updates WHERE name = ? AND instance = ? AND id <= ?').run(name, this.instance, upTo);
    });
    tx();
  }

  /**
   * Appends entries to the team's audit log (a table: it grows with the
   * team's history without any member loading it whole). Returns the last
   * sequence number given.
   */
  appendAudit(entries: readonly TeamAuditEntry[]): number {
    const insert = this.db.prepare('INSERT INTO audit (article, entry) VALUES (?, ?)');
    let last = 0;
    this.db.transaction(() => {
      for (const e of entries) last = Number(insert.run(e.articleId, JSON.stringify(e)).lastInsertRowid);
    })();
    return last;
  }

  /** One page of an article's audit log: the entries after `after` (a sequence number), oldest first. */
  auditPage(articleId: string, after: number, limit: number): { entries: Array<TeamAuditEntry & { seq: number }>; more: boolean } {
    const rows = this.db.prepare('SELECT seq, entry FROM audit WHERE article = ? AND seq > ? ORDER BY seq LIMIT ?').all(articleId, after, limit + 1) as Array<{ seq: number; entry: string }>;
    const entries = rows.slice(0, limit).map((r) => ({ ...(JSON.parse(r.entry) as TeamAuditEntry), seq: r.seq }));
    return { entries, more: rows.length > limit };
  }

  /** How many entries the audit log holds. */
  auditCount(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM audit').get() as { n: number }).n;
  }

  close(): void {
    this.db.close();
  }
}
