/**
 * The workspace claim board and bulk review, through the contract with real
 * files: every claim of every article filtered, searched, sorted and paged
 * by the services; one change for many claims with an audit entry each and
 * one undo for the batch; "accept all detected" leaving out bare dates.
 */
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AddDetectedResult, AuditEntry, BulkResult, Claim, ClaimList } from '../../shared/annotations.js';
import type { BoardPage, SavedBoardFilter } from '../../shared/board.js';
import type { ArticleSummary } from '../../shared/model.js';
import { dispatcherHost, type HostUnderTest } from '../helpers/hosts.js';
import { makeWorkspace, removeDir, teamShared } from '../helpers/temp-workspace.js';

const seedText = readFileSync(join(teamShared, 'fixtures', 'claims', 'seed-chenzhou.txt'), 'utf8');
const enText = readFileSync(join(teamShared, 'fixtures', 'claims', 'en-abs-trade-dec2019.txt'), 'utf8');

let root: string;
let h: HostUnderTest;
let seed: string;
let en: string;

beforeEach(async () => {
  root = await makeWorkspace({ '郴州.txt': seedText, 'abs/trade.txt': enText });
  h = await dispatcherHost(root);
  const list = (await h.call('articles.list')) as ArticleSummary[];
  seed = list.find((a) => a.path === '郴州.txt')!.id;
  en = list.find((a) => a.path === 'abs/trade.txt')!.id;
});
afterEach(async () => {
  await h.close();
  await removeDir(root);
});

const query = (q: object) => h.call('board.query', q) as Promise<BoardPage>;
const claimsOf = async (id: string) => ((await h.call('claims.list', { articleId: id })) as ClaimList).claims;

describe('accept all detected', () => {
  it('leaves out bare years and dates unless asked for them', async () => {
    const detected = (await h.call('claims.detect', { articleId: seed })) as Array<{ kind: string }>;
    const dates = detected.filter((d) => d.kind === 'date').length;
    expect(dates).toBeGreaterThan(0);
    const r = (await h.call('claims.addDetected', { articleId: seed })) as AddDetectedResult;
    expect(r.added.length).toBe(detected.length - dates);
    expect(r.added.every((c) => c.kind !== 'date')).toBe(true);
    const more = (await h.call('claims.addDetected', { articleId: seed, kinds: ['date'] })) as AddDetectedResult;
    expect(more.added).toHaveLength(dates);
  });
});

