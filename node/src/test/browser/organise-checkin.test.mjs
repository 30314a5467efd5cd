// Check-in at the door, on a phone: an organiser finds people on the list by a plain GET search,
// ticks them in (and one out again), adds a walk-in who gives consent, and the member who was
// ticked in sees the event on their dashboard. Runs after members.test.mjs (Jo is an organiser).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { PASSWORD, assertAccessible, env, newPage, onPage, shot, signIn } from './lib.mjs';

test('an organiser checks people in at the door on a 390 px phone, adds a walk-in, and the member sees what they attended', () => onPage('check-in', async (page) => {
  await signIn(page, 'jo@example.org', PASSWORD);
  await page.goto('/events/new');
  await page.getByLabel('Name').fill('Door-knocking briefing');
  await page.getByLabel('Kind').selectOption('meeting');
  await page.getByLabel('Starts').fill('2030-06-01T18:00');
  await page.getByLabel('Ends').fill('2030-06-01T20:00');
  await page.getByLabel('Place', { exact: true }).fill('Community hall');
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByText('Published.').waitFor();
  const eventUrl = page.url().replace(/\?.*/, '');
  await page.getByRole('button', { name: "I'm coming" }).click();
  await page.getByText('Your RSVP:').waitFor();

  const admin = await newPage();
  try {
    await signIn(admin, env('ADMIN_EMAIL'), env('ADMIN_PASSWORD'));
    await admin.goto(eventUrl);
    await admin.getByRole('button', { name: "I'm coming" }).click();
    await admin.getByText('Your RSVP:').waitFor();
  } finally {
    await admin.context().close();
  }

  // At the door, on a phone.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(eventUrl);
  await page.getByRole('link', { name: 'Check people in at the door' }).click();
  await page.getByRole('heading', { name: 'Check-in: Door-knocking briefing' }).waitFor();
  assert.match(await page.locator('#door-count').textContent(), /0 of 2 checked in/);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page fits a 390 px screen (overflows by ${overflow} px)`);
  await assertAccessible(page, 'the check-in page');
  await shot(page, '13a-check-in-phone');

  // The search is a plain GET form: it works without a script.
  await page.getByLabel('Name or email').fill('lindq');
  await page.getByRole('button', { name: 'Find' }).click();
  await page.waitForURL(/check-in\?q=lindq/);
  const list = page.getByRole('list', { name: 'Attendee list' });
  assert.equal(await list.getByRole('listitem').count(), 1, 'only Jo matches');
  await list.getByRole('button', { name: 'Check in Jo Lindqvist' }).click();
  await list.getByRole('button', { name: 'Undo check-in of Jo Lindqvist' }).waitFor();
  assert.match(page.url(), /q=lindq/, 'back on the same search');
  assert.match(await page.locator('#door-count').textContent(), /1 of 2 checked in/);

  // The admin is ticked in by mistake and out again.
  await page.getByRole('link', { name: 'Show everyone' }).click();
  await list.getByRole('button', { name: 'Check in Ada Admin' }).click();
  await list.getByRole('button', { name: 'Undo check-in of Ada Admin' }).click();
  await list.getByRole('button', { name: 'Check in Ada Admin' }).waitFor();
  assert.match(await page.locator('#door-count').textContent(), /1 of 2 checked in/);

  // A walk-in who was not on the list, with consent given explicitly.
  await page.getByLabel('Name', { exact: true }).fill('Sam Walker');
  await page.getByLabel('Email (optional)').fill('sam.walker@example.org');
  await page.getByLabel('Postcode (with an email)').fill('SK4 1AA');
  await page.getByLabel('They agreed that the branch may contact them').check();
  await page.getByRole('button', { name: 'Add walk-in' }).click();
  await page.getByText('Walk-in added and checked in.').waitFor();
  assert.match(await page.locator('#door-count').textContent(), /2 of 3 checked in/);
  await list.getByRole('button', { name: 'Undo check-in of Sam Walker' }).waitFor();
  await assertAccessible(page, 'the check-in page with ticks and a walk-in');
  await shot(page, '13b-check-in-walk-in');

  // The walk-in is a supporter now, their consent recorded, and their record lists the event.
  await page.goto('/organise/members?q=walker');
  await page.getByRole('link', { name: 'Sam Walker' }).click();
  await page.getByRole('heading', { name: 'Events attended' }).waitFor();
  await page.getByRole('link', { name: 'Door-knocking briefing' }).waitFor();

  await page.goto('/me');
  await page.getByRole('heading', { name: 'Events you attended' }).waitFor();
  await page.getByRole('link', { name: 'Door-knocking briefing' }).waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download everything this branch keeps about you' }).click(),
  ]);
  const data = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.deepEqual(data.eventsAttended.map((e) => e.event), ['Door-knocking briefing'], 'the check-in is in their data');
}));
