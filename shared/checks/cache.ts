/**
 * Results that depend on a string alone (a figure's printed form, a clause
 * reduced to its name, a translated step), kept across runs: the checks run
 * again after every edit and meet the same strings. Bounded, so that a long
 * session does not grow it without end.
 */
export function cachedByText<T>(read: (key: string) => T, limit = 20_000): (key: string) => T {
  const cache = new Map<string, T>();
  return (key: string): T => {
    if (cache.has(key)) return cache.get(key) as T;
    if (cache.size > limit) cache.clear();
    const value = read(key);
    cache.set(key, value);
    return value;
  };
}