describe('the board', () => {
  beforeEach(async () => {
    await h.call('claims.addDetected', { articleId: seed });
    await h.call('claims.addDetected', { articleId: en });
  });

  it('lists every claim of every article, in pages, and counts them by status', async () => {
    const all = [...(await claimsOf(seed)), ...(await claimsOf(en))];
    const first = await query({ limit: 20 });
    expect(first.total).toBe(all.length);
    expect(first.rows).toHaveLength(20);
    expect(first.byStatus.unchecked).toBe(all.length);
    const rest = await query({ offset: 20, limit: 1000 });
    const ids = new Set([...first.rows, ...rest.rows].map((r) => r.claimId));
    expect(ids).toEqual(new Set(all.map((c) => c.id)));
    expect(first.rows[0]).toMatchObject({ articlePath: 'abs/trade.txt', status: 'unchecked' });
  });

  it('filters by status, kind, article and assignee, and searches quotes, verdicts, sources and comments', async () => {
    const [a, b, c] = await claimsOf(seed);
    await h.call('claims.setStatus', { articleId: seed, claimId: a!.id, status: 'verified', verdictNote: '与统计公报一致' });
    await h.call('claims.update', { articleId: seed, claimId: b!.id, assignee: 'li' });
    await h.call('claims.addSource', { articleId: seed, claimId: c!.id, source: { title: '郴州市统计局年报' } });
    await h.call('claims.addComment', { articleId: en, claimId: (await claimsOf(en))[0]!.id, text: 'Check against ABS table 1' });

    expect((await query({ status: ['verified'] })).rows.map((r) => r.claimId)).toEqual([a!.id]);
    expect((await query({ status: ['verified'] })).byStatus.unchecked).toBeGreaterThan(10);
    expect((await query({ assignee: ['li'] })).rows.map((r) => r.claimId)).toEqual([b!.id]);
    expect((await query({ articleId: [en] })).rows.every((r) => r.articleId === en)).toBe(true);
    expect((await query({ kind: ['percent'] })).rows.every((r) => r.kind === 'percent')).toBe(true);
    expect((await query({ text: '统计公报' })).rows.map((r) => r.claimId)).toEqual([a!.id]);
    expect((await query({ text: '统计局年报' })).rows.map((r) => r.claimId)).toEqual([c!.id]);
    expect((await query({ text: 'abs table' })).rows).toHaveLength(1);
    expect((await query({ text: '305.7' })).rows[0]?.quote).toBe('305.7亿元');
    // The checker is who gave the status.
    expect((await query({ status: ['verified'] })).rows[0]).toMatchObject({ checker: h.session.author, verdictNote: '与统计公报一致' });
  });

  it('sorts by any column', async () => {
    const byValue = (await query({ kind: ['money'], sort: { column: 'value', dir: 'desc' }, limit: 1000 })).rows.map((r) => r.value!);
    expect(byValue.length).toBeGreaterThan(3);
    expect([...byValue].sort((x, y) => y - x)).toEqual(byValue);
    const byQuote = (await query({ sort: { column: 'quote', dir: 'asc' }, limit: 1000 })).rows.map((r) => r.quote);
    expect([...byQuote].sort()).toEqual(byQuote);
    for (const column of ['status', 'article', 'kind', 'assignee', 'checker', 'updated'] as const) {
      expect((await query({ sort: { column, dir: 'asc' }, limit: 5 })).rows).toHaveLength(5);
    }
  });

  it('names everyone assigned a claim, for the assignee filter, and follows assignments as they change', async () => {
    expect(await h.call('board.assignees')).toEqual([]);
    const [a, b, c] = await claimsOf(seed);
    await h.call('claims.update', { articleId: seed, claimId: a!.id, assignee: '王芳' });
    await h.call('claims.update', { articleId: seed, claimId: b!.id, assignee: 'li' });
    await h.call('claims.update', { articleId: en, claimId: (await claimsOf(en))[0]!.id, assignee: 'li' });
    // Verified claims still count: the filter is for anyone's claims, not only open ones.
    await h.call('claims.setStatus', { articleId: seed, claimId: a!.id, status: 'verified' });
    // In the order of the article list (zh-CN collation: Chinese names by pinyin, first).
    expect(await h.call('board.assignees')).toEqual(['王芳', 'li']);
    await h.call('claims.bulk', { targets: [{ articleId: seed, claimId: c!.id }], assignee: '张伟' });
    expect(await h.call('board.assignees')).toEqual(['王芳', '张伟', 'li']);
    await h.call('claims.update', { articleId: seed, claimId: a!.id, assignee: null });
    expect(await h.call('board.assignees')).toEqual(['张伟', 'li']);
  });

  it('keeps saved filters such as “assigned to me, not verified” in the workspace', async () => {
    const [a, b] = await claimsOf(seed);
    await h.call('claims.update', { articleId: seed, claimId: a!.id, assignee: h.session.author });
    await h.call('claims.update', { articleId: seed, claimId: b!.id, assignee: h.session.author });
    await h.call('claims.setStatus', { articleId: seed, claimId: b!.id, status: 'verified' });
    const filter = { assignee: ['@me'], status: ['unchecked', 'in-progress', 'disputed', 'false', 'unverifiable', 'needs-recheck'] };
    const saved = (await h.call('board.saveFilter', { name: '我的待核', filter })) as SavedBoardFilter;
    expect(((await h.call('board.filters')) as SavedBoardFilter[]).map((f) => f.name)).toEqual(['我的待核']);
    expect((await query(saved.filter)).rows.map((r) => r.claimId)).toEqual([a!.id]);
    await h.close();
    h = await dispatcherHost(root);
    expect(((await h.call('board.filters')) as SavedBoardFilter[])[0]?.filter).toEqual(filter);
    await h.call('board.removeFilter', { id: saved.id });
    expect(await h.call('board.filters')).toEqual([]);
  });
});

