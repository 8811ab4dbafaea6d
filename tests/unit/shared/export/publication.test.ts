import { describe, expect, it } from 'vitest';
import {
  articleBlocks,
  citations,
  claimReviewedMaxLength,
  claimReviews,
  formatCorrection,
  publicationHtml,
  publicationMarkdown,
  publicationText,
  renderHtmlDocument,
} from '../../../../shared/export/index.js';
import { claimsFor, englishArticle, seedArticle, seedText } from '../../../helpers/export-fixtures.js';

const markdownArticle = englishArticle(`# Trade in goods\n\nGoods and services credits rose 1% to $41,293m.\nSecond line of the same paragraph.\n\n## Imports <b>&amp;</b>\n\nImports fell 2% to $36,494m.\n`);

describe('publication copy: Markdown and text', () => {
  it('gives the file’s bytes, unchanged, for Markdown and for a .txt article as text', () => {
    const { claims } = claimsFor(seedText);
    expect(publicationMarkdown(seedArticle(), { claims, withCitations: true })).toBe(seedText);
    expect(publicationText(seedArticle())).toBe(seedText);
    expect(publicationMarkdown(markdownArticle)).toBe(markdownArticle.text);
  });

  it('drops only the heading marks of a Markdown article as text', () => {
    expect(publicationText(markdownArticle)).toBe('Trade in goods\n\nGoods and services credits rose 1% to $41,293m.\nSecond line of the same paragraph.\n\nImports <b>&amp;</b>\n\nImports fell 2% to $36,494m.\n');
  });

  it('ends a corrected copy with the standard correction paragraph in the article’s language', () => {
    const note = { at: '2022-12-21T09:30:00.000Z', text: '本文此前版本误将总投资写为350.7亿元,\n现已更正。' };
    const md = publicationMarkdown(seedArticle(), { correction: note });
    expect(md.startsWith(seedText)).toBe(true);
    expect(md.slice(seedText.length)).toBe('\n\n更正（2022-12-21）：本文此前版本误将总投资写为350.7亿元, 现已更正。\n');
    expect(formatCorrection({ at: '2023-01-02', text: 'An earlier version misstated the surplus.' }, 'en')).toBe('Correction (2023-01-02): An earlier version misstated the surplus.');
    expect(publicationText(englishArticle(), { correction: { at: '2023-01-02', text: 'Fixed.' } }).endsWith('\n\nCorrection (2023-01-02): Fixed.\n')).toBe(true);
  });
});

describe('publication copy: HTML', () => {
  it('has a heading per Markdown heading and a paragraph per paragraph of the file, every word escaped', () => {
    const doc = publicationHtml(markdownArticle);
    expect(doc.body).toContain('<h1>Trade in goods</h1>');
    expect(doc.body).toContain('<h2>Imports &lt;b&gt;&amp;amp;&lt;/b&gt;</h2>');
    expect(doc.body).toContain('<p>Goods and services credits rose 1% to $41,293m.<br>\nSecond line of the same paragraph.</p>');
    const seed = publicationHtml(seedArticle()).body;
    expect(seed.match(/<p>/g)).toHaveLength(articleBlocks(seedText, 'txt').length);
    expect(seed).not.toMatch(/<h\d/);
    // The words, tags taken out and entities read back, are the file's paragraphs.
    const words = seed
      .replace(/<br>\n/g, '\n')
      .match(/<p>([\s\S]*?)<\/p>/g)!
      .map((p) => p.slice(3, -4).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&'));
    expect(words.join('\n\n')).toBe(seedText.trim());
  });

  it('with citations: a note number after each verified figure with sources, and a footnote listing its sources', () => {
    const { claims } = claimsFor(seedText);
    const cited = citations(claims);
    expect(cited.length).toBeGreaterThan(3);
    const html = publicationHtml(seedArticle(), { claims, withCitations: true }).body;
    for (const { n, claim } of cited) {
      expect(html).toContain(`${claim.anchor.quote}<sup><a href="#fn-${n}" id="fnref-${n}">${n}</a></sup>`);
      const note = html.slice(html.indexOf(`<li id="fn-${n}">`), html.indexOf('</li>', html.indexOf(`<li id="fn-${n}">`)));
      for (const s of claim.sources) expect(note).toContain(s.title);
      expect(note).toContain(`<a href="${claim.sources[0]!.url}">`);
    }
    expect(html).toContain('<h2>资料来源</h2>');
    expect(html.match(/<sup>/g)).toHaveLength(cited.length);
    // No claim that is not verified gets a note.
    expect(cited.every((c) => c.claim.status === 'verified')).toBe(true);
    expect(publicationHtml(seedArticle(), { claims }).body).not.toContain('<sup>');
  });

  it('marks no figure when the claims’ offsets are stale for this text', () => {
    const { claims } = claimsFor(seedText);
    const shifted = seedArticle('编者按。\n\n' + seedText);
    expect(publicationHtml(shifted, { claims, withCitations: true }).body).not.toContain('<sup>');
  });

  it('embeds the ClaimReview JSON-LD in the head, where no string can close the script element', () => {
    const { claims } = claimsFor(seedText, (c, i) => (i === 3 ? { ...c, verdictNote: '</script><script>alert(1)</script> <!-- x' } : c));
    const doc = publicationHtml(seedArticle(), { claims, claimReview: { organization: { name: '红网核查 </script>' } } });
    const html = renderHtmlDocument(doc);
    const head = html.slice(0, html.indexOf('</head>'));
    const scripts = head.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)!;
    expect(scripts).toHaveLength(claimReviews(seedArticle(), claims, { organization: { name: 'x' } }).length);
    expect(head.match(/<\/script>/g)).toHaveLength(scripts.length);
    expect(head).not.toContain('<!--');
    const parsed = scripts.map((s) => JSON.parse(s.replace(/^<script[^>]*>/, '').replace(/<\/script>$/, '')) as { author: { name: string }; reviewBody?: string });
    expect(parsed[0]!.author.name).toBe('红网核查 </script>');
    expect(parsed.some((p) => p.reviewBody?.startsWith('</script><script>'))).toBe(true);
  });
});

