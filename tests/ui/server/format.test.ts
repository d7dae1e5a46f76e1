import { expect, test } from 'vitest';
import { pyJsonLoads } from '../../../src/sim/django/pyjson';
import { PyDateTime } from '../../../src/sim/django/values';
import { formatPyValue } from '../../../src/ui/server/format';

test('a decoded session is shown with its keys in the order Django holds them, integer-like keys included', () => {
  // What json.loads gives for a forged payload; Python prints {'b': 1, '2': 2, 'a': [True, None]}.
  expect(formatPyValue(pyJsonLoads('{"b":1,"2":2,"a":[true,null]}'))).toBe('{"b": 1, "2": 2, "a": [true, null]}');
});

test('a pickled datetime in the cache is shown as a datetime, not as text', () => {
  expect(formatPyValue(new Map([['last_seen', new PyDateTime(Date.UTC(2026, 0, 1))]]))).toBe('{"last_seen": datetime(2026-01-01T00:00:00Z)}');
});
