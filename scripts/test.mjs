#!/usr/bin/env node
// `npm test`: everything, in the order that fails fastest — lint, types,
// build, unit + contract tests, then end-to-end tests in Chromium (browser
// mode) and in Electron where its binary exists.
//
// The e2e tests need Debian's Chromium and a CJK font. When they are missing
// and we are root with apt-get (a fresh CI-like machine), they are installed;
// otherwise the run stops with one line saying what to install.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function run(label, cmd, args, opts = {}) {
  const t0 = Date.now();
  console.log(`\n▶ ${label}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  const s = ((Date.now() - t0) / 1000).toFixed(1);
  if (r.status !== 0) {
    console.error(`✖ ${label} failed (${s} s)`);
    process.exit(r.status ?? 1);
  }
  console.log(`✔ ${label} (${s} s)`);
}

function hasCjkFont() {
  const r = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim().length > 0;
}

function ensureBrowser() {
  if (existsSync(chromium) && hasCjkFont()) return;
  const missing = [!existsSync(chromium) && 'chromium', !hasCjkFont() && 'fonts-noto-cjk'].filter(Boolean);
  const canApt = process.getuid?.() === 0 && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!canApt) {
    console.error(`npm test needs ${missing.join(' and ')} for the end-to-end tests: sudo apt-get install -y chromium fonts-noto-cjk`);
    process.exit(1);
  }
  console.log(`test: installing ${missing.join(', ')} with apt-get (needed by the end-to-end tests)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const r = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-noto-cjk'], { stdio: 'inherit', env });
  if (r.status !== 0 || !existsSync(chromium) || !hasCjkFont()) {
    console.error('npm test could not install chromium and fonts-noto-cjk: apt-get install -y chromium fonts-noto-cjk');
    process.exit(1);
  }
}

function electronStatus() {
  try {
    const p = require('electron');
    if (!existsSync(p)) return 'binary not installed';
  } catch {
    return 'binary not installed';
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return 'no display';
  return null;
}

// The team tests start their own Redis (redis-server on a loopback port, no persistence) and stop it after.
function ensureRedis() {
  const has = () => spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
  if (has()) return;
  const canApt = process.getuid?.() === 0 && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (canApt) {
    console.log('test: installing redis-server with apt-get (needed by the team tests)');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'redis-server'], { stdio: 'inherit', env });
    if (has()) return;
  }
  console.error('npm test needs redis-server for the team tests (two server instances behind one Redis): sudo apt-get install -y redis-server');
  process.exit(1);
}

ensureBrowser();
ensureRedis();
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
run('lint', npx, ['eslint', '.', '--max-warnings=0']);
run('typecheck', npx, ['tsc', '-b']);
run('build', process.execPath, ['scripts/build.mjs', '--quiet']);
run('unit and contract tests', npx, ['vitest', 'run']);
run('end-to-end tests (Chromium, browser mode)', npx, ['playwright', 'test', '--project=browser']);
const why = electronStatus();
if (why) {
  console.log(`\n⚠ end-to-end tests (Electron): SKIPPED — ${why}. The desktop window was not tested on this machine; browser mode covered the UI.`);
} else {
  run('end-to-end tests (Electron)', npx, ['playwright', 'test', '--project=electron']);
}
console.log('\nAll tests passed. Screenshots: test-results/screens/');
