/**
 * The desktop app end to end, through Playwright's Electron driver. Runs only
 * where Electron's binary is installed (it cannot be downloaded on machines
 * without GitHub access) and a display exists; otherwise each test reports
 * itself skipped with the reason.
 */
import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, mkdtempSync, promises as fs, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const require = createRequire(import.meta.url);

function electronBinary(): string | null {
  try {
    const p = require('electron') as unknown as string;
    return existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;

test.skip(!binary, 'SKIPPED: Electron binary not installed (its download failed at npm install); browser-mode e2e covers the UI.');
test.skip(!!binary && noDisplay, 'SKIPPED: Electron binary present but no display (run under xvfb-run to include these tests).');

test('desktop window opens a workspace and shows Chinese text through the IPC bridge', async () => {
  const root = realpathSync(mkdtempSync(join(os.tmpdir(), 'factdesk-electron-')));
  const home = realpathSync(mkdtempSync(join(os.tmpdir(), 'factdesk-electron-home-')));
  await fs.writeFile(join(root, 'seed.txt'), readFileSync(join(projectRoot, '..', 'shared', 'fixtures', 'claims', 'seed-chenzhou.txt')));
  const app = await electron.launch({
    executablePath: binary!,
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), join(projectRoot, 'dist', 'electron', 'main.js'), root],
    env: { ...process.env, FACTDESK_HOME: home },
  });
  try {
    const page = await app.firstWindow();
    await page.getByRole('listbox').first().waitFor();
    await page.getByRole('option', { name: /郴州经开区/ }).click();
    await expect(page.getByTestId('article-text')).toContainText('305.7亿元');
    // The page gets the bridge, never Node or the raw ipcRenderer.
    expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => Object.keys((window as unknown as { factdesk: object }).factdesk).includes('articles.list'))).toBe(true);
    expect(await page.evaluate(() => 'ipcRenderer' in (window as unknown as { factdesk: object }).factdesk)).toBe(false);
    await page.screenshot({ path: join('test-results', 'screens', 'electron-zh-CN.png') });
  } finally {
    await app.close();
    await fs.rm(root, { recursive: true, force: true });
    await fs.rm(home, { recursive: true, force: true });
  }
});
