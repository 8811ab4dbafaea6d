/**
 * The digests a session keeps on disk (`.factdesk/digests.json`): a new
 * session takes each article's board rows and tally from there while its
 * sidecar is the file they were made from, reads the sidecars that changed,
 * and gives the same board and counts as reading every sidecar would. A
 * damaged, hostile or linked digests file is ignored and loses nothing.
 */
import { promises as fs, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleAnnotations, ClaimList } from '../../shared/annotations.js';
import { bareSearchText, searchTextOf, type BoardPage } from '../../shared/board.js';
import type { ArticleSummary } from '../../shared/model.js';
import { Session } from '../../electron/services/session.js';
import { dispatcherHost, type HostUnderTest } from '../helpers/hosts.js';
import { makeWorkspace, removeDir, teamShared } from '../helpers/temp-workspace.js';

const seedText = readFileSync(join(teamShared, 'fixtures', 'claims', 'seed-chenzhou.txt'), 'utf8');
const enText = readFileSync(join(teamShared, 'fixtures', 'claims', 'en-abs-trade-dec2019.txt'), 'utf8');

let root: string;
let h: HostUnderTest;
let seed: string;
let en: string;
let empty: string;
const digestsFile = () => join(root, '.factdesk', 'digests');
const sidecarOf = (id: string) => join(root, '.factdesk', 'articles', `${id}.json`);
const format = 'factdesk-digests 3';

/** A line of the digests file: `<id> <stamp> <head JSON>\t<rows JSON>`. */
interface Line {
  id: string;
  stamp: string;
  head: { workflow: string; tally: { counts: Record<string, unknown> } };
  rows: Record<string, unknown[]>;
}
function parseLine(l: string): Line {
  const [id, stamp] = l.split(' ', 2) as [string, string];
  const [head, rows] = l.slice(id.length + stamp.length + 2).split('\t') as [string, string];
  return { id, stamp, head: JSON.parse(head), rows: JSON.parse(rows) };
}
const formatLine = (l: Line) => `${l.id} ${l.stamp} ${JSON.stringify(l.head)}\t${JSON.stringify(l.rows)}`;

beforeEach(async () => {
  root = await makeWorkspace({ '郴州.txt': seedText, 'abs/trade.txt': enText, 'empty.txt': '没有数字的一段话。\n' });
  h = await dispatcherHost(root);
  const list = (await h.call('articles.list')) as ArticleSummary[];
  seed = list.find((a) => a.path === '郴州.txt')!.id;
  en = list.find((a) => a.path === 'abs/trade.txt')!.id;
  empty = list.find((a) => a.path === 'empty.txt')!.id;
  await h.call('claims.addDetected', { articleId: seed });
  await h.call('claims.addDetected', { articleId: en });
  const c = ((await h.call('claims.list', { articleId: en })) as ClaimList).claims[0]!;
  await h.call('claims.update', { articleId: en, claimId: c.id, assignee: '王芳' });
  await h.call('claims.setStatus', { articleId: en, claimId: c.id, status: 'verified', verdictNote: 'Checked against the ABS table' });
});
afterEach(async () => {
  await h.close();
  await removeDir(root);
});

const query = (q: object) => h.call('board.query', q) as Promise<BoardPage>;
const counts = () => h.call('articles.statusCounts', {}) as Promise<Record<string, Record<string, number>>>;

/** Counts the sidecars the session reads from now on. */
function countReads(session: Session): string[] {
  const store = session.annotations as unknown as { readSidecar: (id: string) => Promise<unknown> };
  const reads: string[] = [];
  const read = store.readSidecar.bind(store);
  store.readSidecar = (id) => (reads.push(id), read(id));
  return reads;
}

/** What the board and the counts show, in full (every row), to compare sessions. */
async function everything() {
  const page = await query({ limit: 1000 });
  return { rows: page.rows, total: page.total, byStatus: page.byStatus, counts: await counts(), dashboard: await h.call('workspace.dashboard', { offsetMinutes: 480 }), assignees: await h.call('board.assignees') };
}

/** Reopens the workspace: the session closing writes the digests. */
async function reopen(): Promise<string[]> {
  await h.close();
  h = await dispatcherHost(root);
  return countReads(h.session);
}

