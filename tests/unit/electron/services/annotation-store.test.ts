/**
 * The annotation store through real saves: every change of an article's
 * text (in-app save, restored revision, edit outside FactDesk, noticed when
 * the workspace is opened again) moves claims with their words, flags a
 * changed figure for re-check, and keeps deleted spans as orphans.
 */
import { existsSync, promises as fs, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry, Claim, ClaimList, RevisionInfo } from '../../../../shared/annotations.js';
import type { ArticleDocument, ArticleSummary } from '../../../../shared/model.js';
import { createDispatcher } from '../../../../electron/services/dispatcher.js';
import { createHandlers } from '../../../../electron/services/handlers.js';
import { overlapIndex } from '../../../../electron/services/annotation-store.js';
import { Session } from '../../../../electron/services/session.js';
import { errorCode as code } from '../../../helpers/error-code.js';
import { makeWorkspace, removeDir, teamShared } from '../../../helpers/temp-workspace.js';

const seedText = readFileSync(join(teamShared, 'fixtures', 'claims', 'seed-chenzhou.txt'), 'utf8');

interface Open {
  root: string;
  session: Session;
  call: <T = unknown>(method: string, input?: unknown) => Promise<T>;
}

const sessions: Session[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.close()));
  await Promise.all(dirs.splice(0).map(removeDir));
});

async function openSession(root: string, author = 'alice'): Promise<Open> {
  const session = await Session.open(root, { author });
  sessions.push(session);
  const dispatch = createDispatcher(createHandlers({ host: 'browser', session: () => session }));
  return { root, session, call: <T,>(m: string, i: unknown = {}) => dispatch(m, i) as Promise<T> };
}

async function open(files: Record<string, string | Uint8Array>): Promise<Open> {
  const root = await makeWorkspace(files);
  dirs.push(root);
  return openSession(root);
}

async function reopen(o: Open, author = 'alice'): Promise<Open> {
  await o.session.close();
  sessions.splice(sessions.indexOf(o.session), 1);
  return openSession(o.root, author);
}

const idOf = async (o: Open, path: string) => (await o.call<ArticleSummary[]>('articles.list')).find((a) => a.path === path)!.id;

/** Saves the article's text as the editor does. */
async function save(o: Open, id: string, edit: (text: string) => string, label?: string): Promise<ArticleDocument> {
  const doc = await o.call<ArticleDocument>('articles.read', { id });
  return o.call<ArticleDocument>('articles.write', { id, text: edit(doc.text), baseHash: doc.disk.hash, ...(label ? { label } : {}) });
}

const claims = (o: Open, articleId: string) => o.call<ClaimList>('claims.list', { articleId });

async function addOn(o: Open, articleId: string, quote: string, nth = 0): Promise<Claim> {
  const doc = await o.call<ArticleDocument>('articles.read', { id: articleId });
  let at = -1;
  for (let k = 0; k <= nth; k++) at = doc.text.indexOf(quote, at + 1);
  expect(at).toBeGreaterThanOrEqual(0);
  return o.call<Claim>('claims.add', { articleId, start: at, end: at + quote.length });
}

const article = '标题:郴州经开区招商纪实\n1-11月份新签约引进项目45个,项目总投资305.7亿元,同比增长190.6%。\n完成外贸进出口19.5亿美元,同比增长13.7%。\n';

