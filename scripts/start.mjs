#!/usr/bin/env node
// `npm start` (after the build): the desktop app where Electron's binary is
// installed and a display exists; otherwise browser mode on the same
// workspace, printing the URL and opening the system browser if there is one.
// Extra arguments pass through: `npm start -- ~/articles`.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

function electronBinary() {
  try {
    const p = require('electron');
    return existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
const headless = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
let child;
if (binary && !headless) {
  const sandboxArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  child = spawn(binary, [...sandboxArgs, 'dist/electron/main.js', ...args], { stdio: 'inherit' });
} else {
  console.log(
    binary
      ? 'FactDesk: no display found, starting browser mode instead of the desktop window.'
      : "FactDesk: Electron's binary is not installed here, starting browser mode (the same app in your browser).",
  );
  child = spawn(process.execPath, ['dist/electron/cli.mjs', 'serve', ...args, '--open'], { stdio: 'inherit' });
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
