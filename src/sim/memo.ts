/**
 * A pure function of a string, remembered for at least the last `capacity`
 * distinct arguments. Only results are kept: a call that throws throws again
 * next time. `remember` tells it an answer known by other means (the inverse
 * of a function just computed).
 *
 * Two generations rather than a strict least-recently-used order: a hit costs
 * one lookup (keeping the order cost a delete and a set on every hit, paid
 * hundreds of thousands of times in a long replay). When the recent
 * generation is full it becomes the older one and the one before is dropped;
 * a key found in the older generation moves back to the recent one.
 */
export function memoize<T>(capacity: number, compute: (key: string) => T): ((key: string) => T) & { remember(key: string, value: T): void } {
  let recent = new Map<string, T>();
  let older = new Map<string, T>();
  const remember = (key: string, value: T) => {
    recent.set(key, value);
    if (recent.size >= capacity) {
      older = recent;
      recent = new Map();
    }
  };
  const memoized = (key: string): T => {
    const value = recent.get(key);
    if (value !== undefined || recent.has(key)) return value as T;
    if (older.has(key)) {
      const kept = older.get(key) as T;
      remember(key, kept);
      return kept;
    }
    const computed = compute(key);
    remember(key, computed);
    return computed;
  };
  return Object.assign(memoized, { remember });
}
