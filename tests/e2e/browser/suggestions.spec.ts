import type { Page } from '@playwright/test';
import { promises as fs, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ArticleAnnotations } from '../../../shared/annotations.js';
import { expect, rpc, seriousViolations, test, type Workbench } from '../fixtures.js';

const text = '# 郴州经开区\n\n1-11月份项目总投资305.7亿元,同比增长190.6%。\n\n全年引进项目52个,其中外资项目7个。\n';
const editor = (page: Page) => page.getByTestId('article-text').locator('.cm-content');

function sidecar(root: string): ArticleAnnotations {
  const dir = join(root, '.factdesk', 'articles');
  const file = readdirSync(dir).find((f) => f.endsWith('.json'))!;
  return JSON.parse(readFileSync(join(dir, file), 'utf8')) as ArticleAnnotations;
}

/** Who works here, through the profile form (asked for on first run, or from the toolbar). */
async function profile(page: Page, name: string, role: 'editor' | 'fact-checker'): Promise<void> {
  const form = page.locator('form.profile-form');
  if (!(await form.isVisible())) await page.locator('.profile-button').click();
  await form.getByRole('textbox').fill(name);
  await form.getByRole('combobox').selectOption(role);
  await form.locator('button[type=submit]').click();
  await expect(form).toBeHidden();
}

/** Selects `words` in the editor the way a mouse drag does (a DOM selection the editor follows). */
async function selectWords(page: Page, words: string): Promise<void> {
  await editor(page).evaluate((el, w) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = n.textContent!.indexOf(w);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(n, at);
      range.setEnd(n, at + w.length);
      (el as HTMLElement).focus();
      // The editor reads the selection on the browser's selectionchange, which comes a moment later: a key
      // pressed before it would act on the old selection.
      const taken = new Promise<void>((resolve) => {
        document.addEventListener('selectionchange', () => requestAnimationFrame(() => resolve()), { once: true });
        setTimeout(resolve, 300);
      });
      const sel = window.getSelection()!;
      sel.removeAllRanges();
      sel.addRange(range);
      return taken;
    }
    throw new Error(`no ${w} in the editor`);
  }, words);
}

const shot = (name: string) => join('test-results', 'screens', name);

/** A time as the page writes it in English: medium date, short time (a suggestion) or with seconds (a revision). */
async function written(page: Page, at: string, seconds = false): Promise<string> {
  const w = await page.evaluate(({ at, seconds }) => new Date(at).toLocaleString('en', { dateStyle: 'medium', timeStyle: seconds ? 'medium' : 'short' }), { at, seconds });
  expect(w).toMatch(new RegExp(`^[A-Z][a-z]{2} \\d{1,2}, \\d{4}, \\d{1,2}:\\d{2}${seconds ? ':\\d{2}' : ''}\\s[AP]M$`));
  return w;
}

/** Opens History: the timeline's point for the newest revision says when it was made and who made it. Returns its number. */
async function expectNewestRevision(page: Page, bench: Workbench, articleId: string, who: string): Promise<number> {
  const revisions = await rpc<Array<{ n: number; at: string }>>(bench, 'revisions.list', { articleId });
  const newest = revisions.reduce((a, b) => (b.n > a.n ? b : a));
  const said = `Revision ${newest.n}, ${await written(page, newest.at, true)}, Saved by ${who}: `;
  await page.getByRole('tab', { name: /History/ }).click();
  const points = page.getByRole('group', { name: 'Revision timeline' }).getByRole('button');
  await expect(points.last()).toHaveAccessibleName(new RegExp(`^${said.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\d+ characters added, \\d+ removed$`));
  return newest.n;
}


