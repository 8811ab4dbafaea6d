/**
 * lowdb over durable, stable JSON files: the one store FactDesk keeps its
 * annotations and workspace index in.
 *
 * - Writes go through `writeFileDurable` (fsync + rename + directory fsync;
 *   lowdb's own steno writer does not fsync), serialized per file, with
 *   overlapping writes coalesced to the newest data.
 * - JSON is pretty printed with sorted keys so a workspace kept in git diffs
 *   and merges sanely.
 * - A file that does not parse is moved aside to `<name>.corrupt-<time>` and
 *   the last good copy (`<name>.bak`) is restored; the caller is told through
 *   `onRecovered` so the user hears what happened. Nothing is overwritten silently.
 */
import { promises as fs } from 'node:fs';
import { basename } from 'node:path';
import { Low, type Adapter } from 'lowdb';
import { writeFileDurable } from './durable-file.js';

/** JSON.stringify with object keys sorted at every level, two-space indented, final newline. */
export function stableStringify(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const sorted: Record<string, unknown> = {};
      for (const k of Object.keys(v as Record<string, unknown>).sort()) sorted[k] = (v as Record<string, unknown>)[k];
      return sorted;
    }
    return v;
  }, 2) + '\n';
}

export interface Recovery {
  file: string;
  movedTo: string;
  /** Whether a good backup was restored (false: started empty). */
  restored: boolean;
}

export interface DurableJsonOptions<T> {
  /** Checks parsed data; return false (or throw) to treat the file as corrupt. */
  validate?: (data: unknown) => data is T;
  onRecovered?: (r: Recovery) => void;
}

export class DurableJsonFile<T> implements Adapter<T> {
  private pending: { data: T; waiters: Array<{ resolve: () => void; reject: (e: unknown) => void }> } | null = null;
  private writing: Promise<void> | null = null;

  constructor(
    readonly path: string,
    private readonly opts: DurableJsonOptions<T> = {},
  ) {}

  private parse(text: string): T {
    const data: unknown = JSON.parse(text);
    if (this.opts.validate && !this.opts.validate(data)) throw new Error('unexpected shape');
    return data as T;
  }

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await fs.readFile(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      // A crash between keeping the backup and the final rename leaves only the .bak.
      return this.readBackup();
    }
    try {
      return this.parse(text);
    } catch {
      const movedTo = `${this.path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      await fs.rename(this.path, movedTo);
      const restored = await this.readBackup();
      if (restored !== null) await writeFileDurable(this.path, stableStringify(restored));
      this.opts.onRecovered?.({ file: basename(this.path), movedTo: basename(movedTo), restored: restored !== null });
      return restored;
    }
  }

  private async readBackup(): Promise<T | null> {
    try {
      return this.parse(await fs.readFile(`${this.path}.bak`, 'utf8'));
    } catch {
      return null;
    }
  }

  write(data: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (this.pending) {
        this.pending.data = data;
        this.pending.waiters.push({ resolve, reject });
      } else {
        this.pending = { data, waiters: [{ resolve, reject }] };
      }
      if (!this.writing) this.writing = this.drain();
    });
  }

  private async drain(): Promise<void> {
    while (this.pending) {
      const { data, waiters } = this.pending;
      this.pending = null;
      try {
        await writeFileDurable(this.path, stableStringify(data), { keepBackup: true });
        waiters.forEach((w) => w.resolve());
      } catch (e) {
        waiters.forEach((w) => w.reject(e));
      }
    }
    this.writing = null;
  }
}

/** Opens (reading once) a lowdb database over a durable JSON file. */
export async function openJsonStore<T>(path: string, defaults: T, opts: DurableJsonOptions<T> = {}): Promise<Low<T>> {
  const db = new Low<T>(new DurableJsonFile<T>(path, opts), defaults);
  await db.read();
  return db;
}