describe('claims of an article', () => {
  it('adds a claim from a selection with the figure the claim engine reads there', async () => {
    const o = await open({ 'a.txt': article });
    const id = await idOf(o, 'a.txt');
    const c = await addOn(o, id, '305.7亿元');
    expect(c).toMatchObject({ anchor: { quote: '305.7亿元', prefix: expect.stringContaining('项目总投资') }, kind: 'money', value: 30570000000, unit: 'CNY', status: 'unchecked', createdBy: 'alice', deleted: false });
    // The same span again is the same claim.
    expect((await addOn(o, id, '305.7亿元')).id).toBe(c.id);
    const list = await claims(o, id);
    expect(list.claims.map((x) => x.id)).toEqual([c.id]);
    expect(list.revision).toBe(1);
    const sidecar = JSON.parse(readFileSync(join(o.root, '.factdesk', 'articles', `${id}.json`), 'utf8'));
    expect(sidecar.claims[c.id].status).toBe('unchecked');
    expect(await code(o.call('claims.add', { articleId: id, start: 5, end: 4 }))).toBe('invalid-input');
    expect(await code(o.call('claims.add', { articleId: id, start: 0, end: 100_000 }))).toBe('invalid-input');
  });

  it('adds detected figures once, and not over a claim a checker deleted', async () => {
    const o = await open({ 'a.txt': article });
    const id = await idOf(o, 'a.txt');
    const everyKind = { kinds: ['money', 'percent', 'count', 'quantity', 'date', 'other'] };
    const first = await o.call<{ added: Claim[]; skipped: number }>('claims.addDetected', { articleId: id, ...everyKind });
    expect(first.added.map((c) => c.anchor.quote)).toEqual(['1-11月份', '45个', '305.7亿元', '190.6%', '19.5亿美元', '13.7%']);
    await o.call('claims.delete', { articleId: id, claimId: first.added[1]!.id });
    const again = await o.call<{ added: Claim[]; skipped: number }>('claims.addDetected', { articleId: id, ...everyKind });
    expect(again).toEqual({ added: [], skipped: 6 });
    const list = await claims(o, id);
    expect(list.claims).toHaveLength(5);
    expect(list.deleted.map((c) => c.anchor.quote)).toEqual(['45个']);
    await o.call('claims.restore', { articleId: id, claimId: first.added[1]!.id });
    expect((await claims(o, id)).claims).toHaveLength(6);
    const candidates = await o.call<Array<{ text: string; claimId: string | null }>>('claims.detect', { articleId: id });
    expect(candidates.every((c) => c.claimId !== null)).toBe(true);
    expect((await o.call<ArticleSummary[]>('articles.list'))[0]!.claimCount).toBe(6);
  });

  it('records who changed what, before → after, and rewrites only the article sidecar on a status change', async () => {
    const o = await open({ 'a.txt': article, 'b.txt': '另一篇 5%\n' });
    const id = await idOf(o, 'a.txt');
    const c = await addOn(o, id, '190.6%');
    const index = join(o.root, '.factdesk', 'workspace.json');
    const indexBefore = readFileSync(index, 'utf8');
    const otherSidecars = () => readdirSync(join(o.root, '.factdesk', 'articles')).filter((n) => !n.startsWith(id));
    const before = otherSidecars();
    const updated = await o.call<Claim>('claims.setStatus', { articleId: id, claimId: c.id, status: 'disputed', verdictNote: '公报为190.5%' });
    expect(updated).toMatchObject({ status: 'disputed', verdictNote: '公报为190.5%', updatedBy: 'alice' });
    expect(readFileSync(index, 'utf8')).toBe(indexBefore);
    expect(otherSidecars()).toEqual(before);
    await o.call('claims.update', { articleId: id, claimId: c.id, assignee: '李编辑', value: 190.5 });
    const audit = await o.call<AuditEntry[]>('articles.audit', { id });
    expect(audit.map((a) => [a.action, a.field ?? null, a.before ?? null, a.after ?? null, a.by])).toEqual([
      ['claim.added', null, null, '190.6%', 'alice'],
      ['claim.status', null, 'unchecked', 'disputed', 'alice'],
      ['claim.updated', 'verdictNote', '', '公报为190.5%', 'alice'],
      ['claim.updated', 'value', 190.6, 190.5, 'alice'],
      ['claim.updated', 'assignee', null, '李编辑', 'alice'],
    ]);
  });

  it('keeps sources and a comment thread on a claim', async () => {
    const o = await open({ 'a.txt': article });
    const id = await idOf(o, 'a.txt');
    const c = await addOn(o, id, '19.5亿美元');
    let x = await o.call<Claim>('claims.addSource', { articleId: id, claimId: c.id, source: { title: '郴州海关统计', url: 'https://example.org/stats', accessed: '2022-12-05' } });
    expect(x.sources).toMatchObject([{ title: '郴州海关统计', url: 'https://example.org/stats', publisher: '', accessed: '2022-12-05', addedBy: 'alice' }]);
    const sourceId = x.sources[0]!.id;
    x = await o.call<Claim>('claims.updateSource', { articleId: id, claimId: c.id, sourceId, source: { publisher: '郴州海关', quote: '进出口总值19.5亿美元' } });
    expect(x.sources[0]).toMatchObject({ publisher: '郴州海关', quote: '进出口总值19.5亿美元', title: '郴州海关统计' });
    expect(await code(o.call('claims.addSource', { articleId: id, claimId: c.id, source: { title: 'x', url: 'javascript:alert(1)' } }))).toBe('invalid-input');
    x = await o.call<Claim>('claims.addComment', { articleId: id, claimId: c.id, text: '请核对美元口径' });
    const commentId = x.comments[0]!.id;
    x = await o.call<Claim>('claims.editComment', { articleId: id, claimId: c.id, commentId, text: '请核对美元与人民币口径' });
    expect(x.comments).toMatchObject([{ author: 'alice', text: '请核对美元与人民币口径', editedAt: expect.any(String) }]);
    x = await o.call<Claim>('claims.removeComment', { articleId: id, claimId: c.id, commentId });
    x = await o.call<Claim>('claims.removeSource', { articleId: id, claimId: c.id, sourceId });
    expect(x).toMatchObject({ sources: [], comments: [] });
    expect(await code(o.call('claims.removeSource', { articleId: id, claimId: c.id, sourceId }))).toBe('not-found');
    expect(await code(o.call('claims.setStatus', { articleId: id, claimId: 'c000000000000', status: 'verified' }))).toBe('claim-not-found');
  });

  it('keeps the workflow in the sidecar and a copy in the article list', async () => {
    const o = await open({ 'a.txt': article });
    const id = await idOf(o, 'a.txt');
    const summary = await o.call<ArticleSummary>('articles.setWorkflow', { id, workflow: 'in-review' });
    expect(summary.workflow).toBe('in-review');
    const sidecar = JSON.parse(readFileSync(join(o.root, '.factdesk', 'articles', `${id}.json`), 'utf8'));
    expect(sidecar.workflow).toBe('in-review');
    const o2 = await reopen(o);
    expect((await o2.call<ArticleSummary[]>('articles.list'))[0]!.workflow).toBe('in-review');
    expect((await claims(o2, id)).workflow).toBe('in-review');
  });

  it('stores checker relations among claims and refuses ones it cannot read', async () => {
    const o = await open({ 'a.txt': article });
    const id = await idOf(o, 'a.txt');
    const a = await addOn(o, id, '19.5亿美元');
    const b = await addOn(o, id, '305.7亿元');
    const r = await o.call<{ id: string }>('relations.add', { articleId: id, expression: 'A ≤ B', claimIds: [a.id, b.id] });
    expect((await claims(o, id)).relations).toMatchObject([{ id: r.id, expression: 'A ≤ B', claimIds: [a.id, b.id], createdBy: 'alice' }]);
    expect(await code(o.call('relations.add', { articleId: id, expression: 'A ≤ C', claimIds: [a.id, b.id] }))).toBe('invalid-relation');
    expect(await code(o.call('relations.add', { articleId: id, expression: 'A ≤≤ B', claimIds: [a.id, b.id] }))).toBe('invalid-relation');
    await o.call('relations.remove', { articleId: id, relationId: r.id });
    expect((await claims(o, id)).relations).toEqual([]);
  });
});

