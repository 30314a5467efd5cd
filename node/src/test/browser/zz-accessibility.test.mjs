// axe-core on every page a visitor, a member, an organiser and an admin open, at 1280 and 390 px.
// Runs last (the name), when the other files have left events, members and campaigns to show.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccessible, onPage, signInAsAdmin } from './lib.mjs';

const PUBLIC = ['/', '/join', '/signin', '/password-reset', '/no-such-page'];
const SIGNED_IN = ['/me', '/me?welcome=setup', '/me/feed', '/organise', '/organise/import', '/organise/members/new',
  '/events/new', '/announcements/new',
  '/campaigns', '/campaigns/new', '/admin', '/admin/following',
  '/organise/mailings', '/organise/mailings/new', '/organise/broadcasts', '/organise/broadcasts/new',
  '/consultations', '/consultations/new', '/organise/consultations'];

test('every public page passes axe at desktop and phone widths', () => onPage('axe-public', async (page) => {
  for (const path of PUBLIC) {
    await page.goto(path);
    await assertAccessible(page, path);
  }
}));

test('every page an admin opens passes axe at desktop and phone widths', () => onPage('axe-admin', async (page) => {
  await signInAsAdmin(page);
  for (const path of SIGNED_IN) {
    await page.goto(path);
    await assertAccessible(page, path);
  }
  // The pages of the things the other tests made: each member, event and campaign linked from the lists.
  const visited = [];
  for (const list of ['/organise/members', '/', '/campaigns', '/organise/mailings', '/organise/broadcasts', '/consultations']) {
    await page.goto(list);
    const links = await page.locator('main a[href^="/members/"], main a[href^="/organise/members/"], main a[href^="/events/"], main a[href^="/campaigns/"], main a[href^="/organise/mailings/"], main a[href^="/organise/broadcasts/"], main a[href^="/consultations/"]')
      .evaluateAll((as) => [...new Set(as.map((a) => a.getAttribute('href')))]
        .filter((h) => !h.includes('.csv') && !h.endsWith('.txt') && !h.endsWith('/new')).slice(0, 8));
    for (const href of links) {
      await page.goto(href);
      await assertAccessible(page, href);
      // The forms and confirmation steps each record links to.
      const steps = await page.locator('main a[href$="/edit"], main a[href$="/erase"], main a[href$="/cancel"], main a[href$="/delete"], main a[href$="/close"]')
        .evaluateAll((as) => [...new Set(as.map((a) => a.getAttribute('href')))]);
      for (const step of steps) {
        await page.goto(step);
        await assertAccessible(page, step);
        visited.push(step);
      }
    }
  }
  for (const kind of ['/edit', '/erase', '/cancel', '/delete']) {
    assert.ok(visited.some((v) => v.endsWith(kind)), `a ${kind} step was checked: ${visited}`);
  }
}));
