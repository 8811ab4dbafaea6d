/**
 * PDF of the fact-check report from the CLI and browser mode: the sanitized
 * report HTML printed by headless Chromium through playwright-core (the
 * desktop app can use Electron's own `webContents.printToPDF`). Chromium is
 * found the way the tests find it: `CHROMIUM_PATH`, else the usual places.
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { FactDeskError } from '../../../shared/errors.js';

/** Where Chromium (or Chrome) is looked for, after `CHROMIUM_PATH`. */
export const chromiumCandidates: readonly string[] = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
];

/** The Chromium executable to print with, or null when there is none. */
export function findChromium(env: Record<string, string | undefined> = process.env, candidates: readonly string[] = chromiumCandidates): string | null {
  const fromEnv = env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return candidates.find((p) => existsSync(p)) ?? null;
}

export interface PdfOptions {
  /** Chromium to use; default `findChromium()`. */
  executablePath?: string;
  /** For the "not found" message: what was looked at. */
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
}

/** Launch options that work for Debian's Chromium in a container (see ../shared/TOOLCHAIN.md). */
export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/**
 * Prints an HTML document (already sanitized) to PDF, A4 with the page size
 * and margins its CSS asks for. JavaScript is off and every network request
 * is refused: the report is self-contained. Throws `chromium-not-found`
 * (translated, naming what to install) when no Chromium exists.
 */
export async function htmlToPdf(html: string, options: PdfOptions = {}): Promise<Buffer> {
  const env = options.env ?? process.env;
  const executablePath = options.executablePath ?? findChromium(env);
  if (!executablePath || !existsSync(executablePath)) {
    const looked = env.CHROMIUM_PATH ? `CHROMIUM_PATH=${env.CHROMIUM_PATH}` : chromiumCandidates.filter((p) => p.startsWith('/usr') || p.startsWith('/snap')).join(', ');
    throw new FactDeskError('chromium-not-found', `No Chromium to print the PDF with (looked at ${looked})`, { looked: options.executablePath ?? looked });
  }
  const browser = await chromium.launch({ executablePath, args: chromiumArgs, timeout: options.timeoutMs ?? 30_000 });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    await context.route('**/*', (route) => route.abort());
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load', timeout: options.timeoutMs ?? 30_000 });
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await browser.close();
  }
}