describe('ClaimReview', () => {
  for (const article of [seedArticle(), englishArticle()]) {
    it(`gives every claim with a verdict a schema.org ClaimReview (${article.path})`, () => {
      const { claims } = claimsFor(article.text);
      const reviews = claimReviews(article, claims, { organization: { name: 'FactDesk Newsroom', url: 'https://newsroom.example' } });
      const withVerdict = claims.filter((c) => ['verified', 'disputed', 'false', 'unverifiable'].includes(c.status));
      expect(reviews).toHaveLength(withVerdict.length);
      const zh = article.path.endsWith('.txt');
      const names = zh ? { verified: '属实', disputed: '有争议', false: '不实', unverifiable: '无法核实' } : { verified: 'True', disputed: 'Disputed', false: 'False', unverifiable: 'Unverifiable' };
      reviews.forEach((r, i) => {
        const claim = withVerdict[i]!;
        const rating = r.reviewRating as Record<string, unknown>;
        expect(r['@context']).toBe('https://schema.org');
        expect(r['@type']).toBe('ClaimReview');
        expect(r.url).toBe(article.url);
        expect(r.author).toEqual({ '@type': 'Organization', name: 'FactDesk Newsroom', url: 'https://newsroom.example' });
        expect(r.datePublished).toBe(article.datePublished);
        expect(rating.alternateName).toBe(names[claim.status as keyof typeof names]);
        expect([rating.bestRating, rating.worstRating]).toEqual([5, 1]);
        expect(rating.ratingValue).toBe({ verified: 5, disputed: 3, false: 1 }[claim.status as string]);
        const text = r.claimReviewed as string;
        expect(Array.from(text).length).toBeLessThanOrEqual(claimReviewedMaxLength);
        expect(text).toContain(claim.anchor.quote);
        expect(text.toLowerCase()).not.toContain(String(rating.alternateName).toLowerCase());
        const item = r.itemReviewed as Record<string, unknown>;
        expect(item['@type']).toBe('Claim');
        expect(item.datePublished).toBe(article.datePublished);
        expect((item.appearance as Record<string, unknown>).url).toBe(article.url);
        expect(item.author).toEqual(article.byline ? { '@type': 'Person', name: article.byline } : r.author);
      });
    });
  }

  it('never puts the rating into claimReviewed, even when the sentence holds the word', () => {
    const text = 'Officials said the claim was false: exports rose 1% to $41,293m in December, a false start to the year.';
    const article = englishArticle(text);
    const { claims } = claimsFor(text, (c) => ({ ...c, status: 'false' }));
    for (const r of claimReviews(article, claims, { organization: { name: 'N' } })) {
      expect((r.claimReviewed as string).toLowerCase()).not.toContain('false');
      expect(r.claimReviewed as string).toMatch(/1%|\$41,293m|December/);
    }
  });
});
