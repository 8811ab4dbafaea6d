// The esbuild step that bundles the CLI into dist/electron/cli.mjs: used by
// scripts/build.mjs (the whole build) and by bin/factdesk (a CLI-only
// rebuild when the bundle is older than its sources).
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Options every esbuild step of the build shares. */
export const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning', legalComments: 'none' };

/**
 * Runtime dependencies stay outside the bundle (electron-builder ships them
 * from node_modules); everything else, dev-only packages included, is bundled.
 */
export function externals() {
  const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
  return ['electron', ...Object.keys(pkg.dependencies ?? {})];
}

/**
 * Bundles electron/cli/main.ts into dist/electron/cli.mjs, each command in a
 * chunk of its own beside it (dist/electron/cli-*.mjs; main.ts imports them
 * on demand), so a command parses only its own code and libraries. The chunks
 * sit in the same folder as the bundle so that paths modules find from their
 * own location (the renderer, the sample workspace) stay what they were.
 * Chunks of an earlier build that this one no longer writes are removed.
 */
export async function buildCli() {
  const { build } = await import('esbuild');
  const outdir = join(root, 'dist/electron');
  const result = await build({
    ...common,
    absWorkingDir: root,
    entryPoints: { cli: 'electron/cli/main.ts' },
    outdir: 'dist/electron',
    outExtension: { '.js': '.mjs' },
    chunkNames: 'cli-[name]-[hash]',
    splitting: true,
    format: 'esm',
    external: externals(),
    metafile: true,
  });
  const written = new Set(Object.keys(result.metafile.outputs).map((o) => o.slice(o.lastIndexOf('/') + 1)));
  for (const name of readdirSync(outdir)) {
    if (/^cli-.+\.mjs(?:\.map)?$/.test(name) && !written.has(name) && !written.has(name.replace(/\.map$/, ''))) rmSync(join(outdir, name), { force: true });
  }
}
