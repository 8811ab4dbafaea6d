/**
 * The team workspace in the app: a real team server (the built CLI), three
 * browser-mode instances with their own workspace folders, Debian's Chromium.
 */
import type { Browser, Page } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, promises as fs, realpathSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { expect, projectRoot, test } from '../fixtures.js';
import { connectToTeam, joinTeamAs, stopMembers, type BrowserMember } from '../../helpers/team-browser.js';

const cli = join(projectRoot, 'dist', 'electron', 'cli.mjs');
const screens = (name: string) => join('test-results', 'screens', name);
const temp = (prefix: string) => realpathSync(mkdtempSync(join(os.tmpdir(), prefix)));

function addMember(data: string, name: string, role: string): string {
  const r = spawnSync(process.execPath, [cli, 'team-server', 'add-member', data, name, '--role', role], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim().split('\n').pop()!;
}

async function teamServer(data: string): Promise<{ url: string; proc: ChildProcess }> {
  const proc = spawn(process.execPath, [cli, 'team-server', '--data', data, '--port', '0', '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (ws:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    proc.once('exit', (c) => reject(new Error(`team server exited ${c}`)));
  });
  return { url, proc };
}

/** Stops the members' browser-mode servers and the team server this test started, and removes their folders. */
async function stopAll(extra: BrowserMember[], teamProc: ChildProcess, data: string): Promise<void> {
  await stopMembers(extra);
  teamProc.kill('SIGTERM');
  await new Promise((r) => teamProc.once('exit', r));
  await fs.rm(data, { recursive: true, force: true });
}

/** Calls the page's own API (the same client the UI uses) — for the steps a test does not need to click through. */
async function rpc(page: Page, method: string, input: unknown = {}): Promise<unknown> {
  return page.evaluate(
    async ([m, i]) => {
      const token = sessionStorage.getItem('factdesk.token') ?? '';
      const res = await fetch(`./rpc/${m}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(i) });
      const body = await res.json();
      if (!body.ok) throw new Error(JSON.stringify(body.error));
      return body.value;
    },
    [method, input] as const,
  );
}

/** From now on, remembers whether the page ever shows the "changed outside FactDesk" banner (until it reloads). */
async function watchOutsideChangeBanner(p: Page): Promise<void> {
  await p.evaluate(() => {
    const w = window as unknown as { sawOutsideChange?: boolean };
    w.sawOutsideChange = !!document.querySelector('.outside-change');
    new MutationObserver(() => (w.sawOutsideChange ||= !!document.querySelector('.outside-change'))).observe(document.body, { childList: true, subtree: true });
  });
}
const sawOutsideChange = (p: Page) => p.evaluate(() => !!(window as unknown as { sawOutsideChange?: boolean }).sawOutsideChange);

/** The article's text as the editor shows it (other members' carets and their name labels left out). */
const screenText = (p: Page) =>
  p.getByTestId('article-text').evaluate((el) =>
    [...el.querySelectorAll('.cm-line')]
      .map((line) => {
        const copy = line.cloneNode(true) as HTMLElement;
        for (const w of copy.querySelectorAll('.cm-ySelectionCaret, .cm-widgetBuffer')) w.remove();
        return (copy.textContent ?? '').replace(/\u2060/g, '');
      })
      .join('\n'),
  );

/** The other member's name is shown beside their caret (not only on hover), inside the editor's visible area. */
async function nameShownBesideCaret(p: Page, name: string): Promise<void> {
  const label = p.locator('.cm-ySelectionInfo', { hasText: name });
  await expect(label).toHaveCSS('opacity', '1', { timeout: 15_000 });
  const inside = await label.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const box = el.closest('.cm-scroller')!.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.top >= box.top && r.bottom <= box.bottom && r.left >= box.left && r.right <= box.right;
  });
  expect(inside, `${name}'s label inside the editor`).toBe(true);
}

/** Reloads the page, opens the 305.7亿元 claim's card and returns its conflict box. */
async function claimCardConflict(p: Page, lang: 'en' | 'zh-CN') {
  await p.reload();
  await p.getByRole('option', { name: /招商快讯/ }).click();
  const list = p.getByRole('list', { name: lang === 'en' ? 'Claims' : '断言' }).first();
  await list.getByRole('button', { name: /^305\.7亿元/ }).click();
  return p.locator('.team-conflict');
}

test.describe('team workspace', () => {
  test.use({ files: { '招商快讯.txt': '1-11月份新签约引进项目45个,项目总投资305.7亿元,同比增长190.6%。\n' } });

  test('members connect, see each other’s articles and status, and a conflict between two offline verdicts on the claim card (en, zh-CN)', async ({ page, bench, browser }) => {
    test.setTimeout(120_000);
    const data = temp('factdesk-e2e-team-');
    const team = await teamServer(data);
    const extra: BrowserMember[] = [];
    let paused = false;
    try {
      const alice = addMember(data, 'alice', 'editor');
      const bob = addMember(data, 'bob', 'fact-checker');
      const carol = addMember(data, 'carol', 'fact-checker');

      // A wrong token is refused with a translated reason, in the dialog.
      await bench.open(page, { language: 'en' });
      await page.getByRole('button', { name: 'Connect to team…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Connect this workspace to a team' });
      await dialog.getByLabel('Team server address').fill(team.url);
      await dialog.getByLabel('Join token').fill('mwrong.token');
      await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
      await expect(dialog.getByRole('alert')).toContainText('The team server did not accept this join token');
      await dialog.getByRole('button', { name: 'Cancel' }).click();

      await connectToTeam(page, team.url, alice, 'en', screens('team-connect-en.png'));
      const status = page.locator('.team-status');
      await expect(status).toContainText('Online');
      await expect(status).toContainText('alice (Editor)');
      // One identity: the team's. The computer's profile is not asked for; the toolbar shows the team name and role, locked.
      await expect(page.getByText('Who is working here?')).toHaveCount(0);
      const who = page.getByRole('button', { name: /as the team server knows you/ });
      await expect(who).toHaveText('alice · Editor');
      await expect(who).toBeDisabled();
      await page.getByRole('option', { name: /招商快讯/ }).click();
      await page.getByRole('button', { name: /Add \d+ detected figures as claims/ }).click();
      await page.screenshot({ path: screens('team-online-en.png') });

      // Two fact-checkers, each with their own folder and app.
      const pages: Page[] = [];
      for (const [token, lang] of [
        [bob, 'zh-CN'],
        [carol, 'en'],
      ] as const) {
        const p = await joinTeamAs(browser, extra, team.url, token, lang, lang === 'zh-CN' ? screens('team-connect-zh-CN.png') : undefined);
        // The editor's article appears in the member's own folder and list.
        await expect(p.getByRole('option', { name: /招商快讯/ })).toBeVisible({ timeout: 15_000 });
        pages.push(p);
      }
      const [bobPage, carolPage] = pages as [Page, Page];
      await expect(bobPage.locator('.team-status')).toContainText('在线');
      await expect(bobPage.locator('.team-status')).toContainText('bob(核查员)');

      // Both go offline and give different verdicts on the same claim.
      const verdicts: Array<[Page, string]> = [
        [bobPage, 'verified'],
        [carolPage, 'false'],
      ];
      for (const [p, verdict] of verdicts) {
        const articles = (await rpc(p, 'articles.list')) as Array<{ id: string }>;
        type List = { claims: Array<{ id: string; anchor: { quote: string } }> };
        const claimOf = async () => ((await rpc(p, 'claims.list', { articleId: articles[0]!.id })) as List).claims.find((c) => c.anchor.quote === '305.7亿元');
        await expect.poll(claimOf, { message: 'claims reached the member', timeout: 15_000 }).toBeDefined();
        const claim = await claimOf();
        await rpc(p, 'team.disconnect');
        await rpc(p, 'claims.setStatus', { articleId: articles[0]!.id, claimId: claim!.id, status: verdict });
      }
      await expect(carolPage.locator('.team-status')).toContainText('Offline');
      await expect(carolPage.locator('.team-status')).toContainText('1 change waiting');
      await carolPage.screenshot({ path: screens('team-offline-en.png') });
      for (const p of pages) await p.locator('.team-status').getByRole('button').click();
      await expect(carolPage.locator('.team-status')).toContainText('Online', { timeout: 15_000 });

      // A change the server has not acknowledged yet (the server paused, the connection open): "Syncing", and what waits.
      const carolArticle = ((await rpc(carolPage, 'articles.list')) as Array<{ id: string }>)[0]!.id;
      const carolClaim = ((await rpc(carolPage, 'claims.list', { articleId: carolArticle })) as { claims: Array<{ id: string }> }).claims[0]!.id;
      team.proc.kill('SIGSTOP');
      paused = true;
      await rpc(carolPage, 'claims.addComment', { articleId: carolArticle, claimId: carolClaim, text: 'Checked against the bureau’s release' });
      await expect(carolPage.locator('.team-status')).toContainText('Syncing · 1 change waiting');
      await expect(carolPage.locator('.team-status')).toHaveClass(/team-syncing/);
      await carolPage.screenshot({ path: screens('team-syncing-en.png') });
      team.proc.kill('SIGCONT');
      paused = false;
      await expect(carolPage.locator('.team-status')).toContainText('Online', { timeout: 15_000 });
      await expect(carolPage.locator('.team-status')).not.toContainText('waiting');

      // Each member's claim card shows the conflict: both values and who set them.
      for (const [p, lang] of [
        [bobPage, 'zh-CN'],
        [page, 'en'],
      ] as const) {
        const conflict = await claimCardConflict(p, lang);
        await expect(conflict).toContainText(lang === 'en' ? 'Conflict: changed by two people at once' : '冲突:两人同时作了改动', { timeout: 15_000 });
        await expect(conflict).toContainText(lang === 'en' ? 'Verified — bob' : '已核实 —— bob');
        await expect(conflict).toContainText(lang === 'en' ? 'False — carol' : '不实 —— carol');
        await p.screenshot({ path: screens(`team-conflict-${lang}.png`) });
      }
      // Verdicts are offered by the team role: not to alice (an editor), to carol (a fact-checker).
      await expect(page.getByRole('radiogroup', { name: 'Verdict' }).getByRole('radio', { name: 'Verified' })).toBeDisabled();
      await expect(page.getByRole('note').filter({ hasText: 'Verdicts (Verified, Disputed, False, Unverifiable) are given by fact-checkers' })).toBeVisible();
      await claimCardConflict(carolPage, 'en');
      await expect(carolPage.getByRole('radiogroup', { name: 'Verdict' }).getByRole('radio', { name: 'Verified' })).toBeEnabled();
      await expect(carolPage.getByRole('button', { name: /as the team server knows you/ })).toHaveText('carol · Fact-checker');
      await expect(carolPage.getByText('Who is working here?')).toHaveCount(0);
      // What carol's app recorded is signed with her team name, not this computer's user.
      const sidecar = JSON.parse(await fs.readFile(join(extra[1]!.root, '.factdesk', 'articles', `${carolArticle}.json`), 'utf8')) as { audit: Array<{ by: string | null; action: string }> };
      expect(sidecar.audit.filter((e) => e.by === 'carol').map((e) => e.action)).toEqual(expect.arrayContaining(['claim.status', 'comment.added']));
      expect(sidecar.audit.filter((e) => e.by !== null && !['alice', 'bob', 'carol'].includes(e.by))).toEqual([]);
    } finally {
      if (paused) team.proc.kill('SIGCONT');
      await stopAll(extra, team.proc, data);
    }
  });
});

type Bench = { open(p: Page, o: { language: 'en' }): Promise<unknown> };

/** A team server, and alice (an editor) connected in the test's page (en). */
async function aliceOnline(page: Page, bench: Bench) {
  const data = temp('factdesk-e2e-team-');
  const team = await teamServer(data);
  const extra: BrowserMember[] = [];
  await bench.open(page, { language: 'en' });
  await connectToTeam(page, team.url, addMember(data, 'alice', 'editor'), 'en');
  return { data, team, extra };
}

/**
 * A team server; alice (an editor) in the test's page (en) and a second member in a page of their own (zh-CN,
 * their own folder), both connected, the article on both.
 */
async function aliceAnd(page: Page, bench: Bench, browser: Browser, name: string, role: string) {
  const { data, team, extra } = await aliceOnline(page, bench);
  const other = await joinTeamAs(browser, extra, team.url, addMember(data, name, role), 'zh-CN');
  await expect(other.getByRole('option', { name: /招商快讯/ })).toBeVisible({ timeout: 15_000 });
  return { data, team, extra, other };
}

test.describe('team workspace: review events beyond status and verdict', () => {
  test.use({ files: { '招商快讯.txt': '1-11月份新签约引进项目45个,项目总投资305.7亿元,同比增长190.6%。\n' } });

  test('two offline edits of one source show as a conflict on the claim card; a fact-checker’s rename is refused with a translated reason; the article follows an editor’s rename (en, zh-CN)', async ({ page, bench, browser }) => {
    test.setTimeout(120_000);
    const { data, team, extra, other: bobPage } = await aliceAnd(page, bench, browser, 'bob', 'fact-checker');
    try {
      await page.getByRole('option', { name: /招商快讯/ }).click();
      await page.getByRole('button', { name: /Add \d+ detected figures as claims/ }).click();
      const aArticle = ((await rpc(page, 'articles.list')) as Array<{ id: string }>)[0]!.id;
      type List = { claims: Array<{ id: string; anchor: { quote: string }; sources: Array<{ id: string; title: string }> }> };
      const claimIn = async (p: Page, articleId: string) => ((await rpc(p, 'claims.list', { articleId })) as List).claims.find((c) => c.anchor.quote === '305.7亿元');
      const claim = (await claimIn(page, aArticle))!;
      const withSource = (await rpc(page, 'claims.addSource', { articleId: aArticle, claimId: claim.id, source: { title: '统计公报' } })) as List['claims'][number];
      const sourceId = withSource.sources[0]!.id;

      const bArticle = ((await rpc(bobPage, 'articles.list')) as Array<{ id: string }>)[0]!.id;
      await expect.poll(async () => (await claimIn(bobPage, bArticle))?.sources.length, { timeout: 15_000 }).toBe(1);

      // Both offline; each retitles the source; both reconnect.
      for (const p of [page, bobPage]) await rpc(p, 'team.disconnect');
      await rpc(page, 'claims.updateSource', { articleId: aArticle, claimId: claim.id, sourceId, source: { title: '年度公报' } });
      await rpc(bobPage, 'claims.updateSource', { articleId: bArticle, claimId: claim.id, sourceId, source: { title: '统计局公报' } });
      for (const p of [page, bobPage]) await p.locator('.team-status').getByRole('button').click();
      await expect(page.locator('.team-status')).toContainText('Online', { timeout: 15_000 });
      for (const [p, lang] of [
        [page, 'en'],
        [bobPage, 'zh-CN'],
      ] as const) {
        const conflict = await claimCardConflict(p, lang);
        await expect(conflict).toContainText(lang === 'en' ? 'Source title' : '来源标题', { timeout: 15_000 });
        await expect(conflict).toContainText(lang === 'en' ? '年度公报 — alice' : '年度公报 —— alice');
        await expect(conflict).toContainText(lang === 'en' ? '统计局公报 — bob' : '统计局公报 —— bob');
        await p.screenshot({ path: screens(`team-source-conflict-${lang}.png`) });
        await p.emulateMedia({ colorScheme: 'dark' });
        await p.screenshot({ path: screens(`team-source-conflict-${lang}-dark.png`) });
        await p.emulateMedia({ colorScheme: 'light' });
      }

      // Bob (a fact-checker) tries to rename the article: the app says why not, in his language; nothing moves.
      const option = bobPage.getByRole('option', { name: /招商快讯/ });
      await option.focus();
      await bobPage.keyboard.press('F2');
      const dialog = bobPage.getByRole('dialog');
      await dialog.getByRole('textbox').fill('我的稿件.txt');
      await dialog.getByRole('button', { name: '重命名' }).click();
      await expect(bobPage.getByRole('alert').filter({ hasText: '作为核查员,您无权在此团队中重命名文章' })).toBeVisible();
      await bobPage.screenshot({ path: screens('team-rename-refused-zh-CN.png') });
      // Alice renames it: bob's list follows.
      await rpc(page, 'articles.rename', { id: aArticle, name: '稿件/招商快讯.txt' });
      await expect(bobPage.getByRole('option', { name: /招商快讯/ })).toContainText('稿件/招商快讯.txt', { timeout: 15_000 });
      // Alice publishes past the gate (the claims are unchecked): bob's claim card shows who did and why.
      await rpc(page, 'articles.setWorkflow', { id: aArticle, workflow: 'published', overrideReason: '官方发布会已公布' });
      await expect.poll(async () => ((await rpc(bobPage, 'articles.list')) as Array<{ workflow: string }>)[0]!.workflow, { timeout: 15_000 }).toBe('published');
      await claimCardConflict(bobPage, 'zh-CN');
      await expect(bobPage.locator('.activity')).toContainText('越过发布关卡发布:“官方发布会已公布”');
      await expect(bobPage.locator('.activity')).toContainText('alice');
      await bobPage.locator('.activity').scrollIntoViewIfNeeded();
      await bobPage.screenshot({ path: screens('team-gate-override-zh-CN.png') });
    } finally {
      await stopAll(extra, team.proc, data);
    }
  });
});

test.describe('team workspace: the article’s own conflicts', () => {
  test.use({ files: { '招商快讯.txt': '1-11月份新签约引进项目45个,项目总投资305.7亿元,同比增长190.6%。\n' } });

  test('two editors move the article offline to different stages: both see the conflict above the claims (en, zh-CN)', async ({ page, bench, browser }) => {
    test.setTimeout(120_000);
    const { data, team, extra, other: davePage } = await aliceAnd(page, bench, browser, 'dave', 'editor');
    try {
      for (const [p, stage] of [
        [page, 'in-review'],
        [davePage, 'approved'],
      ] as const) {
        const id = ((await rpc(p, 'articles.list')) as Array<{ id: string }>)[0]!.id;
        await rpc(p, 'team.disconnect');
        await rpc(p, 'articles.setWorkflow', { id, workflow: stage });
      }
      for (const p of [page, davePage]) await p.locator('.team-status').getByRole('button').click();
      await expect(page.locator('.team-status')).toContainText('Online', { timeout: 15_000 });
      for (const [p, lang] of [
        [page, 'en'],
        [davePage, 'zh-CN'],
      ] as const) {
        await p.reload();
        await p.getByRole('option', { name: /招商快讯/ }).click();
        const conflict = p.locator('.claims-panel > .team-conflict');
        await expect(conflict).toContainText(lang === 'en' ? 'Workflow' : '流程', { timeout: 15_000 });
        await expect(conflict).toContainText(lang === 'en' ? 'In review — alice' : '审核中 —— alice');
        await expect(conflict).toContainText(lang === 'en' ? 'Approved — dave' : '已批准 —— dave');
        await p.screenshot({ path: screens(`team-workflow-conflict-${lang}.png`) });
      }
    } finally {
      await stopAll(extra, team.proc, data);
    }
  });
});

test.describe('team workspace: live co-editing', () => {
  test.use({ files: { '快讯.txt': '签约项目45个,项目总投资305.7亿元。\n' } });

  test('two editors see each other’s typing and cursors, with names beside them, the files follow, and neither window calls the team’s writes an outside change', async ({ page, bench, browser }) => {
    test.setTimeout(120_000);
    const { data, team, extra } = await aliceOnline(page, bench);
    try {
      const bob = await joinTeamAs(browser, extra, team.url, addMember(data, 'bob', 'editor'), 'zh-CN');
      const root = extra[0]!.root;

      for (const p of [page, bob]) await p.getByRole('option', { name: /快讯/ }).click({ timeout: 15_000 });
      for (const p of [page, bob]) await watchOutsideChangeBanner(p);
      const aliceText = page.getByTestId('article-text').locator('.cm-content');
      const bobText = bob.getByTestId('article-text').locator('.cm-content');
      // The binding is made once the article is known to be a team article.
      await expect(page.locator('.cm-ySelection, .cm-content')).not.toHaveCount(0);
      await aliceText.click();
      await page.keyboard.press('End');
      await page.keyboard.type('(alice)');
      await expect(bobText).toContainText('(alice)', { timeout: 15_000 });
      await bobText.click();
      await bob.keyboard.press('Home');
      await bob.keyboard.type('[bob]');
      await expect(aliceText).toContainText('[bob]', { timeout: 15_000 });
      // Both type at once for a while: the team's writes of the file land under both editors all along, while the
      // apps look at the folder as they do when their lists refresh (each look compares the files with what they wrote).
      let typing = true;
      const looking = [page, bob].map(async (p) => {
        while (typing) await rpc(p, 'articles.list');
      });
      await Promise.all([page.keyboard.type('甲乙丙丁戊己庚辛壬癸', { delay: 60 }), bob.keyboard.type('子丑寅卯辰巳午未申酉', { delay: 60 })]);
      typing = false;
      await Promise.all(looking);
      // Each sees where the other is, with the other's name beside the caret (not only on hover).
      await expect(page.locator('.cm-ySelectionInfo')).toContainText('bob', { timeout: 15_000 });
      await expect(bob.locator('.cm-ySelectionInfo')).toContainText('alice', { timeout: 15_000 });
      await nameShownBesideCaret(page, 'bob');
      await nameShownBesideCaret(bob, 'alice');
      await page.screenshot({ path: screens('team-live-en.png') });
      await bob.screenshot({ path: screens('team-live-zh-CN.png') });
      // Both files hold the merged text, and neither window claims unsaved changes once it is written.
      const file = (dir: string) => fs.readFile(join(dir, '快讯.txt'), 'utf8');
      await expect.poll(async () => ((t) => ['[bob]', '(alice)', '癸', '酉'].every((w) => t.includes(w)))(await file(root)), { timeout: 15_000 }).toBe(true);
      await expect.poll(async () => (await file(bench.root)) === (await file(root)) && (await screenText(page)) === (await file(root)) && (await screenText(bob)) === (await file(root)), { timeout: 15_000 }).toBe(true);
      await expect(page.locator('.statusbar')).toContainText('Saved', { timeout: 15_000 });
      await expect(bob.locator('.statusbar')).toContainText('已保存', { timeout: 15_000 });
      // The team's writes of the file were never "changed outside FactDesk", during the typing or after it.
      for (const p of [page, bob]) {
        await expect(p.locator('.outside-change')).toHaveCount(0);
        expect(await sawOutsideChange(p)).toBe(false);
      }
    } finally {
      await stopAll(extra, team.proc, data);
    }
  });

  test('three members typing at once in one paragraph end with the same text on three screens and three disks, the claim in it on its words everywhere', async ({ page, bench, browser }) => {
    test.setTimeout(180_000);
    const { data, team, extra } = await aliceOnline(page, bench);
    try {
      const aliceArticle = ((await rpc(page, 'articles.list')) as Array<{ id: string; path: string }>).find((a) => a.path === '快讯.txt')!.id;
      const text = ((await rpc(page, 'articles.read', { id: aliceArticle })) as { text: string }).text;
      const figure = '305.7亿元';
      const claim = (await rpc(page, 'claims.add', { articleId: aliceArticle, start: text.indexOf(figure), end: text.indexOf(figure) + figure.length })) as { id: string };
      const bob = await joinTeamAs(browser, extra, team.url, addMember(data, 'bob', 'editor'), 'zh-CN');
      const carol = await joinTeamAs(browser, extra, team.url, addMember(data, 'carol', 'editor'), 'en');
      const members: Array<[Page, string]> = [
        [page, bench.root],
        [bob, extra[0]!.root],
        [carol, extra[1]!.root],
      ];
      const claimOn = async (p: Page) => {
        const id = ((await rpc(p, 'articles.list')) as Array<{ id: string; path: string }>).find((a) => a.path === '快讯.txt')?.id;
        if (!id) return null;
        const now = ((await rpc(p, 'articles.read', { id })) as { text: string }).text;
        const c = ((await rpc(p, 'claims.list', { articleId: id })) as { claims: Array<{ id: string; anchor: { start: number; end: number } }> }).claims.find((x) => x.id === claim.id);
        return c ? now.slice(c.anchor.start, c.anchor.end) : null;
      };
      for (const [p] of members) {
        await expect.poll(() => claimOn(p), { message: 'the claim reached the member', timeout: 15_000 }).toBe(figure);
        await p.getByRole('option', { name: /快讯/ }).click({ timeout: 15_000 });
        await watchOutsideChangeBanner(p);
      }
      // Each puts the cursor right after 签约项目, in the same paragraph; each sees the other two carets once all are bound.
      for (const [p] of members) {
        await p.getByTestId('article-text').locator('.cm-content').click();
        await p.keyboard.press('Control+Home');
        for (let i = 0; i < 4; i++) await p.keyboard.press('ArrowRight');
      }
      for (const [p] of members) await expect(p.locator('.cm-ySelectionCaret')).toHaveCount(2, { timeout: 15_000 });
      const words = ['(alice-typed)', '[bob-typed]', '{carol-typed}'];
      await Promise.all(members.map(([p], i) => p.keyboard.type(words[i]!, { delay: 40 })));

      // The same text on the three screens and in the three files, every word whole, the claim on its words.
      const file = (dir: string) => fs.readFile(join(dir, '快讯.txt'), 'utf8');
      await expect
        .poll(async () => {
          const texts = await Promise.all([...members.map(([p]) => screenText(p)), ...members.map(([, dir]) => file(dir))]);
          return new Set(texts).size === 1 && words.every((w) => texts[0]!.includes(w)) ? texts[0] : null;
        }, { message: 'three screens and three files converge', timeout: 30_000 })
        .not.toBeNull();
      const merged = await file(bench.root);
      expect(merged.startsWith('签约项目')).toBe(true);
      expect(merged.endsWith('45个,项目总投资305.7亿元。\n')).toBe(true);
      for (const [p] of members) {
        await expect.poll(() => claimOn(p), { timeout: 15_000 }).toBe(figure);
        await expect(p.locator('.cm-stored')).toHaveText(figure);
        expect(await sawOutsideChange(p)).toBe(false);
      }
      await carol.screenshot({ path: screens('team-three-en.png') });
    } finally {
      await stopAll(extra, team.proc, data);
    }
  });
});
