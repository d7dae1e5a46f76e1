import { expect, test } from 'vitest';
import { fromFetchRequest, toFetchRequest } from '../../src/msw/wire';

test('a form travels through MSW as sent: every field in order, one named __proto__ too', async () => {
  // As a scenario's JSON gives it: "__proto__" an own key, not the object's prototype.
  const form = JSON.parse('{"item": "kettle", "__proto__": "x", "note": "a&b=c"}') as Record<string, string>;
  const sent = toFetchRequest({ method: 'POST', url: 'https://shop.example/cart/add/', cookie: null, form }, 'site-1');
  expect(await sent.clone().text()).toBe('item=kettle&__proto__=x&note=a%26b%3Dc');

  const { siteId, request } = await fromFetchRequest(sent);
  expect(siteId).toBe('site-1');
  expect(Object.getPrototypeOf(request.form)).toBe(Object.prototype);
  expect(Object.entries(request.form)).toEqual([['item', 'kettle'], ['__proto__', 'x'], ['note', 'a&b=c']]);
});
