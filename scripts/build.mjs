#!/usr/bin/env node
// Builds everything both hosts run: the renderer (Vite) and the Electron
// main process, preload and CLI (esbuild), into dist/.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { buildCli, common, externals } from './build-cli.mjs';

const quiet = process.argv.includes('--quiet');
const t0 = Date.now();
rmSync('dist/electron', { recursive: true, force: true });
mkdirSync('dist/electron', { recursive: true });

await viteBuild({ configFile: 'vite.config.ts', logLevel: quiet ? 'error' : 'warn' });

const external = externals();
await esbuild({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.js', format: 'esm', external });
await buildCli();
// A sandboxed preload must be a single CommonJS file with no imports but electron.
await esbuild({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs', external: ['electron'] });
cpSync('electron/services/sample-workspace', 'dist/electron/sample-workspace', { recursive: true });
if (!quiet) console.log(`build: dist/ ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