describe('claims through text changes', () => {
  async function withVerified(text: string, quotes: string[], file = 'a.txt') {
    const o = await open({ [file]: text });
    const id = await idOf(o, file);
    const made: Claim[] = [];
    for (const q of quotes) {
      const c = await addOn(o, id, q);
      made.push(await o.call<Claim>('claims.setStatus', { articleId: id, claimId: c.id, status: 'verified' }));
    }
    return { o, id, made };
  }
  const byId = (list: ClaimList) => new Map([...list.claims, ...list.detached, ...list.deleted].map((c) => [c.id, c]));
  const textNow = async (o: Open, id: string) => (await o.call<ArticleDocument>('articles.read', { id })).text;

  it('moves with an insertion before, stays put for one after', async () => {
    const { o, id, made } = await withVerified(article, ['305.7亿元', '13.7%']);
    await save(o, id, (t) => '【快讯】' + t + '(完)\n');
    const list = await claims(o, id);
    const text = await textNow(o, id);
    for (const c of list.claims) expect(text.slice(c.anchor.start, c.anchor.end)).toBe(c.anchor.quote);
    expect(list.claims.map((c) => [c.id, c.anchor.quote, c.status])).toEqual([
      [made[0]!.id, '305.7亿元', 'verified'],
      [made[1]!.id, '13.7%', 'verified'],
    ]);
    expect(list.claims[0]!.anchor.start).toBe(made[0]!.anchor.start + '【快讯】'.length);
    expect(list.revision).toBe(2);
  });

  it('flags a changed figure for re-check with old → new text, an audit entry and the new value', async () => {
    const { o, id, made } = await withVerified(article, ['190.6%']);
    const unchecked = await addOn(o, id, '305.7亿元');
    await save(o, id, (t) => t.replace('190.6%', '19.6%').replace('305.7亿元', '350.7亿元'));
    const list = byId(await claims(o, id));
    expect(list.get(made[0]!.id)).toMatchObject({
      status: 'needs-recheck',
      anchor: { quote: '19.6%' },
      value: 19.6,
      recheck: { oldQuote: '190.6%', newQuote: '19.6%', previousStatus: 'verified', revision: 2 },
    });
    // Still unchecked: it only follows its words.
    expect(list.get(unchecked.id)).toMatchObject({ status: 'unchecked', anchor: { quote: '350.7亿元' }, value: 35070000000 });
    expect(list.get(unchecked.id)!.recheck).toBeUndefined();
    const audit = await o.call<AuditEntry[]>('articles.audit', { id });
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'claim.figure-changed', claimId: made[0]!.id, before: '190.6%', after: '19.6%', revision: 2, by: 'alice' }),
        expect.objectContaining({ action: 'claim.status', claimId: made[0]!.id, before: 'verified', after: 'needs-recheck', revision: 2 }),
        expect.objectContaining({ action: 'claim.figure-changed', claimId: unchecked.id, before: '305.7亿元', after: '350.7亿元' }),
      ]),
    );
    // An edit inside the figure is a changed figure too.
    await o.call('claims.setStatus', { articleId: id, claimId: made[0]!.id, status: 'verified' });
    await save(o, id, (t) => t.replace('19.6%', '119.6%'));
    expect(byId(await claims(o, id)).get(made[0]!.id)).toMatchObject({ status: 'needs-recheck', anchor: { quote: '119.6%' }, recheck: { oldQuote: '19.6%' } });
    // Back to the words it was verified on: the verdict applies again.
    await save(o, id, (t) => t.replace('119.6%', '19.6%'));
    const back = byId(await claims(o, id)).get(made[0]!.id)!;
    expect(back.status).toBe('verified');
    expect(back.recheck).toBeUndefined();
  });

  it('keeps a claim whose words were deleted as an orphan that can be re-attached', async () => {
    const { o, id, made } = await withVerified(article, ['19.5亿美元']);
    await save(o, id, (t) => t.replace('完成外贸进出口19.5亿美元,同比增长13.7%。\n', ''));
    let list = await claims(o, id);
    expect(list.claims).toEqual([]);
    expect(list.detached).toMatchObject([{ id: made[0]!.id, status: 'verified', anchor: { quote: '19.5亿美元' }, detached: { reason: 'orphan', revision: 2 } }]);
    expect((await o.call<AuditEntry[]>('articles.audit', { id })).at(-1)).toMatchObject({ action: 'claim.orphaned', claimId: made[0]!.id, before: '19.5亿美元' });
    // The editor puts a new figure in; the checker re-attaches the claim to it.
    await save(o, id, (t) => t + '外贸进出口达19.8亿美元。\n');
    const text = await textNow(o, id);
    const at = text.indexOf('19.8亿美元');
    const candidates = await o.call<Array<{ start: number; end: number }>>('claims.reattachCandidates', { articleId: id, claimId: made[0]!.id });
    expect(Array.isArray(candidates)).toBe(true);
    const re = await o.call<Claim>('claims.reattach', { articleId: id, claimId: made[0]!.id, start: at, end: at + '19.8亿美元'.length });
    expect(re).toMatchObject({ anchor: { quote: '19.8亿美元', start: at }, status: 'needs-recheck', recheck: { oldQuote: '19.5亿美元', newQuote: '19.8亿美元' } });
    expect(re.detached).toBeUndefined();
    list = await claims(o, id);
    expect(list.claims.map((c) => c.id)).toEqual([made[0]!.id]);
  });

  it('brings orphans back when a restored revision brings their words back, as a new revision', async () => {
    const { o, id, made } = await withVerified(article, ['19.5亿美元', '305.7亿元']);
    await save(o, id, (t) => t.replace('完成外贸进出口19.5亿美元,同比增长13.7%。\n', ''));
    expect((await claims(o, id)).detached).toHaveLength(1);
    const doc = await o.call<ArticleDocument>('articles.read', { id });
    const restored = await o.call<ArticleDocument>('revisions.restore', { articleId: id, revision: 1, baseHash: doc.disk.hash });
    expect(restored.text).toBe(article);
    const revisions = await o.call<RevisionInfo[]>('revisions.list', { articleId: id });
    expect(revisions.map((r) => [r.n, r.source, r.restoredFrom ?? null])).toEqual([
      [1, 'first-seen', null],
      [2, 'save', null],
      [3, 'restore', 1],
    ]);
    const list = await claims(o, id);
    expect(list.detached).toEqual([]);
    expect(list.claims.map((c) => [c.id, c.anchor.quote, c.status])).toEqual([
      [made[1]!.id, '305.7亿元', 'verified'],
      [made[0]!.id, '19.5亿美元', 'verified'],
    ]);
    expect(list.claims[1]!.anchor.start).toBe(made[0]!.anchor.start);
  });

  it('places a duplicated quote by position and context, and flags one it cannot place without guessing', async () => {
    const text = '甲地:营收增长5%,利润持平。\n乙地:营收增长8%,利润下降。\n';
    const { o, id, made } = await withVerified(text, ['5%']);
    // The same words now appear twice: the claim stays where its own words are.
    await save(o, id, (t) => '丙地:营收增长5%,利润持平。\n' + t);
    let c = byId(await claims(o, id)).get(made[0]!.id)!;
    expect(c.detached).toBeUndefined();
    expect(c.anchor.start).toBe(made[0]!.anchor.start + '丙地:营收增长5%,利润持平。\n'.length);
    // Its words are deleted (an orphan), then pasted back twice, each copy fitting equally well: no guess.
    await save(o, id, (t) => t.replace('甲地:营收增长5%,利润持平。\n', ''));
    expect(byId(await claims(o, id)).get(made[0]!.id)!.detached?.reason).toBe('orphan');
    await save(o, id, (t) => t + '甲地:营收增长5%,利润持平。\n' + '甲地:营收增长5%,利润持平。\n');
    c = byId(await claims(o, id)).get(made[0]!.id)!;
    const now = await textNow(o, id);
    const second = now.lastIndexOf('5%');
    expect(c.detached).toMatchObject({ reason: 'ambiguous', candidates: expect.arrayContaining([{ start: second, end: second + 2 }]) });
    expect(c.detached!.candidates!.length).toBeGreaterThanOrEqual(2);
    expect(c.status).toBe('verified');
    // The checker chooses; the words are the ones verified, so the verdict stands.
    const chosen = await o.call<Claim>('claims.reattach', { articleId: id, claimId: c.id, start: second, end: second + 2 });
    expect(chosen).toMatchObject({ status: 'verified', anchor: { start: second, quote: '5%' } });
    expect(chosen.detached).toBeUndefined();
  });

  it('takes in an edit made outside FactDesk when the workspace is opened again', async () => {
    const { o, id, made } = await withVerified(article, ['13.7%']);
    await o.session.close();
    sessions.splice(sessions.indexOf(o.session), 1);
    await fs.writeFile(join(o.root, 'a.txt'), article.replace('13.7%', '31.7%').replace('标题', '新标题'));
    const o2 = await openSession(o.root, 'bob');
    const revisions = await o2.call<RevisionInfo[]>('revisions.list', { articleId: id });
    expect(revisions.map((r) => [r.n, r.source, r.author])).toEqual([
      [1, 'first-seen', null],
      [2, 'external', null],
    ]);
    const c = byId(await claims(o2, id)).get(made[0]!.id)!;
    expect(c).toMatchObject({ status: 'needs-recheck', anchor: { quote: '31.7%' }, recheck: { oldQuote: '13.7%', newQuote: '31.7%' } });
    expect(await o2.call<AuditEntry[]>('articles.audit', { id })).toContainEqual(expect.objectContaining({ action: 'claim.status', by: null, after: 'needs-recheck', revision: 2 }));
    const diff = await o2.call<{ paragraphs: Array<{ kind: string; parts: Array<{ kind: string; text: string; figure?: boolean }> }> }>('revisions.diff', { articleId: id, from: 1, to: 2 });
    const changed = diff.paragraphs.filter((p) => p.kind === 'changed').flatMap((p) => p.parts.filter((x) => x.kind !== 'same').map((x) => x.text));
    expect(changed).toEqual(expect.arrayContaining(['13.7%', '31.7%']));
  });

  it('works in CRLF files: offsets index the text the editor shows, the file keeps CRLF', async () => {
    const crlf = article.replaceAll('\n', '\r\n');
    const { o, id, made } = await withVerified(crlf, ['19.5亿美元']);
    expect(made[0]!.anchor.start).toBe(article.indexOf('19.5亿美元'));
    await fs.writeFile(join(o.root, 'a.txt'), ('导语\r\n' + crlf).replace('19.5亿美元', '19.9亿美元'));
    await o.session.syncFromDisk();
    const c = byId(await claims(o, id)).get(made[0]!.id)!;
    expect(c).toMatchObject({ status: 'needs-recheck', anchor: { quote: '19.9亿美元', start: article.indexOf('19.5亿美元') + 3 } });
    await save(o, id, (t) => t.replace('导语\n', ''));
    expect(readFileSync(join(o.root, 'a.txt'), 'latin1')).toContain('\r\n');
    const again = byId(await claims(o, id)).get(made[0]!.id)!;
    expect(again.anchor.start).toBe(article.indexOf('19.5亿美元'));
  });

  it('works in GBK files and saves them back as GBK', async () => {
    const gbk = iconv.encode(article, 'gbk');
    const { o, id, made } = await withVerified(gbk as unknown as string, ['45个']);
    await save(o, id, (t) => t.replace('45个', '46个'));
    expect(iconv.decode(readFileSync(join(o.root, 'a.txt')), 'gb18030')).toContain('46个');
    expect(byId(await claims(o, id)).get(made[0]!.id)).toMatchObject({ status: 'needs-recheck', anchor: { quote: '46个' }, value: 46 });
  });

  it('re-anchors claims in the seed article through a property-based series of saves', async () => {
    const base = seedText.split('\n').slice(0, 40).join('\n');
    const o = await open({ 'seed.txt': base });
    const id = await idOf(o, 'seed.txt');
    const { added } = await o.call<{ added: Claim[] }>('claims.addDetected', { articleId: id });
    expect(added.length).toBeGreaterThan(20);
    // Every claim gets a verdict on its original words.
    for (const c of added) await o.call('claims.setStatus', { articleId: id, claimId: c.id, status: 'verified' });
    const original = new Map(added.map((c) => [c.id, c.anchor.quote]));
    const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), del: fc.integer({ min: 0, max: 12 }), insert: fc.constantFrom('', '新增', '12.5%', '3亿元', '\n', '同比增长', '7') });
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 4 }), async (edits) => {
        await save(o, id, (t) => {
          let text = t;
          for (const e of edits) {
            const at = Math.floor(e.at * text.length);
            text = text.slice(0, at) + e.insert + text.slice(at + e.del);
          }
          return text;
        });
        const list = await claims(o, id);
        const text = await textNow(o, id);
        expect(list.claims.length + list.detached.length + list.deleted.length).toBe(added.length);
        for (const c of list.claims) {
          // Never pointing at other words than it quotes…
          expect(text.slice(c.anchor.start, c.anchor.end)).toBe(c.anchor.quote);
          // …and never still verified on words other than those it was verified on.
          if (c.anchor.quote !== original.get(c.id)) expect(c.status).toBe('needs-recheck');
          else expect(c.status).toBe('verified');
          if (c.status === 'needs-recheck') expect(c.recheck!.oldQuote).toBe(original.get(c.id));
        }
        for (const c of list.detached) expect(['orphan', 'ambiguous']).toContain(c.detached!.reason);
      }),
      { numRuns: 25 },
    );
    expect((await o.call<RevisionInfo[]>('revisions.list', { articleId: id })).length).toBeGreaterThan(2);
  }, 120_000);
});

