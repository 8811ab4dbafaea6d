#!/usr/bin/env node
// Builds everything both hosts run: the renderer (Vite) and the Electron
// main process, preload and CLI (esbuild), into dist/.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const quiet = process.argv.includes('--quiet');
const t0 = Date.now();
rmSync('dist/electron', { recursive: true, force: true });
mkdirSync('dist/electron', { recursive: true });

await viteBuild({ configFile: 'vite.config.ts', logLevel: quiet ? 'error' : 'warn' });

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning', legalComments: 'none' };
// Runtime dependencies stay outside the bundle (electron-builder ships them
// from node_modules); everything else, dev-only packages included, is bundled.
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const external = ['electron', ...Object.keys(pkg.dependencies ?? {})];
await esbuild({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.js', format: 'esm', external });
await esbuild({
  ...common,
  entryPoints: ['electron/cli/main.ts'],
  outfile: 'dist/electron/cli.mjs',
  format: 'esm',
  external,
});
// A sandboxed preload must be a single CommonJS file with no imports but electron.
await esbuild({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs', external: ['electron'] });
cpSync('electron/services/sample-workspace', 'dist/electron/sample-workspace', { recursive: true });
if (!quiet) console.log(`build: dist/ ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
