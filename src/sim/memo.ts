/**
 * A pure function of a string, remembered for the last `capacity` distinct
 * arguments (least recently used forgotten first). Only results are kept: a
 * call that throws throws again next time. `remember` tells it an answer
 * known by other means (the inverse of a function just computed).
 */
export function memoize<T>(capacity: number, compute: (key: string) => T): ((key: string) => T) & { remember(key: string, value: T): void } {
  const remembered = new Map<string, T>();
  const remember = (key: string, value: T) => {
    remembered.delete(key);
    remembered.set(key, value);
    if (remembered.size > capacity) remembered.delete(remembered.keys().next().value as string);
  };
  const memoized = (key: string): T => {
    if (remembered.has(key)) {
      const value = remembered.get(key) as T;
      // Map keeps insertion order: re-inserting marks the key as the most recently used.
      remember(key, value);
      return value;
    }
    const value = compute(key);
    remember(key, value);
    return value;
  };
  return Object.assign(memoized, { remember });
}
