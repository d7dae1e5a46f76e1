import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Page } from 'playwright';
import { LESSON_COUNT, servedSite, panelsText, ready, visit, type Visit } from './browser';

// What Django sends with its default settings (contract, section 1): SESSION_COOKIE_AGE 1209600,
// HttpOnly, Path=/, SameSite=Lax, in the order http.cookies writes them; a key is 32 characters of a-z0-9.
const KEY = '[a-z0-9]{32}';
const setCookie = (value: string, expires: string) =>
  new RegExp(`^Set-Cookie: sessionid=(${value}); expires=${expires}; HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax$`, 'm');
/** The playground's runs start on 2026-01-01 at midnight UTC; a cookie set then lives two weeks. */
const TWO_WEEKS_LATER = 'Thu, 15 Jan 2026 00:00:00 GMT';
const FOUR_WEEKS_LATER = 'Thu, 29 Jan 2026 00:00:00 GMT';
const MADE_UP_KEY = 'abcdefghijklmnopqrstuvwxyz012345';
const STORAGE_KEY = 'django-session-playground:run';

const site = servedSite();

const region = (page: Page, name: 'Browser' | 'Network' | 'Server') => page.getByRole('region', { name, exact: true });
const jar = (page: Page) => page.getByRole('region', { name: 'Cookies of default' });
/** A jar row's cells after the name: Value, Domain, Path, Expires, Size, HttpOnly, Secure, SameSite. */
const jarRow = (page: Page, name: string) =>
  jar(page).getByRole('row').filter({ has: page.getByRole('rowheader').locator('code').getByText(name, { exact: true }) });
/** The jar row's cells as shown: a wide jar shows each attribute in its own column, not the folded Flags column. */
const cells = (page: Page, name: string) => jarRow(page, name).locator('td:visible').allTextContents();
/** The value in a jar row, whole (a session key's chip shows it shortened, with the whole in its title). */
const jarValue = async (page: Page, name: string) => {
  const cell = jarRow(page, name).locator('td').first();
  return (await cell.locator('[title]').first().getAttribute('title')) ?? '';
};
/** The wire as raw text, one header a line (the "Raw text" toggle on). */
const wire = (page: Page, part: 'Request' | 'Response') => region(page, 'Network').getByRole('group', { name: part }).innerText();
const position = (page: Page) => page.getByRole('navigation', { name: 'Timeline' }).locator('.timeline-position').textContent();
const serverStatus = (page: Page) => region(page, 'Server').getByRole('status').textContent();
const storeHeadings = (page: Page) => region(page, 'Server').locator('.store-part > h3').allTextContents();
/** For each store row holding this session key, the prefix written before the key ('' for the bare key). */
const storedUnder = (page: Page, key: string) =>
  region(page, 'Server').getByRole('row').filter({ has: page.locator(`[title="${key}"]`) })
    .evaluateAll((rows) => rows.map((row) => row.querySelector('.key-prefix')?.textContent ?? ''));
const engine = (page: Page) => region(page, 'Server').getByLabel('SESSION_ENGINE');
const send = (page: Page) => page.getByRole('button', { name: 'Send', exact: true }).click();
const notice = (page: Page) => page.locator('.banner-notice[role="status"]');

async function setEngine(page: Page, name: string, steps: number): Promise<void> {
  await engine(page).selectOption(name);
  await expect.poll(() => serverStatus(page)).toBe(
    `Applied (SESSION_ENGINE is now ${name}) as if always in force: the run was replayed from the start, ${steps} step${steps === 1 ? '' : 's'}, under the new settings.`,
  );
}

/** The page is whole: header, timeline and the three panels, not a blank or half-drawn page. */
async function expectWholePage(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Django Session Playground' }).waitFor();
  await page.getByRole('navigation', { name: 'Timeline' }).waitFor();
  for (const name of ['Browser', 'Network', 'Server'] as const) await region(page, name).waitFor();
}

