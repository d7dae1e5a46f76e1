/**
 * What a Django session can hold in the simulation: JSON's values, plus a
 * datetime, which the JSON serializer refuses (as in Django) and only the
 * cache engine, which pickles, can store.
 */
export class PyDateTime {
  /** ms since the Unix epoch, UTC (Django runs with USE_TZ = True). */
  constructor(readonly ms: number) {}
}

export type PyValue = null | boolean | number | string | PyValue[] | PyDict | PyDateTime;

/**
 * A Python dict with string keys: a Map, because a dict keeps every key in
 * insertion order and a JavaScript object moves integer-like keys ("2") to the
 * front. A forged session {"b":1,"2":2,"a":3} must re-sign in Django's order.
 */
export type PyDict = Map<string, PyValue>;

/** A dict literal in a view, `{"visits": n}`: the keys in the order written. */
export function pyDict(entries: Record<string, PyValue>): PyDict {
  return new Map(Object.entries(entries));
}

/** Python's `copy.deepcopy` for session values: a later in-place change must not leak. */
export function deepCopy<T extends PyValue>(value: T): T {
  if (Array.isArray(value)) return value.map(deepCopy) as T;
  if (value instanceof Map) {
    const copy: PyDict = new Map();
    for (const [k, v] of value as PyDict) copy.set(k, deepCopy(v));
    return copy as T;
  }
  return value;
}