test.describe('review mode and suggestions', () => {
  test.use({ files: { '招商快讯.md': text } });

  test('a checker in review mode types letters and nothing changes; suggests from a false claim and from selected words; an editor accepts one and rejects the other', async ({ page, bench }) => {
    const file = join(bench.root, '招商快讯.md');
    await bench.open(page, { language: 'en' });
    await profile(page, '王芳', 'fact-checker');
    await page.getByRole('option', { name: /招商快讯/ }).click();
    await page.getByRole('button', { name: /Add \d+ detected figures? as claims/ }).click();
    await expect(editor(page).locator('.cm-stored').first()).toBeVisible();

    // A fact-checker's article opens in Reviewing (nobody switched it): the text is locked, letters are commands or nothing.
    await expect(page.getByRole('group', { name: 'Mode' }).getByRole('button', { name: 'Reviewing' })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('status').filter({ hasText: 'the text is locked' })).toBeVisible();
    await editor(page).click();
    await page.keyboard.type('hello world, typed over the figures 0 8 9');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Delete');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+x');
    await page.keyboard.press('Control+z');
    // What an input method commits (Chinese typed with pinyin) does not get in either.
    await page.keyboard.insertText('核查员误输入');
    await expect(editor(page)).toHaveAttribute('aria-readonly', 'true');
    await expect(editor(page)).toHaveAttribute('contenteditable', 'false');
    expect(await editor(page).locator('.cm-line').allInnerTexts()).toEqual(text.split('\n').map((l) => l || '\n'));
    await expect(page.locator('.statusbar')).toContainText('Saved');
    await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();
    expect(readFileSync(file, 'utf8')).toBe(text);

    // ? lists the review keys with the others.
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(help).toContainText('suggest a change to the selected words');
    await expect(help).toContainText('accept / reject the suggestion at the cursor');
    await page.keyboard.press('Escape');
    await expect(help).toHaveCount(0);

    // The selection still follows the keyboard in the locked text.
    await selectWords(page, '全年');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('s');
    const form = page.getByRole('dialog', { name: 'Suggest a change' });
    await expect(form).toContainText('全年引进');
    await page.keyboard.press('Escape');
    await expect(form).toBeHidden();

    // Any words: select them and press S.
    await selectWords(page, '52个');
    await page.keyboard.press('s');
    await expect(form).toContainText('52个');
    await form.getByLabel('Suggested wording').fill('53个');
    await form.getByLabel('Note to the editor (optional)').fill('见年报第3页');
    await form.getByRole('button', { name: 'Suggest', exact: true }).click();
    await expect(form).toBeHidden();
    await expect(editor(page).locator('.cm-suggestion-del')).toHaveText('52个');
    await expect(editor(page).locator('.cm-suggestion-ins')).toHaveText('53个');
    // Who and when, on hover.
    const at = Object.values(sidecar(bench.root).suggestions!).find((g) => g.anchor.quote === '52个')!.at;
    await expect(editor(page).locator('.cm-suggestion-del')).toHaveAttribute('title', `Suggested by 王芳, ${await written(page, at)}: “52个” → “53个”`);

    // From a false claim: its corrected wording.
    await page.getByRole('tab', { name: /Claims/ }).click();
    await page.getByRole('list', { name: 'Claims' }).first().getByRole('button', { name: /^305\.7亿元/ }).click();
    const card = page.locator('.claim-card');
    await card.getByRole('radio', { name: 'False' }).click();
    await card.getByRole('button', { name: 'Record verdict' }).click();
    await expect(page.getByRole('button', { name: /Suggest corrected wording: “305\.7亿元”/ })).toBeVisible();
    await page.screenshot({ path: shot('suggestions-claim-en-light.png') });
    await page.getByRole('button', { name: /Suggest corrected wording: “305\.7亿元”/ }).click();
    await form.getByLabel('Suggested wording').fill('306.1亿元');
    await form.getByLabel('Suggested wording').press('Enter');
    await expect(editor(page).locator('.cm-suggestion-ins')).toHaveText(['306.1亿元', '53个']);
    expect(readFileSync(file, 'utf8')).toBe(text);
    const stored = Object.values(sidecar(bench.root).suggestions ?? {});
    expect(stored.map((g) => [g.anchor.quote, g.replacement, g.by, g.state]).sort()).toEqual([
      ['305.7亿元', '306.1亿元', '王芳', 'open'],
      ['52个', '53个', '王芳', 'open'],
    ]);

    // A fact-checker cannot accept or reject.
    await page.getByRole('tab', { name: /Suggestions/ }).click();
    const list = page.getByRole('list', { name: 'Suggestions of this article' });
    await expect(list.getByRole('listitem')).toHaveCount(2);
    await expect(list.getByRole('button', { name: 'Accept the suggestion “305.7亿元” → “306.1亿元”' })).toBeDisabled();
    // A in the text, on a suggestion: refused for a fact-checker, and said why.
    await selectWords(page, '305.7亿元');
    await page.keyboard.press('a');
    await expect(page.getByRole('alert')).toContainText('Only an editor can accept or reject suggestions.');
    expect(readFileSync(file, 'utf8')).toBe(text);
    await page.getByRole('alert').getByRole('button', { name: '×' }).click();
    await page.screenshot({ path: shot('suggestions-review-en-light.png') });
    expect(await seriousViolations(page)).toEqual([]);

    // Digits stay status keys in the locked text: 3 gives the selected claim Verified.
    await page.getByRole('tab', { name: /Claims/ }).click();
    await page.getByRole('list', { name: 'Claims' }).first().getByRole('button', { name: /^52个/ }).click();
    await editor(page).click();
    await page.keyboard.press('3');
    await expect(page.getByRole('list', { name: 'Claims' }).first().getByRole('button', { name: /^52个/ })).toContainText('Verified');
    // S with no words selected suggests on the selected claim's words.
    await page.keyboard.press('s');
    await expect(form).toContainText('52个');
    await page.keyboard.press('Escape');
    await expect(form).toBeHidden();
    expect(readFileSync(file, 'utf8')).toBe(text);
    await page.getByRole('tab', { name: /Suggestions/ }).click();

    // A reload keeps them (in the text and in the list); from here on in the dark theme.
    await page.evaluate(() => localStorage.setItem('factdesk.theme', 'dark'));
    await page.reload();
    await page.getByRole('listbox').first().waitFor();
    await expect(editor(page).locator('.cm-suggestion-ins')).toHaveText(['306.1亿元', '53个']);
    await expect(list.getByRole('listitem')).toHaveCount(2);
    await page.screenshot({ path: shot('suggestions-review-en-dark.png') });
    expect(await seriousViolations(page)).toEqual([]);

    // The editor accepts one and rejects the other.
    await profile(page, '李编辑', 'editor');
    await page.getByRole('tab', { name: /Suggestions/ }).click();
    await list.getByRole('button', { name: 'Accept the suggestion “305.7亿元” → “306.1亿元”' }).click();
    await expect(editor(page)).toContainText('项目总投资306.1亿元');
    // An editor's article is in Editing; switched to Reviewing, R in the locked text rejects the suggestion at the cursor.
    await expect(page.getByRole('button', { name: 'Editing' })).toHaveAttribute('aria-pressed', 'true');
    await page.getByRole('button', { name: 'Reviewing' }).click();
    await selectWords(page, '52个');
    await page.keyboard.press('r');
    await expect(list.getByRole('listitem')).toHaveCount(0);
    await expect(editor(page).locator('.cm-suggestion-del')).toHaveCount(0);
    expect(readFileSync(file, 'utf8')).toBe(text.replace('305.7亿元', '306.1亿元'));
    await list.locator('xpath=..').getByText(/Resolved/).click();
    await page.screenshot({ path: shot('suggestions-resolved-en-dark.png') });

    const after = sidecar(bench.root);
    const accepted = Object.values(after.suggestions!).find((g) => g.state === 'accepted')!;
    expect(accepted).toMatchObject({ resolvedBy: '李编辑', original: '305.7亿元', anchor: { quote: '306.1亿元' } });
    expect(Object.values(after.suggestions!).find((g) => g.state === 'rejected')).toMatchObject({ resolvedBy: '李编辑', anchor: { quote: '52个' } });
    const claim = Object.values(after.claims).find((c) => c.id === accepted.claimId)!;
    expect(claim.anchor.quote).toBe('306.1亿元');
    const entry = after.audit.find((a) => a.action === 'suggestion.accepted')!;
    expect(entry).toMatchObject({ by: '李编辑', claimId: claim.id, revision: accepted.revision });
    // The accepted change is a revision by the editor, in History, with its time.
    expect(await expectNewestRevision(page, bench, after.articleId, '李编辑')).toBe(accepted.revision);
    // And the claim's activity says so.
    await page.getByRole('tab', { name: /Claims/ }).click();
    await page.getByRole('list', { name: 'Claims' }).first().getByRole('button', { name: /^306\.1亿元/ }).click();
    await expect(card).toContainText('accepted the suggestion “305.7亿元” → “306.1亿元”');
  });

  test('an outside edit moves a suggestion with its words; deleting them shows it detached', async ({ page, bench }) => {
    const file = join(bench.root, '招商快讯.md');
    await bench.open(page, { language: 'zh-CN' });
    await profile(page, '王芳', 'fact-checker');
    await page.getByRole('option', { name: /招商快讯/ }).click();
    await page.getByRole('group', { name: '模式' }).getByRole('button', { name: '审阅' }).click();
    await selectWords(page, '190.6%');
    await page.keyboard.press('S');
    const form = page.getByRole('dialog', { name: '提出修改建议' });
    await form.getByLabel('建议改为').fill('19.6%');
    await form.getByRole('button', { name: '提交建议' }).click();
    await expect(editor(page).locator('.cm-suggestion-del')).toHaveText('190.6%');

    await fs.writeFile(file, '导语:新增一段。\n\n' + text);
    await expect(editor(page)).toContainText('导语:新增一段。');
    await expect(editor(page).locator('.cm-suggestion-del')).toHaveText('190.6%');
    const g = Object.values(sidecar(bench.root).suggestions!)[0]!;
    expect(readFileSync(file, 'utf8').slice(g.anchor.start, g.anchor.end)).toBe('190.6%');
    await page.getByRole('tab', { name: /修改建议/ }).click();
    await page.screenshot({ path: shot('suggestions-review-zh-light.png') });
    await page.evaluate(() => localStorage.setItem('factdesk.theme', 'dark'));
    await page.reload();
    await expect(editor(page).locator('.cm-suggestion-ins')).toHaveText('19.6%');
    await page.getByRole('tab', { name: /修改建议/ }).click();
    await page.screenshot({ path: shot('suggestions-review-zh-dark.png') });
    expect(await seriousViolations(page)).toEqual([]);
    // The form, in the dark theme.
    await selectWords(page, '52个');
    await page.keyboard.press('s');
    await expect(form).toContainText('52个');
    await page.screenshot({ path: shot('suggestions-form-zh-dark.png') });
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(form).toBeHidden();

    await fs.writeFile(file, readFileSync(file, 'utf8').replace(',同比增长190.6%', ''));
    await expect(editor(page).locator('.cm-suggestion-del')).toHaveCount(0);
    await expect(page.locator('.pane-side')).toContainText('1 条脱离原文的建议');
    await expect(page.locator('.pane-side')).toContainText('其对应文字已被删除');
    expect(Object.values(sidecar(bench.root).suggestions!)[0]).toMatchObject({ state: 'open', detached: { reason: 'orphan' } });
    await page.screenshot({ path: shot('suggestions-detached-zh-dark.png') });
  });
  test('an editor accepts all open suggestions at once (one revision, text and file changed) and rejects all of the next ones (text untouched); each time the list empties', async ({ page, bench }) => {
    const file = join(bench.root, '招商快讯.md');
    await bench.open(page, { language: 'en' });
    await profile(page, '王芳', 'fact-checker');
    const articleId = (await rpc<Array<{ id: string }>>(bench, 'articles.list'))[0]!.id;
    /** The checker's suggestions, made through the services the form calls. */
    const suggest = async (changes: Array<[string, string]>) => {
      const doc = await rpc<{ text: string; disk: { hash: string } }>(bench, 'articles.read', { id: articleId });
      for (const [quote, replacement] of changes) {
        const start = doc.text.indexOf(quote);
        await rpc(bench, 'suggestions.add', { articleId, start, end: start + quote.length, quote, replacement, baseHash: doc.disk.hash });
      }
    };
    await suggest([
      ['305.7亿元', '306.1亿元'],
      ['190.6%', '19.6%'],
      ['52个', '53个'],
    ]);
    await profile(page, '李编辑', 'editor');
    await page.getByRole('option', { name: /招商快讯/ }).click();
    await page.getByRole('tab', { name: /Suggestions/ }).click();
    const list = page.getByRole('list', { name: 'Suggestions of this article' });
    await expect(list.getByRole('listitem')).toHaveCount(3);
    await expect(editor(page).locator('.cm-suggestion-ins')).toHaveText(['306.1亿元', '19.6%', '53个']);
    const revisionsBefore = (await rpc<unknown[]>(bench, 'revisions.list', { articleId })).length;

    await page.getByRole('button', { name: 'Accept all' }).click();
    await expect(list.getByRole('listitem')).toHaveCount(0);
    await expect(page.locator('.suggestions-panel')).toContainText('No open suggestions.');
    await expect(editor(page).locator('.cm-suggestion-del, .cm-suggestion-ins')).toHaveCount(0);
    const accepted = text.replace('305.7亿元', '306.1亿元').replace('190.6%', '19.6%').replace('52个', '53个');
    await expect(editor(page)).toContainText('项目总投资306.1亿元,同比增长19.6%');
    await expect(editor(page)).toContainText('全年引进项目53个');
    expect(readFileSync(file, 'utf8')).toBe(accepted);
    // One revision for the three, by the editor; each suggestion points at it.
    expect((await rpc<unknown[]>(bench, 'revisions.list', { articleId })).length).toBe(revisionsBefore + 1);
    const revision = await expectNewestRevision(page, bench, articleId, '李编辑');
    expect(Object.values(sidecar(bench.root).suggestions!).map((g) => [g.anchor.quote, g.state, g.resolvedBy, g.revision])).toEqual(
      expect.arrayContaining([
        ['306.1亿元', 'accepted', '李编辑', revision],
        ['19.6%', 'accepted', '李编辑', revision],
        ['53个', 'accepted', '李编辑', revision],
      ]),
    );

    // Two more, rejected together: the text stays as it is, no revision is recorded.
    await suggest([
      ['53个', '54个'],
      ['7个', '8个'],
    ]);
    await page.getByRole('tab', { name: /Suggestions/ }).click();
    await expect(list.getByRole('listitem')).toHaveCount(2);
    await page.getByRole('button', { name: 'Reject all' }).click();
    await expect(list.getByRole('listitem')).toHaveCount(0);
    await expect(page.locator('.suggestions-panel')).toContainText('No open suggestions.');
    await expect(editor(page).locator('.cm-suggestion-del, .cm-suggestion-ins')).toHaveCount(0);
    await expect(editor(page)).toContainText('全年引进项目53个,其中外资项目7个');
    expect(readFileSync(file, 'utf8')).toBe(accepted);
    expect((await rpc<unknown[]>(bench, 'revisions.list', { articleId })).length).toBe(revisionsBefore + 1);
    const rejected = Object.values(sidecar(bench.root).suggestions!).filter((g) => g.state === 'rejected');
    expect(rejected.map((g) => [g.anchor.quote, g.replacement, g.resolvedBy]).sort()).toEqual([
      ['53个', '54个', '李编辑'],
      ['7个', '8个', '李编辑'],
    ]);
  });
});

