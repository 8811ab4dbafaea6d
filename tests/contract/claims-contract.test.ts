/**
 * The claim, revision and workflow methods of the contract, run against the
 * dispatcher, the HTTP host and the IPC binding alike (see contract.test.ts
 * for the article methods).
 */
import { promises as fs, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AddDetectedResult, AuditEntry, Claim, ClaimCandidate, ClaimList, DiskComparison, RevisionInfo, RevisionText } from '../../shared/annotations.js';
import type { ArticleDocument, ArticleSummary, WorkspaceInfo } from '../../shared/model.js';
import type { DisplayDiff } from '../../shared/revisions/index.js';
import { errorCode } from '../helpers/error-code.js';
import { allHosts, type HostUnderTest } from '../helpers/hosts.js';
import { makeWorkspace, removeDir, teamShared } from '../helpers/temp-workspace.js';

const seedText = readFileSync(join(teamShared, 'fixtures', 'claims', 'seed-chenzhou.txt'), 'utf8');

for (const makeHost of allHosts) {
  describe(`claims contract over ${makeHost.name.replace('Host', '')}`, () => {
    let root: string;
    let host: HostUnderTest;
    let id: string;
    const call = <T,>(method: string, input: unknown = {}) => host.call(method, input) as Promise<T>;
    const read = () => call<ArticleDocument>('articles.read', { id });
    const spanOf = async (quote: string) => {
      const at = (await read()).text.indexOf(quote);
      return { start: at, end: at + quote.length };
    };

    beforeEach(async () => {
      process.env.FACTDESK_AUTHOR = 'checker';
      root = await makeWorkspace({ 'seed.txt': seedText, 'other.md': '# 其他\n增长5.2%\n' });
      host = await makeHost(root);
      id = (await call<ArticleSummary[]>('articles.list')).find((a) => a.path === 'seed.txt')!.id;
    });
    afterEach(async () => {
      delete process.env.FACTDESK_AUTHOR;
      await host.close();
      await removeDir(root);
    });

    it('gives a long list page by page: the pages together are the whole list, in text order', async () => {
      await call<AddDetectedResult>('claims.addDetected', { articleId: id });
      const whole = await call<ClaimList>('claims.list', { articleId: id });
      expect(whole.page).toBeUndefined();
      const pages: ClaimList[] = [];
      for (let offset = 0; offset < whole.claims.length; offset += 7) pages.push(await call<ClaimList>('claims.list', { articleId: id, offset, limit: 7 }));
      expect(pages.length).toBeGreaterThan(3);
      expect(pages.flatMap((p) => p.claims)).toEqual(whole.claims);
      expect(pages.map((p) => p.page)).toEqual(pages.map((_, i) => ({ offset: i * 7, total: whole.claims.length })));
      expect(pages.every((p) => p.revision === whole.revision && p.workflow === whole.workflow)).toBe(true);
      expect(await errorCode(call('claims.list', { articleId: id, offset: -1, limit: 7 }))).toBe('invalid-input');
    });

    it('detects figures and adds them as claims, one or all', async () => {
      const candidates = await call<ClaimCandidate[]>('claims.detect', { articleId: id });
      const big = candidates.find((c) => c.text === '305.7亿元')!;
      expect(big).toMatchObject({ kind: 'money', value: 30570000000, unit: 'CNY', claimId: null });
      const one = await call<AddDetectedResult>('claims.addDetected', { articleId: id, start: big.start, end: big.end });
      expect(one.added).toMatchObject([{ anchor: { quote: '305.7亿元', start: big.start }, status: 'unchecked', createdBy: 'checker' }]);
      // "All" means the article's figures: bare years and dates only when asked for.
      const figures = candidates.filter((c) => c.kind !== 'date');
      expect(figures.length).toBeLessThan(candidates.length);
      const rest = await call<AddDetectedResult>('claims.addDetected', { articleId: id });
      expect(rest.added.length).toBe(figures.length - 1);
      expect(rest.skipped).toBe(1);
      const dates = await call<AddDetectedResult>('claims.addDetected', { articleId: id, kinds: ['date'] });
      expect(dates.added.length).toBe(candidates.length - figures.length);
      const list = await call<ClaimList>('claims.list', { articleId: id });
      expect(list.claims).toHaveLength(candidates.length);
      expect(list.claims.map((c) => c.anchor.start)).toEqual([...list.claims.map((c) => c.anchor.start)].sort((a, b) => a - b));
      expect((await call<ArticleSummary[]>('articles.list')).find((a) => a.id === id)!.claimCount).toBe(candidates.length);
      expect(await errorCode(call('claims.addDetected', { articleId: id, start: 0, end: 3 }))).toBe('not-found');
      expect(await errorCode(call('claims.addDetected', { articleId: id, start: 3 }))).toBe('invalid-input');
    });

    it('adds, updates, gives a verdict, deletes and restores a claim, all in the audit log', async () => {
      const seen: string[] = [];
      const off = host.bus.on((event, payload) => {
        if (event === 'claims.changed') seen.push((payload as { id: string }).id);
      });
      const claim = await call<Claim>('claims.add', { articleId: id, ...(await spanOf('190.6%')), baseHash: (await read()).disk.hash });
      expect(claim).toMatchObject({ kind: 'percent', value: 190.6, unit: '%', anchor: { quote: '190.6%' } });
      const ref = { articleId: id, claimId: claim.id };
      expect(await call<Claim>('claims.update', { ...ref, assignee: '张核查', note: '对照去年同期' })).toMatchObject({ assignee: '张核查', note: '对照去年同期' });
      expect(await call<Claim>('claims.setStatus', { ...ref, status: 'in-progress' })).toMatchObject({ status: 'in-progress' });
      expect(await call<Claim>('claims.setStatus', { ...ref, status: 'false', verdictNote: '应为19.06%' })).toMatchObject({ status: 'false', verdictNote: '应为19.06%' });
      expect(await call<Claim>('claims.delete', ref)).toMatchObject({ deleted: true, deletedBy: 'checker' });
      expect((await call<ClaimList>('claims.list', { articleId: id })).deleted.map((c) => c.id)).toEqual([claim.id]);
      expect(await call<Claim>('claims.restore', ref)).toMatchObject({ deleted: false });
      const audit = await call<AuditEntry[]>('articles.audit', { id });
      expect(audit.map((a) => a.action)).toEqual(['claim.added', 'claim.updated', 'claim.updated', 'claim.status', 'claim.status', 'claim.updated', 'claim.deleted', 'claim.restored']);
      expect(audit.every((a) => a.by === 'checker')).toBe(true);
      off();
      expect(seen).toHaveLength(6);
      expect(new Set(seen)).toEqual(new Set([id]));
      // The statuses are spelled one way.
      expect(await errorCode(call('claims.setStatus', { ...ref, status: 'needs_recheck' }))).toBe('invalid-input');
      expect(await errorCode(call('claims.setStatus', { ...ref, status: 'Verified' }))).toBe('invalid-input');
      expect(await errorCode(call('claims.add', { articleId: id, start: 10, end: 12, baseHash: '0'.repeat(64) }))).toBe('changed-on-disk');
      expect(await errorCode(call('claims.update', { ...ref, kind: 'weight' }))).toBe('invalid-input');
      expect(await errorCode(call('claims.update', { ...ref, claimId: '../../etc' }))).toBe('invalid-input');
    });

    it('keeps sources and comments on a claim', async () => {
      const claim = await call<Claim>('claims.add', { articleId: id, ...(await spanOf('19.5亿美元')) });
      const ref = { articleId: id, claimId: claim.id };
      let c = await call<Claim>('claims.addSource', { ...ref, source: { title: '海关统计月报', url: 'https://example.org/customs', publisher: '郴州海关', accessed: '2022-12-01', quote: '进出口19.5亿美元', note: '表3' } });
      const sourceId = c.sources[0]!.id;
      c = await call<Claim>('claims.updateSource', { ...ref, sourceId, source: { note: '表4' } });
      expect(c.sources).toMatchObject([{ title: '海关统计月报', note: '表4', publisher: '郴州海关' }]);
      c = await call<Claim>('claims.addComment', { ...ref, text: '美元口径?' });
      const commentId = c.comments[0]!.id;
      c = await call<Claim>('claims.editComment', { ...ref, commentId, text: '美元口径已核' });
      expect(c.comments).toMatchObject([{ text: '美元口径已核', author: 'checker' }]);
      c = await call<Claim>('claims.removeComment', { ...ref, commentId });
      c = await call<Claim>('claims.removeSource', { ...ref, sourceId });
      expect(c).toMatchObject({ sources: [], comments: [] });
      expect(await errorCode(call('claims.addSource', { ...ref, source: { title: 'x', url: 'javascript:alert(1)' } }))).toBe('invalid-input');
      expect(await errorCode(call('claims.addSource', { ...ref, source: { title: '' } }))).toBe('invalid-input');
      expect(await errorCode(call('claims.addComment', { ...ref, text: '' }))).toBe('invalid-input');
    });

    it('states relations among claims and moves the workflow', async () => {
      const a = await call<Claim>('claims.add', { articleId: id, ...(await spanOf('19.5亿美元')) });
      const b = await call<Claim>('claims.add', { articleId: id, ...(await spanOf('130.6亿元')) });
      const r = await call<{ id: string; expression: string }>('relations.add', { articleId: id, expression: 'B ≈ A × 6.7 ± 2%', claimIds: [a.id, b.id] });
      expect((await call<ClaimList>('claims.list', { articleId: id })).relations).toMatchObject([{ id: r.id, expression: 'B ≈ A × 6.7 ± 2%' }]);
      expect(await errorCode(call('relations.add', { articleId: id, expression: 'A +', claimIds: [a.id] }))).toBe('invalid-relation');
      await call('relations.remove', { articleId: id, relationId: r.id });
      expect(await call<ArticleSummary>('articles.setWorkflow', { id, workflow: 'approved' })).toMatchObject({ id, workflow: 'approved' });
      expect((await call<ClaimList>('claims.list', { articleId: id })).workflow).toBe('approved');
      expect(await errorCode(call('articles.setWorkflow', { id, workflow: 'done' }))).toBe('invalid-input');
      expect(await call<WorkspaceInfo>('workspace.info')).toMatchObject({ author: 'checker' });
    });

    it('records revisions, diffs and restores them; an orphan is re-attached by hand', async () => {
      const claim = await call<Claim>('claims.add', { articleId: id, ...(await spanOf('1524户')) });
      await call('claims.setStatus', { articleId: id, claimId: claim.id, status: 'verified' });
      const revSeen: number[] = [];
      const off = host.bus.on((event, payload) => {
        if (event === 'revisions.changed') revSeen.push((payload as { revision: number }).revision);
      });
      const doc = await read();
      await call('articles.write', { id, text: doc.text.replace('净增企业1524户,', ''), baseHash: doc.disk.hash, label: '删去企业数' });
      const list = await call<ClaimList>('claims.list', { articleId: id });
      expect(list.detached).toMatchObject([{ id: claim.id, detached: { reason: 'orphan' }, status: 'verified' }]);
      const revisions = await call<RevisionInfo[]>('revisions.list', { articleId: id });
      expect(revisions.map((r) => [r.n, r.source, r.author, r.label ?? null])).toEqual([
        [1, 'first-seen', null, null],
        [2, 'save', 'checker', '删去企业数'],
      ]);
      expect(revSeen).toEqual([2]);
      const text1 = await call<RevisionText>('revisions.text', { articleId: id, revision: 1 });
      expect(text1.text).toBe(seedText);
      const diff = await call<DisplayDiff>('revisions.diff', { articleId: id, from: 1, to: 2 });
      expect(diff.paragraphs.find((p) => p.kind === 'changed')!.parts).toContainEqual(expect.objectContaining({ kind: 'removed', text: expect.stringContaining('1524户') }));
      expect(await errorCode(call('revisions.text', { articleId: id, revision: 9 }))).toBe('revision-not-found');
      expect(await errorCode(call('revisions.diff', { articleId: id, from: 0, to: 1 }))).toBe('invalid-input');

      const candidates = await call<Array<{ start: number; end: number }>>('claims.reattachCandidates', { articleId: id, claimId: claim.id });
      expect(Array.isArray(candidates)).toBe(true);
      const span = await spanOf('80.3%');
      const re = await call<Claim>('claims.reattach', { articleId: id, claimId: claim.id, ...span });
      expect(re).toMatchObject({ anchor: { quote: '80.3%' }, status: 'needs-recheck', recheck: { oldQuote: '1524户', newQuote: '80.3%' } });

      const restored = await call<ArticleDocument>('revisions.restore', { articleId: id, revision: 1, label: '恢复原稿' });
      expect(restored.text).toBe(seedText);
      expect((await call<RevisionInfo[]>('revisions.list', { articleId: id })).at(-1)).toMatchObject({ n: 3, source: 'restore', restoredFrom: 1, label: '恢复原稿', author: 'checker' });
      off();
    });

    it('compares the text an editor was based on with the file changed on disk', async () => {
      const doc = await read();
      await fs.writeFile(join(root, 'seed.txt'), seedText.replace('305.7亿元', '306.1亿元'));
      const mine = doc.text.replace('45个', '46个');
      expect(await errorCode(call('articles.write', { id, text: mine, baseHash: doc.disk.hash }))).toBe('changed-on-disk');
      const cmp = await call<DiskComparison>('articles.compareDisk', { id, baseHash: doc.disk.hash, text: mine });
      expect(cmp).toMatchObject({ changed: true, base: { n: 1 } });
      const changedParts = (d: DisplayDiff) => d.paragraphs.filter((p) => p.kind === 'changed').flatMap((p) => p.parts.filter((x) => x.kind !== 'same').map((x) => `${x.kind}:${x.text}`));
      expect(changedParts(cmp.diff)).toEqual(['removed:305.7亿元', 'added:306.1亿元']);
      expect(changedParts(cmp.mine!)).toEqual(expect.arrayContaining(['removed:46个', 'added:45个', 'removed:305.7亿元', 'added:306.1亿元']));
      // Keep mine: the outside edit stays in the history.
      const saved = await call<ArticleDocument>('articles.write', { id, text: mine, baseHash: doc.disk.hash, overwrite: true });
      expect(saved.text).toBe(mine);
      const revisions = await call<RevisionInfo[]>('revisions.list', { articleId: id });
      expect(revisions.map((r) => r.source)).toEqual(['first-seen', 'external', 'save']);
      expect((await call<RevisionText>('revisions.text', { articleId: id, revision: 2 })).text).toContain('306.1亿元');
      expect(await errorCode(call('articles.compareDisk', { id, baseHash: 'nothex' }))).toBe('invalid-input');
    });
  });
}