describe('digests kept between sessions', () => {
  it('a new session reads no sidecar that has not changed, and shows the same board, counts, dashboard and assignees', async () => {
    await fs.rm(digestsFile(), { force: true });
    let reads = await reopen();
    const read = await everything();
    // The article without claims has no sidecar: looking for it is its read.
    expect(reads.sort()).toEqual([seed, en, empty].sort());
    expect(read.total).toBeGreaterThan(50);
    reads = await reopen();
    // The file: its format, then one line per article (the one without claims too).
    const lines = (await fs.readFile(digestsFile(), 'utf8')).split('\n');
    expect(lines[0]).toMatch(new RegExp(`^${format} \\{`));
    expect(lines.slice(1, -1).map((l) => l.split(' ')[0]).sort()).toEqual([seed, en, empty].sort());
    expect(await everything()).toEqual(read);
    expect(reads).toEqual([]);
    // Search and sorting work on rows from the file as on rows read (the verdict note is searched).
    expect((await query({ text: 'abs table' })).rows.map((r) => r.assignee)).toEqual(['王芳']);
    expect((await query({ sort: { column: 'checker', dir: 'asc' }, limit: 1 })).rows[0]?.checker).toBe(h.session.author);
  });

  it('the pages of the board as it opens, cut from the counts, are the pages of all its rows', async () => {
    await reopen();
    await everything();
    await reopen();
    const total = (await query({ limit: 1 })).total;
    // Counted without making any row (a filtered query would make them all).
    const firstArticle = Object.values((await counts())[en]!).reduce((a, b) => a + b, 0);
    const cuts = [
      { limit: 1 },
      {},
      { offset: 1, limit: 3 },
      { offset: firstArticle - 1, limit: 2 },
      { offset: firstArticle, limit: 5 },
      { offset: total - 1, limit: 10 },
      { offset: total, limit: 10 },
      { offset: total + 7 },
    ];
    const opening: BoardPage[] = [];
    for (const q of cuts) opening.push(await query(q));
    // A search makes every row; plain queries then filter them like any other.
    await query({ text: 'x' });
    for (const [i, q] of cuts.entries()) expect(await query(q), JSON.stringify(q)).toEqual(opening[i]);
    expect(opening[3]!.rows.map((r) => r.articleId)).toEqual([en, seed]);
    expect(opening[6]!.rows).toEqual([]);
  });

  it('a change made in one session is read again by the next, and only that article', async () => {
    await reopen();
    await everything();
    const c = ((await h.call('claims.list', { articleId: seed })) as ClaimList).claims[0]!;
    await h.call('claims.setStatus', { articleId: seed, claimId: c.id, status: 'disputed' });
    const reads = await reopen();
    const page = await query({ status: ['disputed'] });
    expect(page.rows.map((r) => r.claimId)).toEqual([c.id]);
    expect((await counts())[seed]!.disputed).toBe(1);
    expect(reads).toEqual([seed]);
  });

  it('a sidecar replaced outside FactDesk (a backup put back, a sync tool) is read again', async () => {
    await reopen();
    const before = await everything();
    await h.close();
    // Another program puts in a sidecar whose first claim is false, the way such programs do: a new file renamed over the old.
    const data = JSON.parse(await fs.readFile(sidecarOf(seed), 'utf8')) as ArticleAnnotations;
    const first = Object.values(data.claims).find((c) => !c.deleted)!;
    first.status = 'false';
    await fs.writeFile(`${sidecarOf(seed)}.new`, JSON.stringify(data));
    await fs.rename(`${sidecarOf(seed)}.new`, sidecarOf(seed));
    h = await dispatcherHost(root);
    const reads = countReads(h.session);
    expect((await query({ status: ['false'] })).rows.map((r) => r.claimId)).toEqual([first.id]);
    expect((await counts())[seed]!.false).toBe(1);
    expect((await query({ limit: 1 })).total).toBe(before.total);
    expect(reads).toEqual([seed]);
  });

  it('ignores a damaged, truncated, hostile or linked digests file: the sidecars are read and the file is written again', async () => {
    await reopen();
    const truth = await everything();
    await reopen();
    const good = await fs.readFile(digestsFile(), 'utf8');
    const [header, ...lines] = good.split('\n');
    const line = (id: string) => lines.find((l) => l.startsWith(`${id} `))!;
    const seedLine = parseLine(line(seed));
    const enLine = parseLine(line(en));
    // Rows of the wrong shape, a tally that cannot be, an article that does not exist, a prototype key, a line with no digest.
    seedLine.rows.status![0] = 99;
    enLine.head.tally.counts.verified = -5;
    const hostile = [
      header,
      formatLine(seedLine),
      formatLine(enLine),
      formatLine({ ...enLine, id: 'ffffffffffffffff' }),
      `__proto__ ${enLine.stamp} {"rows":[]}`,
      `${empty}`,
      '',
    ].join('\n');
    // Rows that are fewer than the tally counts (the board's first page is cut by the counts).
    const short = parseLine(line(seed));
    for (const k of Object.keys(short.rows)) short.rows[k] = short.rows[k]!.slice(1);
    const outside = join(root, 'outside.json');
    await fs.writeFile(outside, good);
    const cases: Array<[string, () => Promise<void>]> = [
      ['garbage', () => fs.writeFile(digestsFile(), '\u0000\u0001not json')],
      ['truncated', () => fs.writeFile(digestsFile(), good.slice(0, good.length / 2))],
      ['a line spoilt', () => fs.writeFile(digestsFile(), good.replace(line(seed), `${seed} ${seedLine.stamp} {"rows":[[`))],
      ['rows spoilt', () => fs.writeFile(digestsFile(), good.replace(line(seed), `${line(seed).split('\t')[0]}\t{"claimId":[`))],
      ['rows fewer than counted', () => fs.writeFile(digestsFile(), good.replace(line(seed), formatLine(short)))],
      ['hostile', () => fs.writeFile(digestsFile(), hostile)],
      ['other version', () => fs.writeFile(digestsFile(), good.replace(header!, header!.replace(format, 'factdesk-digests 99')))],
      ['a status this version does not know', () => fs.writeFile(digestsFile(), good.replace(header!, header!.replace('"verified"', '"bogus"')))],
      ['link', async () => (await fs.rm(digestsFile()), fs.symlink(outside, digestsFile()))],
    ];
    for (const [what, spoil] of cases) {
      await h.close();
      await spoil();
      h = await dispatcherHost(root);
      const reads = countReads(h.session);
      expect(await everything(), what).toEqual(truth);
      expect(reads.length, what).toBeGreaterThan(0);
      // Written again on close: a whole file of this version, never through the link.
      await h.close();
      expect((await fs.readFile(digestsFile(), 'utf8')).split('\n')[0], what).toBe(header);
      expect((await fs.lstat(digestsFile())).isSymbolicLink(), what).toBe(false);
      expect(await fs.readFile(outside, 'utf8'), what).toBe(good);
      h = await dispatcherHost(root);
    }
    expect((await fs.readdir(join(root, '.factdesk'))).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('reads statuses and kinds by the names the file gives them, not by this version’s order', async () => {
    await reopen();
    const truth = await everything();
    await h.close();
    const [header, ...lines] = (await fs.readFile(digestsFile(), 'utf8')).split('\n');
    const places = JSON.parse(header!.slice(format.length + 1)) as { statuses: string[]; kinds: string[] };
    const statuses = [...places.statuses].reverse();
    const kinds = [...places.kinds].reverse();
    const moved = lines.map((l) => {
      if (!l) return l;
      const d = parseLine(l);
      d.rows.status = (d.rows.status as number[]).map((i) => statuses.indexOf(places.statuses[i]!));
      d.rows.kind = (d.rows.kind as number[]).map((i) => kinds.indexOf(places.kinds[i]!));
      return formatLine(d);
    });
    await fs.writeFile(digestsFile(), [`${format} ${JSON.stringify({ statuses, kinds })}`, ...moved].join('\n'));
    h = await dispatcherHost(root);
    const reads = countReads(h.session);
    expect(await everything()).toEqual(truth);
    expect(reads).toEqual([]);
  });

  it('a read-only session (a second window) follows what the writer changes after it took the digests', async () => {
    await reopen();
    await everything();
    await reopen();
    const reader = await Session.open(root, { readOnly: true });
    try {
      expect(reader.workspace.readOnly).toBe(true);
      const before = await reader.board.query({ status: ['verified'] }, null);
      const c = ((await h.call('claims.list', { articleId: seed })) as ClaimList).claims[0]!;
      await h.call('claims.setStatus', { articleId: seed, claimId: c.id, status: 'verified' });
      const after = await reader.board.query({ status: ['verified'] }, null);
      expect(after.total).toBe(before.total + 1);
      expect((await reader.dashboard.statusCounts([seed]))[seed]!.verified).toBe(1);
    } finally {
      await reader.close();
    }
    // A reader writes no digests.
    await fs.rm(digestsFile());
    const again = await Session.open(root, { readOnly: true });
    expect(again.workspace.readOnly).toBe(true);
    expect((await again.board.query({}, null)).total).toBeGreaterThan(50);
    await again.close();
    await expect(fs.access(digestsFile())).rejects.toThrow();
  });

  it('the app’s sessions make every digest as they open, from the file', async () => {
    await reopen();
    const truth = await everything();
    await h.close();
    const warm = await Session.open(root, { warm: true });
    try {
      const reads = countReads(warm);
      // The digests are made without anyone asking; the board then reads nothing.
      await warm.digests.warm();
      expect((await warm.board.query({ limit: 10_000 }, null)).rows).toEqual(truth.rows);
      expect(reads).toEqual([]);
    } finally {
      await warm.close();
      h = await dispatcherHost(root);
    }
  });
});

describe('search text kept short on disk', () => {
  it('the search text of a claim with only its quote is the one searchTextOf makes', () => {
    const quote = 'US$19.5 Billion';
    const bare = { anchor: { quote }, verdictNote: '', note: '', assignee: null, sources: [], comments: [] } as unknown as Parameters<typeof searchTextOf>[0];
    expect(bareSearchText(quote)).toBe(searchTextOf(bare));
    expect(bareSearchText(quote)).not.toBe(searchTextOf({ ...bare, note: 'x' }));
  });
});
