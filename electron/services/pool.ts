/**
 * Runs `fn` over `items`, at most `size` at a time. Reading hundreds of small
 * sidecars one after another leaves the process waiting on each file's open,
 * checks and read in turn; a few at a time keeps the disk and the thread busy.
 */
export async function eachInPool<T>(items: Iterable<T>, size: number, fn: (item: T) => Promise<void>): Promise<void> {
  const it = items[Symbol.iterator]();
  const worker = async () => {
    for (let next = it.next(); !next.done; next = it.next()) await fn(next.value);
  };
  await Promise.all(Array.from({ length: Math.max(1, size) }, worker));
}
