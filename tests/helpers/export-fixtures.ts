/**
 * Realistic inputs for the export tests: the seed article and the English
 * ABS release with claims made from what the real claim engine detects, in
 * every status, with sources, comments and the audit entries a checker's
 * verdicts leave.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { claimStatuses, type AuditEntry, type Claim, type ClaimStatus } from '../../shared/annotations.js';
import { createAnchor } from '../../shared/anchoring/index.js';
import { detectClaims } from '../../shared/claims/index.js';
import type { ArticleReportInput, ExportArticle } from '../../shared/export/index.js';
import { teamShared } from './temp-workspace.js';

export const seedText = readFileSync(join(teamShared, 'seed', '000_72a403122e24e56a.txt'), 'utf8');
export const englishText = readFileSync(join(teamShared, 'fixtures', 'claims', 'en-abs-trade-dec2019.txt'), 'utf8');

export function seedArticle(text = seedText): ExportArticle {
  return { id: 'seed0001', path: '000_72a403122e24e56a.txt', title: '逆势上扬 再创新高 ——郴州经开区2022年招商引资纪实', format: 'txt', text, url: 'https://news.example.cn/2022/chenzhou.html', byline: '谭洁', datePublished: '2022-12-20' };
}

export function englishArticle(text = englishText): ExportArticle {
  return { id: 'abstrade1', path: 'en-abs-trade-dec2019.md', title: 'International Trade in Goods and Services, Australia', format: 'md', text, url: 'https://example.org/abs/trade-dec-2019', datePublished: '2020-02-06' };
}

const checkers = ['王敏', 'alice', '李强'];

/**
 * Claims on every figure the claim engine finds, statuses in turn through
 * all seven, verified ones with sources; `decorate` may change any claim.
 */
export function claimsFor(text: string, decorate: (c: Claim, i: number) => Claim = (c) => c): { claims: Claim[]; audit: AuditEntry[] } {
  const audit: AuditEntry[] = [];
  const claims = detectClaims(text).map((d, i) => {
    const status: ClaimStatus = claimStatuses[i % claimStatuses.length]!;
    const checker = checkers[i % checkers.length]!;
    const at = new Date(Date.UTC(2022, 11, 1, 8, i % 60)).toISOString();
    const claim: Claim = {
      id: `c${(0x100000000000 + i).toString(16)}`,
      anchor: createAnchor(text, d.start, d.end),
      kind: d.kind,
      value: d.value,
      unit: d.unit,
      status,
      verdictNote: status === 'unchecked' || status === 'in-progress' ? '' : `${status} per the bureau's release (${d.text})`,
      note: i % 5 === 0 ? 'Figure from the press conference' : '',
      sources:
        status === 'verified' || status === 'false'
          ? [
              { id: `s${i}a`, title: `Statistical bulletin ${i}`, url: `https://stats.example.gov/bulletin/${i}`, publisher: 'Bureau of Statistics', accessed: '2022-12-01', quote: d.text, note: '', addedBy: checker, addedAt: at },
              { id: `s${i}b`, title: 'Interview notes', url: '', publisher: '', accessed: '', quote: '', note: 'phone call', addedBy: checker, addedAt: at },
            ]
          : [],
      comments: i % 3 === 0 ? [{ id: `m${i}`, author: checker, at, text: `Checked against the table, row ${i}.` }] : [],
      assignee: i % 4 === 0 ? checker : null,
      createdBy: 'editor',
      createdAt: '2022-11-30T09:00:00.000Z',
      updatedBy: checker,
      updatedAt: at,
      deleted: false,
    };
    if (status !== 'unchecked') audit.push({ at, by: checker, action: 'claim.status', claimId: claim.id, before: 'unchecked', after: status });
    return decorate(claim, i);
  });
  return { claims, audit };
}

/** A report input for one article with its claims, an override, a correction and a publication. */
export function reportInputFor(article: ExportArticle, claims: Claim[], audit: AuditEntry[]): ArticleReportInput {
  // A checker's relation among the first three amounts of the article's own currency: B + C ≤ A.
  const money = claims.filter((c) => c.kind === 'money' && c.unit === claims.find((m) => m.kind === 'money')?.unit).slice(0, 3);
  return {
    article,
    workflow: 'published',
    revision: 3,
    claims,
    audit,
    relations: money.length === 3 ? [{ id: 'r0001', expression: 'B + C ≤ A', claimIds: money.map((c) => c.id), createdBy: 'alice', createdAt: '2022-12-02T10:00:00.000Z' }] : [],
    overrides: [{ at: '2022-12-20T07:00:00.000Z', by: 'chief-editor', reason: 'Deadline; open figures flagged to the desk', claimIds: claims.filter((c) => c.status !== 'verified').slice(0, 3).map((c) => c.id) }],
    corrections: [{ at: '2022-12-21T09:30:00.000Z', by: 'chief-editor', text: 'An earlier version gave the wrong total investment.', revision: 3 }],
    publications: [{ revision: 2, at: '2022-12-20T07:05:00.000Z', by: 'chief-editor', format: 'html', fileHash: 'a'.repeat(64) }],
  };
}

/** Known XSS payloads, each a string a user could type into the text, a note, a comment or a source. */
export const xssPayloads = [
  '<script>window.__xss = (window.__xss||0)+1</script>',
  '<img src=x onerror="window.__xss=(window.__xss||0)+1">',
  '<body onload="window.__xss=(window.__xss||0)+1">',
  '<a href="javascript:window.__xss=(window.__xss||0)+1">click</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data link</a>',
  '<svg onload="window.__xss=(window.__xss||0)+1"><script>window.__xss=(window.__xss||0)+1</script></svg>',
  '<svg><animate onbegin="window.__xss=(window.__xss||0)+1" attributeName="x" dur="1s"/></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__xss=(window.__xss||0)+1">',
  '<math href="javascript:window.__xss=(window.__xss||0)+1">CLICKME</math>',
  '<div style="width: expression(window.__xss=(window.__xss||0)+1); background:url(javascript:window.__xss=(window.__xss||0)+1)">css</div>',
  '<iframe srcdoc="<script>parent.__xss=(parent.__xss||0)+1</script>"></iframe>',
  '</script><script>window.__xss=(window.__xss||0)+1</script>',
  '"><img src=x onerror=window.__xss=(window.__xss||0)+1>',
  '<details open ontoggle="window.__xss=(window.__xss||0)+1">',
  '<noscript><p title="</noscript><img src=x onerror=window.__xss=(window.__xss||0)+1>">',
];
