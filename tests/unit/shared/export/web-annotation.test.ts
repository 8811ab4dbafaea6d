import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { annotationCollection, claimAnnotation, placeImportedClaims, readWebAnnotations, toCodePoints } from '../../../../shared/export/index.js';
import { claimsFor, englishArticle, seedArticle } from '../../../helpers/export-fixtures.js';
import { teamShared } from '../../../helpers/temp-workspace.js';

const suite = join(teamShared, 'fixtures', 'w3c-web-annotation-tests');

/** Every MUST assertion of the W3C suite, compiled against its draft-04 definitions. */
function mustAssertions(testFile = 'annotations/annotationMusts.test'): Array<{ file: string; validate: (data: unknown) => boolean; errors: () => unknown }> {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  for (const f of readdirSync(join(suite, 'definitions')).filter((n) => n.endsWith('.json'))) ajv.addSchema(JSON.parse(readFileSync(join(suite, 'definitions', f), 'utf8')) as object);
  const test = JSON.parse(readFileSync(join(suite, testFile), 'utf8')) as { assertions: string[] };
  return test.assertions.map((file) => {
    const schema = JSON.parse(readFileSync(join(suite, file), 'utf8')) as { assertionType: string; expectedResult: string };
    expect(schema.assertionType).toBe('must');
    expect(schema.expectedResult).toBe('valid');
    const validate = ajv.compile(schema);
    return { file, validate: (d: unknown) => validate(d) as boolean, errors: () => validate.errors };
  });
}

const musts = mustAssertions();
const collectionMusts = mustAssertions('collections/collectionMusts.test');