describe.sequential('a visitor plays in the playground', () => {
  // One visit, its run growing test by test: after a failure the rest would only repeat it.
  let failed: string | null = null;
  beforeEach((context) => {
    if (failed) context.skip(`an earlier step of this visit failed: ${failed}`);
  });
  afterEach((context) => {
    if (context.task.result?.state === 'fail') failed ??= context.task.name;
  });
  let visitor: Visit;
  let page: Page;
  let firstKey = '';
  let secondKey = '';
  let shareUrl = '';
  let beforeReload: Awaited<ReturnType<typeof panelsText>>;

  beforeAll(async () => {
    visitor = await visit(site.browser, `${site.url}#/playground`);
    page = visitor.page;
    await ready(page);
  });
  afterAll(async () => {
    await visitor?.context.close();
  });

  test('the composer sends requests; the cookie goes to the jar and back as Chrome and Django do', async () => {
    await expectWholePage(page);
    expect(await position(page)).toBe('start · 0 steps');
    expect(await region(page, 'Network').textContent()).toContain('No requests yet');

    await send(page); // the composer's first request: GET https://shop.example/visits/
    await expect.poll(() => position(page)).toBe('step 1 of 1');
    await region(page, 'Network').getByRole('button', { name: 'Raw text' }).click();
    expect(await wire(page, 'Request')).toBe('GET /visits/ HTTP/1.1\nHost: shop.example');
    const first = await wire(page, 'Response');
    expect(first).toMatch(/^HTTP\/1\.1 200 OK$/m);
    expect(first).toMatch(/^Vary: Cookie$/m);
    expect(first).toContain('{"visits": 1}');
    firstKey = setCookie(KEY, TWO_WEEKS_LATER).exec(first)![1];

    // The jar as DevTools shows it: host-only, Path=/, two weeks left, size = name + value, HttpOnly, not Secure, Lax.
    expect(await jarValue(page, 'sessionid')).toBe(firstKey);
    const [, domain, path, expires, size, httpOnly, secure, sameSite] = await cells(page, 'sessionid');
    expect({ domain, path, expires, size, httpOnly, secure, sameSite }).toEqual({
      domain: 'shop.example', path: '/', expires: '14d', size: String('sessionid'.length + 32), httpOnly: '✓yes', secure: 'no', sameSite: 'Lax',
    });
    // HttpOnly: the simulated page's script cannot read it.
    expect(await region(page, 'Browser').locator('.document-cookie').textContent()).toBe('document.cookie on https://shop.example/: ""');

    await page.keyboard.press('s'); // the same request again, from the keyboard
    await expect.poll(() => position(page)).toBe('step 2 of 2');
    expect(await wire(page, 'Request')).toBe(`GET /visits/ HTTP/1.1\nHost: shop.example\nCookie: sessionid=${firstKey}`);
    const second = await wire(page, 'Response');
    expect(setCookie(KEY, TWO_WEEKS_LATER).exec(second)?.[1]).toBe(firstKey);
    expect(second).toContain('{"visits": 2}');
    expect(await storeHeadings(page)).toEqual(['django_session table']);
    expect(await region(page, 'Server').locator('.store-total').textContent()).toBe('1 row');
    expect(visitor.errors).toEqual([]);
  });

  test('switching SESSION_ENGINE replays the run and shows where that engine keeps the session', async () => {
    await setEngine(page, 'cache', 2);
    expect(await storeHeadings(page)).toEqual([expect.stringMatching(/^Local-memory cache/)]);
    let key = await jarValue(page, 'sessionid');
    // The cache backend's key: KEY_PREFIX "django.contrib.sessions.cache" + the session key.
    expect(await storedUnder(page, key)).toEqual(['django.contrib.sessions.cache']);
    expect(await wire(page, 'Response')).toContain('{"visits": 2}');

    await setEngine(page, 'cached_db', 2);
    expect(await storeHeadings(page)).toEqual(['django_session table', expect.stringMatching(/^Local-memory cache/)]);
    key = await jarValue(page, 'sessionid');
    // The row in django_session under the bare key, and the cache entry under KEY_PREFIX "django.contrib.sessions.cached_db" + key.
    expect(await storedUnder(page, key)).toEqual(['', 'django.contrib.sessions.cached_db']);

    await setEngine(page, 'file', 2);
    expect(await storeHeadings(page)).toEqual([expect.stringMatching(/^Session files/)]);
    // The file backend names a file after SESSION_COOKIE_NAME + the key.
    key = await jarValue(page, 'sessionid');
    expect(await storedUnder(page, key)).toEqual(['sessionid']);

    await setEngine(page, 'signed_cookies', 2);
    expect(await storeHeadings(page)).toEqual(['No server state']);
    // The whole session rides in the cookie: payload:timestamp:signature (django.core.signing), the payload
    // being the JSON serializer's compact output in URL-safe base64, the signature an HMAC-SHA256 (43 characters).
    const signed = /^Set-Cookie: sessionid=([A-Za-z0-9_-]+):([0-9A-Za-z]+):([A-Za-z0-9_-]{43}); /m.exec(await wire(page, 'Response'));
    expect(signed).not.toBeNull();
    expect(Buffer.from(signed![1], 'base64url').toString()).toBe('{"visits":2}');

    await setEngine(page, 'db', 2);
    expect(await storeHeadings(page)).toEqual(['django_session table']);
    expect(await region(page, 'Server').locator('.server-settings > summary').textContent()).toBe('Settings');
    expect(await jarValue(page, 'sessionid')).toBe(firstKey);
    expect(visitor.errors).toEqual([]);
  });

  test('two weeks later the cookie has expired in the jar and its row is past expire_date', async () => {
    await page.getByRole('button', { name: '+2 weeks' }).click();
    await expect.poll(() => position(page)).toBe('step 3 of 3');
    expect(await page.getByRole('group', { name: 'Virtual clock' }).locator('time').textContent()).toBe('Thu, 15 Jan 2026 00:00:00 UTC');
    const summary = await region(page, 'Network').locator('.selected-step').textContent();
    expect(summary).toContain('The clock moved forward 14d; it is now Thu, 15 Jan 2026 00:00:00 UTC.');
    expect(summary).toContain(`These cookies expired and left their jars:sessionid=${firstKey} (default)`);
    // Chrome drops a cookie once its expiry is reached; the row shows it leaving.
    expect(await jarRow(page, 'sessionid').locator('th').textContent()).toContain('(removed)');
    expect((await cells(page, 'sessionid'))[3]).toBe('expired');
    // Django loads a row only while expire_date > now; the row stays until clearsessions.
    const row = region(page, 'Server').getByRole('row').filter({ has: page.locator(`[title="${firstKey}"]`) });
    expect(await row.textContent()).toMatch(/2026-01-15T00:00:00Zexpired$/);

    await send(page);
    await expect.poll(() => position(page)).toBe('step 4 of 4');
    expect(await wire(page, 'Request')).toBe('GET /visits/ HTTP/1.1\nHost: shop.example'); // no Cookie: it expired
    const fresh = await wire(page, 'Response');
    expect(fresh).toContain('{"visits": 1}');
    secondKey = setCookie(KEY, FOUR_WEEKS_LATER).exec(fresh)![1];
    expect(secondKey).not.toBe(firstKey);
    expect(await region(page, 'Server').locator('.store-total').textContent()).toBe('2 rows');
    expect(visitor.errors).toEqual([]);
  });

  test('a restart drops the session cookies only; an edited cookie is sent as typed and Django does not adopt a made-up key', async () => {
    const browserPanel = region(page, 'Browser');
    await browserPanel.getByText('Write a cookie by hand').click();
    const hand = browserPanel.locator('.hand-cookie');
    await hand.getByLabel('Name').fill('theme');
    await hand.getByLabel('Value').fill('dark');
    await hand.getByRole('button', { name: 'Write cookie' }).click();
    await expect.poll(() => position(page)).toBe('step 5 of 5');
    // A cookie written by hand: host-only, Path=/, no expiry (a session cookie), not HttpOnly, SameSite unset.
    expect(await cells(page, 'theme')).toEqual(['dark', 'shop.example', '/', 'session', String('theme'.length + 'dark'.length), 'no', 'no', 'unset']);
    expect(await browserPanel.locator('.document-cookie').textContent()).toBe('document.cookie on https://shop.example/: "theme=dark"');

    await browserPanel.getByRole('button', { name: 'Restart browser' }).click();
    await expect.poll(() => position(page)).toBe('step 6 of 6');
    const restart = await region(page, 'Network').locator('.selected-step').textContent();
    expect(restart).toContain('The browser of default was restarted.');
    expect(restart).toContain('theme=dark');
    expect(restart).not.toContain('sessionid');
    expect(await jarRow(page, 'theme').locator('th').textContent()).toContain('(removed)');
    expect(await jarValue(page, 'sessionid')).toBe(secondKey);
    expect((await cells(page, 'sessionid'))[3]).toBe('14d');

    await page.getByRole('button', { name: 'Edit sessionid' }).click();
    const edit = page.getByRole('form', { name: 'New value of sessionid' });
    await edit.getByRole('textbox').fill(MADE_UP_KEY);
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => position(page)).toBe('step 7 of 7');
    // Edited by hand: the new value, no expiry any more, HttpOnly and SameSite kept from the cookie it replaced.
    expect(await jarValue(page, 'sessionid')).toBe(MADE_UP_KEY);
    const [, , , expires, , httpOnly, , sameSite] = await cells(page, 'sessionid');
    expect({ expires, httpOnly, sameSite }).toEqual({ expires: 'session', httpOnly: '✓yes', sameSite: 'Lax' });

    await send(page);
    await expect.poll(() => position(page)).toBe('step 8 of 8');
    expect(await wire(page, 'Request')).toBe(`GET /visits/ HTTP/1.1\nHost: shop.example\nCookie: sessionid=${MADE_UP_KEY}`);
    const answer = await wire(page, 'Response');
    expect(answer).toContain('{"visits": 1}');
    const issued = setCookie(KEY, FOUR_WEEKS_LATER).exec(answer)![1];
    expect([MADE_UP_KEY, firstKey, secondKey]).not.toContain(issued);
    expect(visitor.errors).toEqual([]);
  });

  test('a reload finds the same steps, the same selected step and the same settings', async () => {
    await page.keyboard.press('Home');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => position(page)).toBe('step 3 of 8');
    await setEngine(page, 'cached_db', 8);
    expect(await position(page)).toBe('step 3 of 8');
    // The raw-text toggle is a view preference, not part of the run: back to its default before comparing.
    await region(page, 'Network').getByRole('button', { name: 'Raw text' }).click();
    beforeReload = await panelsText(page);
    expect(beforeReload.server).toContain('Settings · 1 changed for this run');

    await page.reload();
    await ready(page);
    await expect.poll(() => position(page)).toBe('step 3 of 8');
    expect(await engine(page).inputValue()).toBe('django.contrib.sessions.backends.cached_db');
    expect(await panelsText(page)).toEqual(beforeReload);
    expect(await notice(page).count()).toBe(0);
    expect(visitor.errors).toEqual([]);
  });

  test('Share gives a link that opens the same run in a fresh browser', async () => {
    await visitor.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(site.url).origin });
    await page.getByRole('button', { name: 'Share' }).click();
    await page.getByText('Link copied').waitFor();
    shareUrl = page.url();
    expect(new URL(shareUrl).hash).toMatch(/^#run=[A-Za-z0-9_-]+$/);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shareUrl);

    const friend = await visit(site.browser, shareUrl); // a new context: empty storage, nothing shared but the URL
    try {
      await ready(friend.page);
      await expect.poll(() => position(friend.page)).toBe('step 3 of 8');
      expect(await engine(friend.page).inputValue()).toBe('django.contrib.sessions.backends.cached_db');
      expect(await panelsText(friend.page)).toEqual(beforeReload);
      expect(await friend.page.evaluate(() => document.cookie)).toBe('');
      expect(await friend.context.cookies()).toEqual([]);
      expect(friend.errors).toEqual([]);
    } finally {
      await friend.context.close();
    }
  });

  test("after the whole run the page's own cookies are still empty: simulated cookies never become real ones", async () => {
    expect(await page.evaluate(() => document.cookie)).toBe('');
    expect(await visitor.context.cookies()).toEqual([]);
    expect(visitor.errors).toEqual([]);
  });
});

