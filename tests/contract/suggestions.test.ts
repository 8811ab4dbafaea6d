/**
 * Suggestions through the contract, against the dispatcher, the HTTP host and
 * the IPC binding alike: suggest from a claim or any words, accept (a
 * revision, the claim's audit, the claim on its new words) and reject (text
 * untouched), roles, reload, outside edits, and the DOCX review copy.
 */
import { execFileSync } from 'node:child_process';
import { promises as fs, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AddDetectedResult, AuditEntry, ClaimList, RevisionInfo } from '../../shared/annotations.js';
import type { ArticleDocument, ArticleSummary, ExportedFile } from '../../shared/model.js';
import type { Suggestion, SuggestionList, SuggestionResult } from '../../shared/suggestions.js';
import { errorCode } from '../helpers/error-code.js';
import { allHosts, dispatcherHost, type HostUnderTest } from '../helpers/hosts.js';
import { makeWorkspace, removeDir, useTempHome } from '../helpers/temp-workspace.js';

const text = '# 郴州经开区\n项目总投资305.7亿元,同比增长190.6%。\n全年引进项目52个。\n';

for (const makeHost of allHosts) {
  describe(`suggestions over ${makeHost.name.replace('Host', '')}`, () => {
    let root: string;
    let home: ReturnType<typeof useTempHome>;
    let host: HostUnderTest;
    let id: string;
        const call = <T,>(method: string, input: unknown = {}) => host.call(method, input) as Promise<T>;
    const file = () => readFileSync(join(root, 'a.md'), 'utf8');
    const span = (quote: string, within = file()) => ({ start: within.indexOf(quote), end: within.indexOf(quote) + quote.length });
    const list = () => call<SuggestionList>('suggestions.list', { articleId: id });
    const setRole = (role: 'editor' | 'fact-checker', name: string) => call('profile.set', { name, role });

    beforeEach(async () => {
      home = useTempHome('factdesk-suggest-home-');
      root = await makeWorkspace({ 'a.md': text });
      host = await makeHost(root);
      id = (await call<ArticleSummary[]>('articles.list'))[0]!.id;
    });
    afterEach(async () => {
      await host.close();
      await removeDir(root);
      await home.restore();
    });

    it('suggests a correction from a false claim; the editor accepts it: a revision, the claim audit, the claim on its new words', async () => {
      const added = await call<AddDetectedResult>('claims.addDetected', { articleId: id });
      const claim = added.added.find((c) => c.anchor.quote === '305.7亿元')!;
      await setRole('fact-checker', '王芳');
      await call('claims.setStatus', { articleId: id, claimId: claim.id, status: 'false', verdictNote: '统计公报为306.1亿元' });
      const g = await call<Suggestion>('suggestions.add', { articleId: id, claimId: claim.id, replacement: '306.1亿元', note: '见统计公报' });
      expect(g).toMatchObject({ state: 'open', by: '王芳', replacement: '306.1亿元', claimId: claim.id, anchor: { quote: '305.7亿元' } });
      // A fact-checker may suggest, not accept: refused, nothing changed.
      expect(await errorCode(call('suggestions.accept', { articleId: id, ids: [g.id] }))).toBe('role-refused');
      expect(file()).toBe(text);

      await setRole('editor', '李编辑');
      const revsBefore = await call<RevisionInfo[]>('revisions.list', { articleId: id });
      const r = await call<SuggestionResult>('suggestions.accept', { articleId: id, ids: [g.id] });
      expect(file()).toBe(text.replace('305.7亿元', '306.1亿元'));
      const revs = await call<RevisionInfo[]>('revisions.list', { articleId: id });
      expect(revs.length).toBe(revsBefore.length + 1);
      expect(revs.at(-1)).toMatchObject({ n: r.revision, author: '李编辑', source: 'save' });
      expect(r.done[0]).toMatchObject({ id: g.id, state: 'accepted', original: '305.7亿元', resolvedBy: '李编辑', revision: r.revision, anchor: { quote: '306.1亿元' } });

      const audit = await call<AuditEntry[]>('articles.audit', { id });
      const onClaim = audit.filter((a) => a.claimId === claim.id).map((a) => [a.action, a.by, a.revision ?? null]);
      expect(onClaim).toEqual(expect.arrayContaining([['suggestion.added', '王芳', null], ['suggestion.accepted', '李编辑', r.revision]]));
      const claims = await call<ClaimList>('claims.list', { articleId: id });
      const now = claims.claims.find((c) => c.id === claim.id)!;
      expect(now.anchor.quote).toBe('306.1亿元');
      expect(file().slice(now.anchor.start, now.anchor.end)).toBe('306.1亿元');
      expect((await list()).open).toEqual([]);
      // Accepting twice is refused, and says so.
      expect(await errorCode(call('suggestions.accept', { articleId: id, ids: [g.id] }))).toBe('suggestion-not-open');
    });

    it('suggests a change to any words, rejects one and accepts all the rest in one revision', async () => {
      const a = await call<Suggestion>('suggestions.add', { articleId: id, ...span('同比增长'), replacement: '比上年增长' });
      const b = await call<Suggestion>('suggestions.add', { articleId: id, ...span('52个'), replacement: '53个' });
      const c = await call<Suggestion>('suggestions.add', { articleId: id, ...span('全年'), replacement: '' });
      expect(await errorCode(call('suggestions.add', { articleId: id, ...span('增长190.6%'), replacement: '增长19%' }))).toBe('suggestion-overlaps');
      expect(await errorCode(call('suggestions.add', { articleId: id, ...span('52个'), replacement: '54个' }))).toBe('suggestion-overlaps');
      expect((await list()).open.map((g) => g.id)).toEqual([a.id, c.id, b.id]);

      expect(a.claimId).toBeUndefined();
      const rejected = await call<SuggestionResult>('suggestions.reject', { articleId: id, ids: [c.id] });
      expect(rejected.done[0]).toMatchObject({ state: 'rejected' });
      expect(file()).toBe(text);
      const before = (await call<RevisionInfo[]>('revisions.list', { articleId: id })).length;
      const r = await call<SuggestionResult>('suggestions.accept', { articleId: id, ids: (await list()).open.map((g) => g.id) });
      expect(file()).toBe(text.replace('同比增长', '比上年增长').replace('52个', '53个'));
      expect((await call<RevisionInfo[]>('revisions.list', { articleId: id })).length).toBe(before + 1);
      const l = await list();
      expect(l.open).toEqual([]);
      expect(l.resolved.map((g) => g.state).sort()).toEqual(['accepted', 'accepted', 'rejected']);
      const accepted = l.resolved.filter((g) => g.state === 'accepted');
      for (const g of accepted) expect(file().slice(g.anchor.start, g.anchor.end)).toBe(g.replacement);
      expect(r.revision).toBe(accepted[0]!.revision);
    });

    it('keeps suggestions in the sidecar (beside the claims) and moves them with an outside edit; deleted words detach them', async () => {
      const added = await call<AddDetectedResult>('claims.addDetected', { articleId: id });
      const g = await call<Suggestion>('suggestions.add', { articleId: id, ...span('52个'), replacement: '53个' });
      // Selected words that are a claim's: the suggestion is that claim's, on its record.
      expect(g.claimId).toBe(added.added.find((c) => c.anchor.quote === '52个')!.id);
      const sidecar = JSON.parse(readFileSync(join(root, '.factdesk', 'articles', `${id}.json`), 'utf8')) as { suggestions: Record<string, Suggestion> };
      expect(sidecar.suggestions[g.id]).toMatchObject({ replacement: '53个', anchor: { quote: '52个' } });

      await fs.writeFile(join(root, 'a.md'), '新增一段导语。\n' + text);
      const moved = (await list()).open[0]!;
      expect(moved.anchor.start).toBe(g.anchor.start + '新增一段导语。\n'.length);
      expect(file().slice(moved.anchor.start, moved.anchor.end)).toBe('52个');

      await fs.writeFile(join(root, 'a.md'), file().replace('全年引进项目52个。\n', ''));
      const l = await list();
      expect(l.open).toEqual([]);
      expect(l.detached).toEqual([expect.objectContaining({ id: g.id, detached: expect.objectContaining({ reason: 'orphan' }) })]);
      expect(await errorCode(call('suggestions.accept', { articleId: id, ids: [g.id] }))).toBe('suggestion-detached');
    });

    it('refuses what cannot be a suggestion with a clear error and writes nothing', async () => {
      expect(await errorCode(call('suggestions.add', { articleId: id, replacement: 'x' }))).toBe('invalid-input');
      expect(await errorCode(call('suggestions.add', { articleId: id, ...span('52个'), replacement: '52个' }))).toBe('suggestion-unchanged');
      // Offsets that no longer hold the words the reviewer saw are refused, not applied to other words.
      expect(await errorCode(call('suggestions.add', { articleId: id, ...span('52个'), quote: '45个', replacement: '46个' }))).toBe('suggestion-detached');
      expect(await errorCode(call('suggestions.accept', { articleId: id, ids: ['g000000000000'] }))).toBe('not-found');
      expect(file()).toBe(text);
      expect((await list()).open).toEqual([]);
    });

    it('shows open suggestions as tracked changes in the DOCX review copy, in the suggester’s name', async () => {
      await setRole('fact-checker', '王芳');
      await call('suggestions.add', { articleId: id, ...span('305.7亿元'), replacement: '306.1亿元' });
      const { file: docx } = await call<{ file: ExportedFile }>('export.article', { articleId: id, format: 'docx-review', language: 'zh-CN' });
      const path = join(root, 'review.docx');
      writeFileSync(path, Buffer.from(docx.data, 'base64'));
      const xml = execFileSync('unzip', ['-p', path, 'word/document.xml']).toString('utf8');
      const dom = new DOMParser().parseFromString(xml, 'text/xml');
      const words = (tag: string) =>
        Array.from(dom.getElementsByTagName(tag)).map((el) => ({
          author: el.getAttribute('w:author'),
          text: Array.from(el.getElementsByTagName(tag === 'w:del' ? 'w:delText' : 'w:t')).map((t) => t.textContent).join(''),
        }));
      expect(words('w:del')).toEqual([{ author: '王芳', text: '305.7亿元' }]);
      expect(words('w:ins')).toEqual([{ author: '王芳', text: '306.1亿元' }]);
      // The body reads as the article with the change marked: old words deleted, new ones inserted after them.
      const body = Array.from(dom.getElementsByTagName('w:body')[0]!.getElementsByTagName('*'))
        .filter((el) => el.tagName === 'w:t' || el.tagName === 'w:delText')
        .map((el) => (el.tagName === 'w:delText' ? `[-${el.textContent}-]` : el.textContent))
        .join('');
      expect(body).toContain('项目总投资[-305.7亿元-]306.1亿元,同比增长190.6%。');
    });
  });
}

