/**
 * A pure function of a string, remembered for the last `capacity` distinct
 * arguments (least recently used forgotten first). Only results are kept: a
 * call that throws throws again next time.
 */
export function memoize<T>(capacity: number, compute: (key: string) => T): (key: string) => T {
  const remembered = new Map<string, T>();
  return (key) => {
    if (remembered.has(key)) {
      const value = remembered.get(key) as T;
      // Map keeps insertion order: re-inserting marks the key as the most recently used.
      remembered.delete(key);
      remembered.set(key, value);
      return value;
    }
    const value = compute(key);
    remembered.set(key, value);
    if (remembered.size > capacity) remembered.delete(remembered.keys().next().value as string);
    return value;
  };
}
