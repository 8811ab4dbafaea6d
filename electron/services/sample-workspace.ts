/**
 * The workspace a newcomer sees first: created on first run in the user's
 * data folder with a few sample articles (written for FactDesk in the style
 * of the Chinese economic news it is built for, plus one English piece).
 */
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultWorkspaceDir } from './app-paths.js';

/** Where the sample articles ship: beside this module in the source tree and in the build. */
export function sampleArticlesDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'sample-workspace'), join(here, '..', 'sample-workspace')];
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error(`sample articles not found beside ${here}`);
  return found;
}

/** Returns the default workspace folder, creating it with the sample articles the first time. */
export async function ensureSampleWorkspace(dir = defaultWorkspaceDir()): Promise<string> {
  if (existsSync(dir)) return dir;
  const src = sampleArticlesDir();
  const tmp = `${dir}.creating-${process.pid}`;
  await fs.rm(tmp, { recursive: true, force: true });
  await fs.mkdir(tmp, { recursive: true });
  for (const name of await fs.readdir(src)) {
    await fs.copyFile(join(src, name), join(tmp, name));
  }
  // Rename last so a half-copied sample workspace is never mistaken for a finished one.
  await fs.rename(tmp, dir).catch(async (e: NodeJS.ErrnoException) => {
    await fs.rm(tmp, { recursive: true, force: true });
    if (e.code !== 'ENOTEMPTY' && e.code !== 'EEXIST') throw e;
  });
  return dir;
}

/** The app's version, from the package.json above this module. */
export function appVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const p = join(dir, 'package.json');
    if (existsSync(p)) {
      try {
        const pkg = JSON.parse(readFileSync(p, 'utf8')) as { name?: string; version?: string };
        if (pkg.name === 'factdesk' && pkg.version) return pkg.version;
      } catch {
        /* keep looking */
      }
    }
    dir = dirname(dir);
  }
  return '0.0.0';
}

