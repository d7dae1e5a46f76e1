import { PyDateTime, type PyDict, type PyValue } from '../../src/sim/django/values';

export type Literal = null | boolean | number | string | PyDateTime | Literal[] | { [key: string]: Literal };

/**
 * A Python value written as a JavaScript literal, for tests: every plain
 * object becomes a dict (a Map) with its keys in the order written. A literal
 * cannot hold integer-like keys in order; build such a dict with `new Map`.
 */
export function py(value: Literal): PyValue {
  if (Array.isArray(value)) return value.map(py);
  if (value === null || typeof value !== 'object' || value instanceof PyDateTime) return value;
  return new Map(Object.entries(value).map(([key, item]) => [key, py(item)]));
}

/** `py` for a value that is a dict. */
export function pyDictOf(value: { [key: string]: Literal }): PyDict {
  return py(value) as PyDict;
}
