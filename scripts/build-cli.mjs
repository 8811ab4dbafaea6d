// The esbuild step that bundles the CLI into dist/electron/cli.mjs: used by
// scripts/build.mjs (the whole build) and by bin/factdesk (a CLI-only
// rebuild when the bundle is older than its sources).
import { readFileSync } from 'node:fs';
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

/** Bundles electron/cli/main.ts into dist/electron/cli.mjs. */
export async function buildCli() {
  const { build } = await import('esbuild');
  await build({ ...common, absWorkingDir: root, entryPoints: ['electron/cli/main.ts'], outfile: 'dist/electron/cli.mjs', format: 'esm', external: externals() });
}