describe('suggestions across a restart', () => {
  it('survive closing and opening the workspace again, and an old sidecar without suggestions reads as none', async () => {
    const root = await makeWorkspace({ 'a.md': text });
    let h = await dispatcherHost(root);
    const id = ((await h.call('articles.list')) as ArticleSummary[])[0]!.id;
    await h.call('claims.addDetected', { articleId: id });
    // Written the way sidecars were before suggestions existed.
    expect(JSON.parse(readFileSync(join(root, '.factdesk', 'articles', `${id}.json`), 'utf8')).suggestions).toBeUndefined();
    expect(((await h.call('suggestions.list', { articleId: id })) as SuggestionList).open).toEqual([]);
    const doc = (await h.call('articles.read', { id })) as ArticleDocument;
    const at = doc.text.indexOf('52个');
    const g = (await h.call('suggestions.add', { articleId: id, start: at, end: at + 3, replacement: '53个', baseHash: doc.disk.hash })) as Suggestion;
    await h.close();
    h = await dispatcherHost(root);
    expect(((await h.call('suggestions.list', { articleId: id })) as SuggestionList).open).toEqual([g]);
    expect(((await h.call('claims.list', { articleId: id })) as ClaimList).claims.length).toBeGreaterThan(0);
    await h.close();
    await removeDir(root);
  });
});
