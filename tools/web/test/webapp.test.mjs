// Browser test of the web app at / (run by tests/e2e/webapp_check.py, which trains a model, starts
// the real server on a free 127.0.0.1 port, passes its URL in MARQUEE_BASE_URL and stops it).
// Playwright drives Debian's /usr/bin/chromium. Screenshots of each view go to MARQUEE_SCREENSHOTS.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const BASE = process.env.MARQUEE_BASE_URL;
const SHOTS = process.env.MARQUEE_SCREENSHOTS || 'target/webapp';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

let browser;
let page;
const problems = [];

async function shot(name) {
  await page.screenshot({ path: join(SHOTS, name + '.png'), fullPage: true });
}

/** Types `text` into the title box and picks the suggestion whose text starts with `title`. */
async function pick(text, title, { keyboard = false } = {}) {
  await page.fill('#search-input', '');
  await page.type('#search-input', text, { delay: 40 });
  const option = page.locator('#suggestions li', { hasText: title }).first();
  await option.waitFor();
  if (keyboard) {
    const options = await page.locator('#suggestions li').allTextContents();
    const index = options.findIndex((o) => o.startsWith(title));
    for (let i = 0; i <= index; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
  } else {
    await option.click();
  }
  await page.waitForSelector('#detail[data-state=ready]');
  assert.match(await page.textContent('#detail-title'), new RegExp('^' + title.replace(/[()]/g, '\\$&')));
}

async function ready(list) {
  await page.waitForSelector(list + '[data-state=ready]');
  return page.locator(list + ' > li');
}

before(async () => {
  assert.ok(BASE, 'MARQUEE_BASE_URL must name the running server');
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: FLAGS });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('console', (m) => { if (m.type() === 'error') problems.push('console: ' + m.text() + ' @ ' + m.location().url); });
  page.on('pageerror', (e) => problems.push('page error: ' + e.message));
  page.on('requestfailed', (r) => problems.push('request failed: ' + r.url()));
  page.on('request', (r) => { if (!r.url().startsWith(BASE)) problems.push('other origin: ' + r.url()); });
  await page.goto(BASE + '/');
  await page.waitForSelector('body[data-ready=true]');
});

after(async () => {
  await browser?.close();
});

test('search with suggestions, likes, recommendations with badges, detail, sign-in and feedback', async (t) => {
  await t.test('typing "toy" suggests Toy Story; picking it opens its detail view', async () => {
    await page.type('#search-input', 'toy', { delay: 40 });
    await page.locator('#suggestions li', { hasText: 'Toy Story (1995)' }).waitFor();
    await shot('1-suggestions');
    await page.locator('#suggestions li', { hasText: 'Toy Story (1995)' }).click();
    await page.waitForSelector('#detail[data-state=ready]');
    assert.equal(await page.textContent('#detail-title'), 'Toy Story (1995)');
  });

  await t.test('like three movies (one picked with the keyboard, one from the result list)', async () => {
    await page.click('#detail-like');
    assert.equal(await page.getAttribute('#detail-like', 'aria-pressed'), 'true');
    await pick('matrx', 'The Matrix (1999)', { keyboard: true });
    await page.click('#detail-like');
    await page.fill('#search-input', 'star wars');
    await page.press('#search-input', 'Enter');
    const first = page.locator('#search-results li').first();
    await first.waitFor();
    assert.match(await first.textContent(), /Star Wars: Episode/);
    await first.locator('button.like').click();
    await page.goto(BASE + '/#/');
    await page.waitForSelector('body[data-ready=true]');
    assert.equal(await page.locator('#likes li').count(), 3, 'likes survive a reload (local storage)');
  });

  await t.test('ten recommendations, each with a "because you liked" badge', async () => {
    const recs = await ready('#recs');
    assert.equal(await recs.count(), 10);
    for (const li of await recs.all()) {
      assert.match(await li.locator('.badge').first().textContent(), /^because you liked /);
    }
    await shot('2-taste');
    await page.locator('#diversity').fill('0.6');
    await page.locator('#diversity').dispatchEvent('change');
    assert.equal(await (await ready('#recs')).count(), 10);
  });

  await t.test("Toy Story's detail view lists Toy Story 2 among similar movies", async () => {
    await page.goto(BASE + '/#/movie/1');
    await page.waitForSelector('#detail[data-state=ready]');
    const similar = await page.locator('#detail-similar li').allTextContents();
    assert.ok(similar.some((s) => s.startsWith('Toy Story 2 (1999)')), similar.join(' | '));
    assert.ok(await page.locator('#detail-also li').count() > 0, 'also-liked list');
    assert.match(await page.textContent('#detail-popularity'), /^Popularity: #\d+/);
    await shot('3-detail');
  });

  await t.test('sign in as user 1, send feedback: the list updates at once', async () => {
    await page.click('#detail-back');
    await page.fill('#user-id', '1');
    await page.click('#signin');
    const recs = await ready('#user-recs');
    assert.equal(await recs.count(), 10);
    assert.match(await recs.first().locator('.badge').first().textContent(), /^because you watched /);
    await shot('4-user');
    const watched = await recs.first().getAttribute('data-movie-id');
    await page.waitForSelector('#user-recs[data-state=ready]');
    await recs.first().locator('button.watched').click();
    await page.locator('#user-status', { hasText: 'Feedback stored' }).waitFor();
    const after = await page.locator('#user-recs > li').evaluateAll((lis) => lis.map((li) => li.dataset.movieId));
    assert.equal(after.length, 10);
    assert.ok(!after.includes(watched), 'the watched movie left the list');
    assert.ok(await page.locator('#user-recs .badge.new').count() >= 1, 'the new entry is marked');
    await shot('5-feedback');
    const loved = await page.locator('#user-recs > li').first().getAttribute('data-movie-id');
    await page.locator('#user-recs > li').first().locator('button.thumb').click();
    await page.locator('#user-status', { hasText: '★ loved' }).waitFor();
    const afterLove = await page.locator('#user-recs > li').evaluateAll((lis) => lis.map((li) => li.dataset.movieId));
    assert.ok(!afterLove.includes(loved), 'the loved movie left the list');
  });

  await t.test('an unknown movie id shows a clear message', async () => {
    await page.goto(BASE + '/#/movie/99999999');
    await page.waitForSelector('#detail[data-state=error]');
    assert.match(await page.textContent('#detail-status'), /No movie with id 99999999/);
  });

  await t.test('no console errors, nothing loaded from other origins', () => {
    // the unknown movie's 404 answer is the one expected failed resource
    const unexpected = problems.filter((p) => !p.endsWith(' @ ' + BASE + '/movies/99999999'));
    assert.deepEqual(unexpected, []);
  });
});