describe('stores that cannot be read or written', () => {
  it('restores a damaged sidecar from its backup, moves the bad file aside and says so', async () => {
    const o = await open({ 'a.txt': article });
    const id = await idOf(o, 'a.txt');
    const c = await addOn(o, id, '45个');
    await o.call('claims.setStatus', { articleId: id, claimId: c.id, status: 'verified' });
    const file = join(o.root, '.factdesk', 'articles', `${id}.json`);
    await o.session.close();
    sessions.splice(sessions.indexOf(o.session), 1);
    await fs.writeFile(file, '{"version": 1, "claims": {');
    const root = o.root;
    const recovered: unknown[] = [];
    const session = await Session.open(root, { author: 'alice' });
    sessions.push(session);
    session.bus.on((event, payload) => {
      if (event === 'store.recovered') recovered.push(payload);
    });
    const list = await session.annotations.list(id);
    // The copy is written after each change: the last acknowledged status survives the damage.
    expect(list.claims.map((x) => [x.id, x.status])).toEqual([[c.id, 'verified']]);
    expect(recovered).toMatchObject([{ file: `${id}.json`, restored: true, movedTo: expect.stringMatching(new RegExp(`^${id}\\.json\\.corrupt-`)) }]);
    const aside = readdirSync(join(root, '.factdesk', 'articles')).find((n) => n.includes('.corrupt-'))!;
    expect(readFileSync(join(root, '.factdesk', 'articles', aside), 'utf8')).toBe('{"version": 1, "claims": {');
    // And it keeps working.
    await session.annotations.setStatus(id, c.id, 'disputed');
    expect(JSON.parse(readFileSync(file, 'utf8')).claims[c.id].status).toBe('disputed');
  });

  it('opens a second instance read-only: claims can be read, not changed', async () => {
    const o = await open({ 'a.txt': article });
    const id = await idOf(o, 'a.txt');
    const c = await addOn(o, id, '45个');
    const second = await Session.open(o.root, { author: 'bob' });
    sessions.push(second);
    expect(second.workspace.readOnly).toBe(true);
    expect((await second.annotations.list(id)).claims.map((x) => x.id)).toEqual([c.id]);
    expect(await code(second.annotations.setStatus(id, c.id, 'verified'))).toBe('workspace-read-only');
    expect(existsSync(join(o.root, '.factdesk', 'articles', `${id}.json`))).toBe(true);
    // What the writer does next is what the reader sees next.
    await o.call('claims.setStatus', { articleId: id, claimId: c.id, status: 'verified' });
    await save(o, id, (t) => t + '补充。\n');
    expect((await second.annotations.list(id)).claims.map((x) => x.status)).toEqual(['verified']);
    expect((await second.revisions.list(id)).map((r) => r.n)).toEqual([1, 2]);
  });
});

describe('overlapIndex (which claim covers a detected figure or statement)', () => {
  it('answers what spans.find(overlaps) answers, for any spans and candidates', () => {
    const span = fc.tuple(fc.nat({ max: 200 }), fc.nat({ max: 30 })).map(([start, len]) => ({ start, end: start + len }));
    fc.assert(
      fc.property(fc.array(span, { maxLength: 40 }), fc.array(span, { maxLength: 40 }), (raw, candidates) => {
        const spans = raw.map((s, i) => ({ ...s, id: `c${i}` }));
        const covering = overlapIndex(spans);
        for (const c of candidates) {
          const naive = spans.find((s) => s.start < c.end && c.start < s.end)?.id ?? null;
          expect(covering(c)).toBe(naive);
        }
      }),
      { numRuns: 500 },
    );
  });
});
