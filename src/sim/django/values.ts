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

/** A Python dict with string keys. Insertion order is kept (keys are never integer-like). */
export interface PyDict {
  [key: string]: PyValue;
}

/** Python's `copy.deepcopy` for session values: a later in-place change must not leak. */
export function deepCopy<T extends PyValue>(value: T): T {
  if (Array.isArray(value)) return value.map(deepCopy) as T;
  if (value instanceof PyDateTime) return value;
  if (value !== null && typeof value === 'object') {
    const out: PyDict = {};
    // defineProperty, not assignment: a "__proto__" key must stay a key.
    for (const [k, v] of Object.entries(value)) {
      Object.defineProperty(out, k, { value: deepCopy(v), enumerable: true, writable: true, configurable: true });
    }
    return out as T;
  }
  return value;
}