test('a damaged share link shows a clear notice, and the playground still works', async () => {
  // A real share link first, from a run of one request.
  const author = await visit(site.browser, `${site.url}#/playground`);
  await ready(author.page);
  await send(author.page);
  await expect.poll(() => position(author.page)).toBe('step 1 of 1');
  await author.page.getByRole('button', { name: 'Share' }).click();
  await author.page.getByText(/^Link (copied|in the address bar)$/).waitFor();
  const link = author.page.url();
  expect(link).toContain('#run=');
  await author.context.close();

  // The same link cut short, as a chat client or a careless copy might.
  const { context, page, errors } = await visit(site.browser, link.slice(0, link.length - 12));
  await ready(page);
  await notice(page).waitFor();
  expect(await notice(page).locator('span').textContent()).toMatch(/^The shared link could not be opened: .+\. /);
  await expectWholePage(page);
  expect(await position(page)).toBe('start · 0 steps');
  await send(page);
  await expect.poll(() => position(page)).toBe('step 1 of 1');
  expect(await region(page, 'Network').locator('.selected-step').textContent()).toContain('{"visits": 1}');
  await notice(page).getByRole('button', { name: 'Dismiss' }).click();
  expect(await notice(page).count()).toBe(0);
  expect(errors).toEqual([]);
  await context.close();
});

