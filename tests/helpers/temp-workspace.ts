/** Fresh temporary folders for tests: real files, removed afterwards. */
import { mkdtempSync, promises as fs, realpathSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The team folder beside the checkout (read-only fixtures, seed). */
export const teamShared = join(projectRoot, '..', 'shared');

export function tempDir(prefix = 'factdesk-test-'): string {
  return realpathSync(mkdtempSync(join(os.tmpdir(), prefix)));
}

/** A workspace folder holding the given files (relative path → text or bytes). */
export async function makeWorkspace(files: Record<string, string | Uint8Array>): Promise<string> {
  const root = tempDir('factdesk-ws-');
  for (const [rel, content] of Object.entries(files)) {
    const abs = join(root, rel);
    await fs.mkdir(dirname(abs), { recursive: true });
    await fs.writeFile(abs, content);
  }
  return root;
}

export async function removeDir(dir: string): Promise<void> {
  await fs.rm(dir, { recursive: true, force: true });
}

/**
 * A fresh app data folder (FACTDESK_HOME) for the services the test starts; `restore` removes
 * it and puts the variable back as it was.
 */
export function useTempHome(prefix = 'factdesk-home-'): { dir: string; restore(): Promise<void> } {
  const before = process.env.FACTDESK_HOME;
  const dir = tempDir(prefix);
  process.env.FACTDESK_HOME = dir;
  return {
    dir,
    async restore() {
      await removeDir(dir);
      if (before === undefined) delete process.env.FACTDESK_HOME;
      else process.env.FACTDESK_HOME = before;
    },
  };
}
