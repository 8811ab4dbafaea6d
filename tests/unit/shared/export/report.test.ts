import { describe, expect, it } from 'vitest';
import { claimStatuses } from '../../../../shared/annotations.js';
import { buildReport, csvCell, renderHtmlDocument, reportCsv, reportHtml, reportJson, type ReportInput } from '../../../../shared/export/index.js';
import { claimsFor, englishArticle, reportInputFor, seedArticle, seedText } from '../../../helpers/export-fixtures.js';

function input(language: ReportInput['language']): ReportInput {
  const seed = claimsFor(seedText);
  const en = claimsFor(englishArticle().text);
  return {
    workspace: '郴州稿件',
    organization: { name: '红网核查' },
    language,
    generatedAt: '2022-12-22T08:00:00.000Z',
    generatedBy: '王敏',
    articles: [reportInputFor(seedArticle(), seed.claims, seed.audit), reportInputFor(englishArticle(), en.claims, en.audit)],
  };
}

/** A small RFC 4180 reader, enough to read back what the export wrote. */
function parseCsv(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const ch = csv[i]!;
    if (quoted) {
      if (ch === '"' && csv[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    }
    else if (ch === '\r' && csv[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}

describe('fact-check report data and JSON', () => {
  it('counts claims per status per article and overall, and keeps every field of every claim', () => {
    const data = buildReport(input('en'));
    const json = JSON.parse(reportJson(data)) as typeof data;
    const all = input('en').articles.flatMap((a) => a.claims);
    expect(json.summary.total).toBe(all.length);
    for (const s of claimStatuses) expect(json.summary.byStatus[s]).toBe(all.filter((c) => c.status === s).length);
    expect(json.summary.blocking).toBe(all.filter((c) => c.status !== 'verified').length);
    const [seed] = json.articles;
    const source = input('en').articles[0]!;
    expect(seed!.claims).toHaveLength(source.claims.length);
    const first = source.claims.find((c) => c.status === 'verified')!;
    const row = seed!.claims.find((c) => c.id === first.id)!;
    expect(row).toMatchObject({ quote: first.anchor.quote, value: first.value, unit: first.unit, status: 'verified', verdictNote: first.verdictNote, sources: first.sources, comments: first.comments });
    // The checker is who set the status in the audit log, not the last editor.
    const entry = source.audit!.find((e) => e.claimId === first.id)!;
    expect([row.checker, row.checkedAt]).toEqual([entry.by, entry.at]);
    expect(seed!.overrides[0]!.reason).toBe(source.overrides![0]!.reason);
    expect(seed!.corrections[0]!.text).toBe(source.corrections![0]!.text);
    expect(seed!.publications[0]!.fileHash).toBe(source.publications![0]!.fileHash);
    // 20亿 + 130.6亿元 ≤ 305.7亿元 holds; $4,799m + $44.7b ≤ $41,293m does not.
    expect(json.articles.map((a) => a.relations.map((r) => [r.expression, r.status]))).toEqual([[['B + C ≤ A', 'holds']], [['B + C ≤ A', 'broken']]]);
    expect(json.articles[1]!.relations[0]!.explanation).toMatch(/41,293m/);
  });

  it('attaches cross-check findings to the claims they concern (the seed’s 19.5亿美元 ≈ 130.6亿元 conversion)', () => {
    const data = buildReport(input('zh-CN'));
    const usd = data.articles[0]!.claims.find((c) => c.quote === '19.5亿美元')!;
    const conversion = usd.findings.find((f) => f.kind === 'conversion');
    expect(conversion).toBeDefined();
    expect(conversion!.explanation).toMatch(/130\.6亿元/);
  });

  it('leaves deleted claims out and lists detached ones last', () => {
    const { claims, audit } = claimsFor(seedText, (c, i) =>
      i === 0 ? { ...c, deleted: true } : i === 1 ? { ...c, detached: { reason: 'orphan', since: '2022-12-02', revision: 2, at: c.anchor.start } } : c,
    );
    const report = buildReport({ workspace: 'w', language: 'en', generatedAt: '2022-12-22T08:00:00Z', articles: [{ article: seedArticle(), workflow: 'draft', claims, audit }] });
    const ids = report.articles[0]!.claims.map((c) => c.id);
    expect(ids).not.toContain(claims[0]!.id);
    expect(ids.at(-1)).toBe(claims[1]!.id);
    expect(report.summary.total).toBe(claims.length - 1);
  });
});

describe('fact-check report CSV', () => {
  it('is UTF-8 with a byte order mark, a translated header and one row per claim', () => {
    const csv = reportCsv(buildReport(input('zh-CN')));
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(csv.slice(1));
    const total = input('zh-CN').articles.reduce((n, a) => n + a.claims.length, 0);
    expect(rows).toHaveLength(total + 1);
    expect(rows[0]).toContain('原文');
    expect(rows[0]).toContain('核查人');
    const quoteColumn = rows[0]!.indexOf('原文');
    expect(rows.slice(1).map((r) => r[quoteColumn])).toEqual(input('zh-CN').articles.flatMap((a) => a.claims.map((c) => c.anchor.quote)));
  });

  it('neutralizes cells a spreadsheet would run as a formula', () => {
    for (const evil of ['=HYPERLINK("http://evil.example","x")', '+1+cmd|/c calc', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
      const cell = csvCell(evil);
      expect(cell.startsWith(`"'`)).toBe(true);
      expect(parseCsv(cell + '\r\n')[0]![0]).toBe(`'${evil}`);
    }
    expect(csvCell('30570000000')).toBe('"30570000000"');
    expect(csvCell(-0.3)).toBe('-0.3');
    const { claims, audit } = claimsFor(seedText, (c, i) => (i === 2 ? { ...c, verdictNote: '=cmd|" /C calc"!A0', comments: [{ id: 'm1', author: '@bob', at: '2022-12-01', text: '-1' }] } : c));
    const csv = reportCsv(buildReport({ workspace: 'w', language: 'en', generatedAt: '2022-12-22', articles: [{ article: seedArticle(), workflow: 'draft', claims, audit }] }));
    const cells = parseCsv(csv.slice(1)).flat();
    expect(cells).toContain(`'=cmd|" /C calc"!A0`);
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
  });
});

describe('fact-check report HTML', () => {
  for (const language of ['zh-CN', 'en'] as const) {
    it(`draws the status chart as SVG bars with each count also as text (${language})`, () => {
      const data = buildReport(input(language));
      const html = renderHtmlDocument(reportHtml(data));
      const chart = html.slice(html.indexOf('<svg class="chart"'), html.indexOf('</svg>') + 6);
      const bars = [...chart.matchAll(/<rect x="\d+" y="\d+" width="(\d+)"/g)].map((m) => Number(m[1]));
      expect(bars).toHaveLength(claimStatuses.length);
      const counts = claimStatuses.map((s) => data.summary.byStatus[s]);
      // Longer bar for a larger count, and the count written beside it.
      for (let i = 0; i < counts.length; i++) for (let j = 0; j < counts.length; j++) if (counts[i]! > counts[j]!) expect(bars[i]!).toBeGreaterThan(bars[j]!);
      for (const n of counts) expect(chart).toContain(`>${n}</text>`);
      const label = language === 'zh-CN' ? '已核实' : 'Verified';
      expect(chart).toContain(`>${label}</text>`);
      expect(html).toContain(`<html lang="${language}">`);
    });
  }

  it('shows each claim with its words, value, status, verdict, sources, comments, checker and cross-checks, and the overrides, corrections and publications', () => {
    const data = buildReport(input('zh-CN'));
    const html = renderHtmlDocument(reportHtml(data));
    for (const a of data.articles) {
      for (const c of a.claims) {
        const card = html.slice(html.indexOf(`id="claim-${c.id}"`), html.indexOf('</article>', html.indexOf(`id="claim-${c.id}"`)));
        expect(card).toContain(`class="chip">`);
        for (const s of c.sources) expect(card).toContain(s.title);
        for (const m of c.comments) expect(card).toContain(m.text.replace(/'/g, '&#39;'));
        if (c.checker) expect(card).toContain(c.checker);
      }
      expect(html).toContain(a.overrides[0]!.reason.replace(/;/g, ';'));
    }
    expect(html).toContain('强制通过发布检查');
    expect(html).toContain('An earlier version gave the wrong total investment.');
    expect(html).toContain('发布记录');
    expect(html).toContain('货币换算');
  });
});