test('a corrupt saved run is set aside with a visible notice, never a blank page; so is corrupt lesson progress', async () => {
  const { context, page, errors } = await visit(site.browser, `${site.url}#/playground`);
  await ready(page);
  const corrupt: [string, string][] = [
    ['{"version":1,"run":{"seed":1,"steps":[{"request"', 'it is not valid JSON'],
    [JSON.stringify({ version: 7, run: { seed: 1 }, cursor: 0 }), 'it was saved by a newer version of the playground (format 7; this one reads format 1)'],
    [JSON.stringify({ version: 1, run: { name: 'x', start: '2026-01-01T00:00:00Z', settings: {}, steps: [{ fly: true }], seed: 1 }, cursor: 1 }), ''],
  ];
  for (const [text, reason] of corrupt) {
    await page.evaluate(([key, value]) => localStorage.setItem(key, value), [STORAGE_KEY, text]);
    await page.reload();
    await ready(page);
    await notice(page).waitFor();
    const message = (await notice(page).locator('span').textContent()) ?? '';
    const found = /^Your saved run could not be restored \((.+)\)\. It was kept in localStorage as "([^"]+)"; a new run was started\.$/.exec(message);
    expect(found, message).not.toBeNull();
    if (reason) expect(found![1]).toBe(reason);
    // Set aside, never lost: the text is kept, word for word, under the key the notice names.
    expect(await page.evaluate((key) => localStorage.getItem(key), found![2])).toBe(text);
    expect(await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY)).not.toBe(text);
    await expectWholePage(page);
    expect(await position(page)).toBe('start · 0 steps');
    await send(page);
    await expect.poll(() => position(page)).toBe('step 1 of 1');
  }

  const progress = '{"version":1,"lessons":{"visit-counter":{"step":"lots"';
  await page.evaluate((text) => localStorage.setItem('django-session-playground:progress', text), progress);
  await page.goto(`${site.url}#/`);
  await page.reload();
  await expect.poll(() => page.locator('.lesson-cards > li').count()).toBe(LESSON_COUNT);
  expect(new Set(await page.locator('.lesson-status').allTextContents())).toEqual(new Set(['Progress: not started']));
  const message = (await notice(page).locator('span').textContent()) ?? '';
  const found = /^Your lesson progress could not be read \(it is not valid JSON\); lessons start afresh\. The stored progress was kept in localStorage as "([^"]+)"\.$/.exec(message);
  expect(found, message).not.toBeNull();
  expect(await page.evaluate((key) => localStorage.getItem(key), found![1])).toBe(progress);
  expect(errors).toEqual([]);
  await context.close();
});