describe('W3C Web Annotation export', () => {
  const cases = [
    { name: 'Chinese seed article', article: seedArticle() },
    { name: 'English ABS release', article: englishArticle() },
  ];
  for (const { name, article } of cases) {
    it(`passes every MUST assertion of the W3C suite for each claim of the ${name}, and the collection its own`, () => {
      const { claims } = claimsFor(article.text);
      expect(claims.length).toBeGreaterThan(10);
      const collection = annotationCollection(article, claims, { generator: { name: 'FactDesk', version: '0.1.0' } });
      const items = (collection.first as { items: Record<string, unknown>[] }).items;
      expect(items).toHaveLength(claims.length);
      for (const m of collectionMusts) {
        if (!m.validate(collection)) throw new Error(`${m.file} failed for the collection: ${JSON.stringify(m.errors())}`);
      }
      for (const annotation of items) {
        for (const m of musts) {
          if (!m.validate(annotation)) throw new Error(`${m.file} failed for ${String(annotation.id)}: ${JSON.stringify(m.errors())}`);
        }
      }
    });
  }

  it('says assessing for a verdict, highlighting otherwise, and gives a urn:uuid id that is stable across exports', () => {
    const article = seedArticle();
    const { claims } = claimsFor(article.text);
    for (const c of claims) {
      const a = claimAnnotation(article, c);
      expect(a.motivation).toBe(['verified', 'disputed', 'false', 'unverifiable'].includes(c.status) ? 'assessing' : 'highlighting');
      expect(a.id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(claimAnnotation(article, c).id).toBe(a.id);
      const target = a.target as { type: string; source: string; selector: Array<Record<string, unknown>> };
      expect(target.type).toBe('SpecificResource');
      expect(target.source).toBe(article.url);
      expect(target.selector).toContainEqual({ type: 'TextQuoteSelector', exact: c.anchor.quote, prefix: c.anchor.prefix, suffix: c.anchor.suffix });
      expect(target.selector).toContainEqual({ type: 'TextPositionSelector', start: c.anchor.start, end: c.anchor.end });
      const bodies = a.body as Array<Record<string, unknown>>;
      expect(bodies).toContainEqual(expect.objectContaining({ purpose: 'tagging', value: c.status }));
      for (const s of c.sources.filter((s) => s.url)) expect(bodies).toContainEqual({ type: 'SpecificResource', purpose: 'linking', source: s.url });
      for (const m of c.comments) expect(bodies).toContainEqual(expect.objectContaining({ purpose: 'commenting', value: m.text, created: m.at }));
    }
    const ids = new Set(claims.map((c) => claimAnnotation(article, c).id));
    expect(ids.size).toBe(claims.length);
  });

  it('counts TextPositionSelector offsets in code points, so a figure after an emoji or an Extension B character is where other tools look', () => {
    const text = '𠀀😀 项目总投资305.7亿元,同比增长190.6%';
    const article = { ...seedArticle(text), url: undefined };
    const { claims } = claimsFor(text);
    const c = claims.find((x) => x.anchor.quote === '305.7亿元')!;
    const a = claimAnnotation(article, c);
    const position = (a.target as { selector: Array<{ type: string; start?: number; end?: number }> }).selector.find((s) => s.type === 'TextPositionSelector')!;
    expect(position.start).toBe(c.anchor.start - 2);
    expect(Array.from(text).slice(position.start, position.end).join('')).toBe('305.7亿元');
    expect((a.target as { source: string }).source).toBe('urn:factdesk:article:seed0001');
    expect(toCodePoints(text, text.length)).toBe(Array.from(text).length);
  });
});

describe('Web Annotation import', () => {
  it('round trip: export → file → import → anchor on a fresh copy restores every claim, status, source and comment on the same words', () => {
    for (const article of [seedArticle(), englishArticle()]) {
      const { claims } = claimsFor(article.text);
      const file = JSON.stringify(annotationCollection(article, claims));
      const fresh = String(article.text);
      const imported = readWebAnnotations(JSON.parse(file));
      expect(imported.skipped).toEqual([]);
      const placed = placeImportedClaims(imported.claims, fresh);
      expect(placed).toHaveLength(claims.length);
      const byId = new Map(claims.map((c) => [c.id, c]));
      for (const p of placed) {
        const original = byId.get(p.claim.claimId!)!;
        expect(p.placement).toBe('attached');
        expect(p.anchor).toEqual(original.anchor);
        expect(fresh.slice(p.anchor.start, p.anchor.end)).toBe(original.anchor.quote);
        const { claim } = p;
        expect({ status: claim.status, kind: claim.kind, value: claim.value, unit: claim.unit, verdictNote: claim.verdictNote, note: claim.note, assignee: claim.assignee }).toEqual({
          status: original.status,
          kind: original.kind,
          value: original.value,
          unit: original.unit,
          verdictNote: original.verdictNote,
          note: original.note,
          assignee: original.assignee,
        });
        expect(claim.sources).toEqual(original.sources);
        expect(claim.comments).toEqual(original.comments);
        expect([claim.createdBy, claim.createdAt, claim.updatedBy, claim.updatedAt]).toEqual([original.createdBy, original.createdAt, original.updatedBy, original.updatedAt]);
      }
    }
  });

  it('finds claims by quote and context when the text moved, and returns what cannot be placed as detached, never dropped', () => {
    const article = seedArticle();
    const { claims } = claimsFor(article.text);
    const file = annotationCollection(article, claims);
    // The copy being imported into has a new first paragraph, and one sentence deleted.
    const gone = claims.find((c) => c.anchor.quote === '1524户')!;
    const sentenceStart = article.text.lastIndexOf('\n', gone.anchor.start) + 1;
    const sentenceEnd = article.text.indexOf('\n', gone.anchor.end);
    const edited = '编者按:本文有更新。\n\n' + article.text.slice(0, sentenceStart) + article.text.slice(sentenceEnd + 1);
    const placed = placeImportedClaims(readWebAnnotations(file).claims, edited);
    expect(placed).toHaveLength(claims.length);
    const lost = placed.filter((p) => p.placement !== 'attached');
    expect(lost.map((p) => p.claim.claimId)).toContain(gone.id);
    const orphan = lost.find((p) => p.claim.claimId === gone.id)!;
    expect(orphan.placement).toBe('orphan');
    expect(orphan.anchor.quote).toBe('1524户');
    for (const p of placed.filter((x) => x.placement === 'attached')) expect(edited.slice(p.anchor.start, p.anchor.end)).toBe(p.claim.anchor.quote);
    // Everything outside the deleted sentence came back.
    const deletedClaims = claims.filter((c) => c.anchor.start >= sentenceStart && c.anchor.end <= sentenceEnd);
    expect(placed.filter((p) => p.placement === 'attached')).toHaveLength(claims.length - deletedClaims.length);
  });

  it("reads another tool's annotations with a TextQuoteSelector (Hypothesis-style), and skips and names those without one", () => {
    const text = seedArticle().text;
    const foreign = {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'AnnotationPage',
      items: [
        {
          '@context': 'http://www.w3.org/ns/anno.jsonld',
          id: 'https://hypothes.is/a/abc123',
          type: 'Annotation',
          motivation: 'commenting',
          creator: 'acct:reader@hypothes.is',
          created: '2023-01-05T10:00:00Z',
          body: [
            { type: 'TextualBody', value: 'Is this the signed or the paid-in amount?', purpose: 'commenting' },
            { type: 'TextualBody', value: 'disputed', purpose: 'tagging' },
            { id: 'https://www.hunan.gov.cn/report.html', type: 'Text' },
          ],
          target: { source: 'https://news.example.cn/x.html', selector: [{ type: 'TextQuoteSelector', exact: '305.7亿元', prefix: '项目总投资', suffix: ',同比增长' }] },
        },
        { id: 'urn:x:2', type: 'Annotation', bodyValue: 'Check this', target: { source: 'https://news.example.cn/x.html', selector: { type: 'TextQuoteSelector', exact: '13.7%' } } },
        { id: 'urn:x:3', type: 'Annotation', bodyValue: 'whole page', target: 'https://news.example.cn/x.html' },
        { id: 'urn:x:4', type: 'Annotation', body: { type: 'TextualBody', value: 'nowhere' }, target: { selector: { type: 'TextQuoteSelector', exact: '999.9亿元' } } },
      ],
    };
    const result = readWebAnnotations(foreign);
    expect(result.skipped).toEqual([{ annotationId: 'urn:x:3', reason: 'no TextQuoteSelector' }]);
    const placed = placeImportedClaims(result.claims, text);
    const [first, second, third] = placed;
    expect(first!.placement).toBe('attached');
    expect(text.slice(first!.anchor.start, first!.anchor.end)).toBe('305.7亿元');
    expect(first!.claim.status).toBe('disputed');
    expect(first!.claim.comments.map((m) => m.text)).toEqual(['Is this the signed or the paid-in amount?']);
    expect(first!.claim.sources.map((s) => s.url)).toEqual(['https://www.hunan.gov.cn/report.html']);
    expect(first!.claim.createdBy).toBe('acct:reader@hypothes.is');
    // `13.7%` is printed once in the seed article: no context needed to place it.
    expect(second!.placement).toBe('attached');
    expect(second!.claim.comments.map((m) => m.text)).toEqual(['Check this']);
    expect(second!.claim.status).toBe('unchecked');
    expect(third!.placement).toBe('orphan');
    expect(third!.claim.comments.map((m) => m.text)).toEqual(['nowhere']);
  });

  it('reports a quote found in several equally good places as ambiguous with its candidates', () => {
    const text = '出口增长5%。\n\n进口增长5%。';
    const placed = placeImportedClaims(readWebAnnotations({ type: 'Annotation', target: { selector: { type: 'TextQuoteSelector', exact: '5%' } } }).claims, text);
    expect(placed[0]!.placement).toBe('ambiguous');
    const p = placed[0]!;
    if (p.placement !== 'ambiguous') throw new Error('expected ambiguous');
    expect(p.candidates.map((c) => text.slice(c.start, c.end))).toEqual(['5%', '5%']);
  });
});