describe('bulk review', () => {
  beforeEach(async () => {
    await h.call('claims.addDetected', { articleId: seed });
    await h.call('claims.addDetected', { articleId: en });
  });

  it('reads each sidecar once for the board and the article list’s counts, and keeps nothing read while a change began', async () => {
    await h.close();
    // Without the digests a session keeps on disk, every sidecar is read (claim-digests.test.ts covers the file).
    await rm(join(root, '.factdesk', 'digests'), { force: true });
    h = await dispatcherHost(root);
    const store = h.session.annotations as unknown as { readSidecar: (id: string) => Promise<unknown> };
    const reads: string[] = [];
    const read = store.readSidecar.bind(store);
    store.readSidecar = (id) => (reads.push(id), read(id));
    // The counts and the board asked at once share their reads; the board then needs none of its own.
    const [counts, first] = await Promise.all([h.call('articles.statusCounts', {}) as Promise<Record<string, { unchecked: number }>>, query({ limit: 5 })]);
    expect(reads.sort()).toEqual([en, seed].sort());
    expect(first.total).toBe(counts[seed]!.unchecked + counts[en]!.unchecked);
    expect((await query({ articleId: [en], limit: 1 })).total).toBe(counts[en]!.unchecked);
    expect(reads).toHaveLength(2);
    // A change that begins while the counts are read is in the next answer (the read is not kept).
    await h.close();
    h = await dispatcherHost(root);
    const c = (await claimsOf(seed))[0]!;
    await h.close();
    await rm(join(root, '.factdesk', 'digests'), { force: true });
    h = await dispatcherHost(root);
    // The counts' read of the sidecar comes back only after the change was written and announced.
    const slow = h.session.annotations as unknown as { readSidecar: (id: string) => Promise<unknown> };
    const readNow = slow.readSidecar.bind(slow);
    let changed!: () => void;
    let started!: () => void;
    const written = new Promise<void>((r) => (changed = r));
    const reading = new Promise<void>((r) => (started = r));
    slow.readSidecar = async (id) => {
      started();
      const data = await readNow(id);
      await written;
      return data;
    };
    const asked = h.call('articles.statusCounts', { ids: [seed] });
    await reading;
    await h.call('claims.setStatus', { articleId: seed, claimId: c.id, status: 'verified' });
    changed();
    expect(((await asked) as Record<string, { verified: number }>)[seed]!.verified).toBe(0);
    expect(((await h.call('articles.statusCounts', { ids: [seed] })) as Record<string, { verified: number }>)[seed]!.verified).toBe(1);
    expect((await query({ status: ['verified'] })).rows.map((r) => r.claimId)).toEqual([c.id]);
  });

  it('names the claims of a range of rows in the order shown (a Shift+click over rows never fetched)', async () => {
    const sort = { column: 'value', dir: 'desc' } as const;
    const page = await query({ kind: ['money'], sort, offset: 0, limit: 1000 });
    expect(page.total).toBeGreaterThan(6);
    const range = (await h.call('board.select', { kind: ['money'], range: { from: 2, to: 6, sort } })) as Array<{ articleId: string; claimId: string }>;
    expect(range).toEqual(page.rows.slice(2, 6).map((r) => ({ articleId: r.articleId, claimId: r.claimId })));
    expect((await h.call('board.select', { range: { from: 0, to: 3 } })) as unknown[]).toHaveLength(3);
  });

  it('sets the status of every claim a filter selects, one audit entry each, and undoes the batch', async () => {
    const targets = (await h.call('board.select', { kind: ['percent'] })) as Array<{ articleId: string; claimId: string }>;
    expect(new Set(targets.map((t) => t.articleId)).size).toBe(2);
    const progress: number[] = [];
    h.bus.on((event, p) => {
      if (event === 'bulk.progress') progress.push((p as { done: number }).done);
    });
    const r = (await h.call('claims.bulk', { targets, status: 'verified', verdictNote: '批量核实' })) as BulkResult;
    expect(r).toMatchObject({ changed: targets.length, skipped: 0 });
    expect(progress.at(-1)).toBe(targets.length);
    expect((await query({ status: ['verified'] })).total).toBe(targets.length);
    const audit = (await h.call('articles.audit', { id: seed })) as AuditEntry[];
    const statusEntries = audit.filter((e) => e.action === 'claim.status' && e.batch === r.batchId);
    expect(statusEntries.length).toBe(targets.filter((t) => t.articleId === seed).length);

    // One claim is changed again by hand; the undo leaves it and takes the rest back.
    const hand = targets[0]!;
    await h.call('claims.setStatus', { articleId: hand.articleId, claimId: hand.claimId, status: 'false' });
    const u = (await h.call('claims.undoBulk', { batchId: r.batchId })) as BulkResult;
    expect(u).toMatchObject({ changed: targets.length - 1, skipped: 1 });
    const after = await query({ kind: ['percent'], limit: 1000 });
    expect(after.byStatus.unchecked).toBe(targets.length - 1);
    expect(after.byStatus.false).toBe(1);
    expect(after.rows.every((row) => row.verdictNote === '' || row.claimId === hand.claimId)).toBe(true);
  });

  it('assigns many claims and adds the same source to all, and the undo survives a reload', async () => {
    const targets = ((await h.call('board.select', { articleId: [seed] })) as Array<{ articleId: string; claimId: string }>).slice(0, 5);
    const r = (await h.call('claims.bulk', { targets, assignee: 'wang', addSource: { title: '郴州市人民政府公报', url: 'https://www.czs.gov.cn/' } })) as BulkResult;
    expect(r.changed).toBe(5);
    const claims = (await claimsOf(seed)).filter((c) => targets.some((t) => t.claimId === c.id));
    expect(claims.every((c: Claim) => c.assignee === 'wang' && c.sources.some((s) => s.title === '郴州市人民政府公报'))).toBe(true);
    await h.close();
    h = await dispatcherHost(root);
    await h.call('claims.undoBulk', { batchId: r.batchId });
    const back = (await claimsOf(seed)).filter((c) => targets.some((t) => t.claimId === c.id));
    expect(back.every((c) => c.assignee === null && c.sources.length === 0)).toBe(true);
    expect((await h.call('claims.undoBulk', { batchId: r.batchId }).catch((e: { code: string }) => e.code))).toBe('not-found');
  });
});

