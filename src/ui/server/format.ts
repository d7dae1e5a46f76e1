import { PyDateTime, type PyValue } from '../../sim/django/values';
import { formatIsoUtc } from '../../sim/clock';

/**
 * A session value on one line, as JSON with Python's default separators
 * (`{"visits": 1}`), keeping non-ASCII text readable. A datetime, which only
 * the cache engine can hold (it pickles), is written as one, not as a string.
 */
export function formatPyValue(value: PyValue): string {
  if (value instanceof PyDateTime) return `datetime(${formatIsoUtc(value.ms)})`;
  if (Array.isArray(value)) return `[${value.map(formatPyValue).join(', ')}]`;
  if (value instanceof Map) {
    return `{${[...value].map(([k, v]) => `${JSON.stringify(k)}: ${formatPyValue(v)}`).join(', ')}}`;
  }
  return JSON.stringify(value);
}

/** A setting's value as it is written in settings.py. */
export function pyLiteral(value: unknown): string {
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return `'${value}'`;
  return String(value);
}