test.describe('the mode an article opens in', () => {
  const a = '项目总投资305.7亿元。\n';
  const b = '全年引进项目52个。\n';
  test.use({ files: { 'a.txt': a, 'b.txt': b } });

  test('a fact-checker’s articles open in Reviewing and typed letters change nothing; the switch still unlocks the text; an editor’s open in Editing', async ({ page, bench }) => {
    await bench.open(page, { language: 'en' });
    await profile(page, '王芳', 'fact-checker');
    const mode = page.getByRole('group', { name: 'Mode' });
    await page.getByRole('option', { name: /a\.txt/ }).click();
    await expect(mode.getByRole('button', { name: 'Reviewing' })).toHaveAttribute('aria-pressed', 'true');
    await editor(page).click();
    await page.keyboard.type('typed over 305');
    await page.keyboard.press('Backspace');
    await expect(editor(page)).toHaveText(a.trimEnd());
    await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();
    expect(readFileSync(join(bench.root, 'a.txt'), 'utf8')).toBe(a);

    // Editing, chosen, lets the checker type (and save).
    await mode.getByRole('button', { name: 'Editing' }).click();
    await editor(page).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('OK');
    await page.keyboard.press('Control+s');
    await expect.poll(() => readFileSync(join(bench.root, 'a.txt'), 'utf8')).toBe(a + 'OK');

    // The next article opens locked again.
    await page.getByRole('option', { name: /b\.txt/ }).click();
    await expect(mode.getByRole('button', { name: 'Reviewing' })).toHaveAttribute('aria-pressed', 'true');

    // An editor edits.
    await profile(page, '李编辑', 'editor');
    await expect(mode.getByRole('button', { name: 'Editing' })).toHaveAttribute('aria-pressed', 'true');
    await page.getByRole('option', { name: /a\.txt/ }).click();
    await expect(mode.getByRole('button', { name: 'Editing' })).toHaveAttribute('aria-pressed', 'true');
    await editor(page).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('!');
    await expect(editor(page)).toContainText('OK!');
  });
});