describe('statements as claims', () => {
  it('finds the statements of an article, accepts them as claims of kind statement, and a changed one needs a re-check', async () => {
    const found = (await h.call('claims.detectStatements', { articleId: seed })) as Array<{ start: number; end: number; text: string; category: string; claimId: string | null }>;
    const award = found.find((s) => s.category === 'award');
    expect(award?.text).toContain('获评');
    expect(found.every((s) => s.claimId === null)).toBe(true);
    const r = (await h.call('claims.addDetected', { articleId: seed, kinds: ['statement'] })) as AddDetectedResult;
    expect(r.added.length).toBe(found.length);
    const claim = r.added.find((c) => c.anchor.start === award!.start)!;
    expect(claim).toMatchObject({ kind: 'statement', category: 'award', value: null, status: 'unchecked' });
    expect(((await h.call('claims.detectStatements', { articleId: seed })) as Array<{ claimId: string | null }>).every((s) => s.claimId !== null)).toBe(true);
    // Verified, then its words change: it needs a re-check like a figure.
    await h.call('claims.setStatus', { articleId: seed, claimId: claim.id, status: 'verified' });
    const doc = (await h.call('articles.read', { id: seed })) as { text: string; disk: { hash: string } };
    const changed = doc.text.slice(0, award!.start) + award!.text.replace('获评', '荣获') + doc.text.slice(award!.end);
    await h.call('articles.write', { id: seed, text: changed, baseHash: doc.disk.hash });
    const after = (await claimsOf(seed)).find((c) => c.id === claim.id)!;
    expect(after.status).toBe('needs-recheck');
    expect(after.recheck?.oldQuote).toContain('获评');
    // Statements are on the board with their kind.
    expect((await query({ kind: ['statement'] })).total).toBe(found.length);
  });
});
