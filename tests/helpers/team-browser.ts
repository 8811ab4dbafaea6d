/**
 * Team members as the app shows them: each a browser-mode instance of its
 * own (own workspace folder, own services, own FACTDESK_HOME), a page in
 * Chromium, connected to a team server through the app's "Connect to team…"
 * dialog. Used by the e2e tests and the team bench.
 */
import type { Browser, Page } from '@playwright/test';
import type { ChildProcess } from 'node:child_process';
import { startServer } from './browser-mode.js';
import { removeDir, tempDir } from './temp-workspace.js';

/** A member's browser-mode instance: what `stopMembers` stops and removes. */
export interface BrowserMember {
  server: ChildProcess;
  /** The browser-mode URL (with its token): for `rpc`. */
  url: string;
  root: string;
  home: string;
}

/** Connects the workspace open in `page` to a team through the dialog; `shot`: a screenshot of the filled dialog. */
export async function connectToTeam(page: Page, url: string, token: string, lang: 'en' | 'zh-CN', shot?: string): Promise<void> {
  await page.getByRole('button', { name: lang === 'en' ? 'Connect to team…' : '连接到团队…' }).click();
  const dialog = page.getByRole('dialog', { name: lang === 'en' ? 'Connect this workspace to a team' : '将此工作区连接到团队' });
  await dialog.getByLabel(lang === 'en' ? 'Team server address' : '团队服务器地址').fill(url);
  await dialog.getByLabel(lang === 'en' ? 'Join token' : '加入令牌').fill(token);
  if (shot) await page.screenshot({ path: shot });
  await dialog.getByRole('button', { name: lang === 'en' ? 'Connect' : '连接', exact: true }).click();
  await dialog.waitFor({ state: 'hidden', timeout: 15_000 });
}

/** A member in a browser-mode instance of their own (an empty folder, own services), connected to the team; added to `members`. */
export async function joinTeamAs(browser: Browser, members: BrowserMember[], teamUrl: string, token: string, lang: 'en' | 'zh-CN', shot?: string): Promise<Page> {
  const root = tempDir('factdesk-e2e-member-');
  const home = tempDir('factdesk-e2e-member-home-');
  const started = await startServer(root, home).catch(async (e: unknown) => {
    await removeDir(root);
    await removeDir(home);
    throw e;
  });
  members.push({ ...started, root, home });
  const p = await browser.newPage();
  await p.addInitScript((l) => localStorage.setItem('factdesk.language', l), lang);
  await p.goto(started.url);
  // An empty folder: the (empty) article list is not shown, the status bar is.
  await p.locator('.statusbar').waitFor();
  await connectToTeam(p, teamUrl, token, lang, shot);
  return p;
}

/** Stops the members' browser-mode servers (those still running) and removes their folders. */
export async function stopMembers(members: BrowserMember[]): Promise<void> {
  for (const m of members) {
    if (m.server.exitCode === null && m.server.signalCode === null) {
      const exited = new Promise((r) => m.server.once('exit', r));
      m.server.kill('SIGTERM');
      await exited;
    }
    await removeDir(m.root);
    await removeDir(m.home);
  }
}
