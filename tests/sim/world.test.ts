import { expect, test } from 'vitest';
import { handlerTransport } from '../../src/msw/transport';
import { parseIsoUtc } from '../../src/sim/clock';
import { runStep } from '../../src/sim/scenario/run';
import type { Step } from '../../src/sim/scenario/schema';
import { directTransport, StoreNotKept, World } from '../../src/sim/world';

const world = () => new World({ start: parseIsoUtc('2026-01-01T00:00:00Z') });

test('a request with a URL that is not absolute is refused before any profile exists', async () => {
  const w = world();
  const record = await runStep(w, { request: { method: 'GET', url: '/visits/', browser: 'laptop' } }, directTransport);
  expect(record.error).toMatch(/not an absolute URL/);
  expect(w.browser.names()).toEqual([]);
  expect(record.entry.request).toBeNull();
});

test('a step of no known kind is refused, not run as something else', async () => {
  const w = world();
  const record = await runStep(w, {} as Step, directTransport);
  expect(record.error).toMatch(/unknown step/);
  expect(record.effects).toEqual({});
});

test('a hand-typed cookie with a lone surrogate is stored as U+FFFD and still travels through MSW', async () => {
  const w = world();
  await runStep(w, { set_cookie_by_hand: { browser: 'default', name: 'note', value: 'a\uD800b' } }, directTransport);
  expect(w.browser.profile('default').list(w.now).map((c) => c.value)).toEqual(['a\uFFFDb']);
  const record = await runStep(w, { request: { method: 'GET', url: 'https://shop.example/' } }, handlerTransport);
  expect(record.error).toBeNull();
  expect(record.entry.request?.cookie).toBe('note=a\uFFFDb');
  expect(record.entry.response?.status).toBe(200);
});

test("an entry's store is the store of its step, laid out when read, though the world has moved on", async () => {
  const w = world();
  const visit: Step = { request: { method: 'GET', url: 'https://shop.example/visits/', kind: 'fetch', credentials: 'omit' } };
  const first = await runStep(w, visit, directTransport);
  await runStep(w, visit, directTransport);
  expect(first.entry.store.db).toHaveLength(1);
  expect(w.storeSnapshot().db).toHaveLength(2);
});

test('beyond the rows it may keep, an entry says its store was not kept instead of showing a later one', async () => {
  const w = world();
  const visit: Step = { request: { method: 'GET', url: 'https://shop.example/visits/', kind: 'fetch', credentials: 'omit' } };
  await runStep(w, visit, directTransport);
  await runStep(w, visit, directTransport);
  const effects = await w.step(visit, directTransport);
  const bounded = w.entryLater(visit, effects, null, 2).entry();
  expect(() => bounded.store).toThrow(StoreNotKept);
  expect(() => bounded.store).toThrow("this step's server held 3 stored sessions: the playground keeps every step's whole store only for runs of up to 2");
  expect(bounded.jars).toEqual({ default: [] });
  expect(w.entryLater(visit, effects, null, 3).entry().store.db).toHaveLength(3);
});
