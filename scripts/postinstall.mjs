#!/usr/bin/env node
// Fetches Electron's binary where the network allows it, and never fails the
// install when it does not: browser mode needs no binary.
//
// Electron's own postinstall is blocked in package.json (`allowScripts`), so
// a failed download cannot abort `npm ci`; we run the same installer here,
// quietly, and report the outcome in one line.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
let electronDir;
try {
  electronDir = dirname(require.resolve('electron/package.json'));
} catch {
  process.exit(0); // production install without devDependencies
}

function binaryPresent() {
  try {
    const rel = readFileSync(join(electronDir, 'path.txt'), 'utf8');
    return existsSync(join(electronDir, 'dist', rel));
  } catch {
    return false;
  }
}

if (!binaryPresent() && !process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  const r = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    encoding: 'utf8',
    timeout: 10 * 60_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.status !== 0 || !binaryPresent()) {
    const why = (r.stderr || r.stdout || String(r.error ?? '')).split('\n').find((l) => /error/i.test(l))?.trim() ?? 'download failed';
    console.log(`FactDesk: Electron's binary could not be installed (${why}); the desktop window is unavailable here, browser mode works: npm start`);
    process.exit(0);
  }
}
if (binaryPresent()) console.log('FactDesk: Electron binary installed; npm start opens the desktop window.');
else console.log('FactDesk: Electron binary download skipped (ELECTRON_SKIP_BINARY_DOWNLOAD); browser mode works: npm start');
