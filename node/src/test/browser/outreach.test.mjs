// Reaching members in the browser: an organiser writes a mailing (a mistake keeps what was typed),
// checks its count and preview, sends a test to themself and then the mailing, and watches it go
// out; a member unsubscribes with the mail's link without signing in and sees it on /me; the
// reminder the day before lets a member say they cannot come without signing in; national
// broadcasts, the branch approves with an intro, a consenting member gets it under the branch's
// name, and national sees the branch's report. Runs after network.test.mjs (the name), which
// leaves the branch following nobody, and after members.test.mjs, which made Jo.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PASSWORD, assertAccessible, env, mailedText, newPage, onPage, reloadUntil, shot, signIn, signInAsAdmin } from './lib.mjs';

const NATIONAL = env('NATIONAL_URL');
const HANDLE = env('NATIONAL_HANDLE');
const ADMIN = env('ADMIN_EMAIL');
const JO = 'jo@example.org';
const SUBJECT = 'Branch meeting on Thursday';

// A link of the given path in a mail's text, e.g. /unsubscribe/.
function linkIn(text, path) {
  const m = text.match(new RegExp(`(https?://\\S+${path}\\S+)`));
  assert.ok(m, `a ${path} link in the mail:\n${text}`);
  return m[1];
}

// Reloads until the element's text is exactly `want` (mail goes through the queue, reports
// through federation: both take a moment).
async function reloadUntilText(page, selector, want) {
  for (let i = 0; i < 60; i++) {
    if ((await page.locator(selector).textContent())?.trim() === want) return;
    await new Promise((r) => setTimeout(r, 500));
    await page.reload();
  }
  assert.equal((await page.locator(selector).textContent())?.trim(), want, `${selector} on ${page.url()}`);
}

// "2026-12-03T09:30" in Europe/London, for a datetime-local field, `hours` from now.
function londonLocal(hours) {
  const parts = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).format(new Date(Date.now() + hours * 3600_000));
  return parts.replace(' ', 'T');
}

test('an organiser writes a mailing, previews it, sends a test and then the mailing, and watches it go out', () => onPage('mailing', async (page) => {
  await signInAsAdmin(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Mailings' }).click();
  await page.getByText('None is set yet, so no mailing can go.').waitFor();
  await page.getByRole('textbox', { name: 'Postal address' }).fill('Stockport Branch, 1 Mersey Square, Stockport SK1 1RA');
  await page.getByRole('button', { name: 'Save the address' }).click();
  await page.getByText('The postal address is saved.').waitFor();
  await assertAccessible(page, '/organise/mailings');

  await page.getByRole('link', { name: 'Write a mailing' }).click();
  await page.getByLabel('Text').fill('Come to the **branch meeting** at the Town Hall, 7pm.');
  await page.getByRole('button', { name: 'Save and preview' }).click();
  await page.locator('p.error').first().waitFor();
  assert.equal(await page.getByLabel('Text').inputValue(), 'Come to the **branch meeting** at the Town Hall, 7pm.', 'what was typed is kept');
  await shot(page, '70-mailing-refused-keeps-input');
  await page.getByLabel('Subject').fill(SUBJECT);
  await page.getByRole('button', { name: 'Save and preview' }).click();
  await page.getByText('Saved. Check the count and the preview').waitFor();
  const count = Number(await page.locator('#mailing-count').textContent());
  assert.ok(count >= 1, `the mailing reaches the members who agreed (Jo did): ${count}`);
  const preview = page.getByRole('region', { name: 'What recipients see' });
  assert.equal(await preview.locator('.mail-preview strong').textContent(), 'branch meeting', 'Markdown is rendered');
  assert.match(await preview.textContent(), /1 Mersey Square/, 'the footer carries the postal address');
  await assertAccessible(page, 'a draft mailing');
  await shot(page, '71-mailing-count-and-preview');

  await page.getByRole('button', { name: 'Send a test to me' }).click();
  await page.getByText('A test is on its way to your address.').waitFor();
  const testMail = await mailedText(ADMIN, `[Test] ${SUBJECT}`);
  assert.match(testMail, /branch meeting/);

  await page.getByRole('button', { name: `Send now to ${count} members` }).click();
  await page.getByText('It is going out now.').waitFor();
  await reloadUntilText(page, '#mailing-state', 'Sent');
  assert.equal(Number(await page.locator('#mailing-sent').textContent()), count, 'each recipient was sent it');
  assert.equal(Number(await page.locator('#mailing-failed').textContent()), 0);
  assert.equal(await page.getByRole('button', { name: /^Send now/ }).count(), 0, 'a sent mailing is not sent again');
  await shot(page, '72-mailing-sent');

  const text = await mailedText(JO, SUBJECT);
  assert.doesNotMatch(text, /\[Test\]/);
  assert.match(text, /1 Mersey Square/, 'the mail\'s footer carries the postal address');
}));

test('a member unsubscribes with the mail\'s link without signing in, and their page says so', () => onPage('unsubscribe', async (page) => {
  const link = linkIn(await mailedText(JO, SUBJECT), '/unsubscribe/');
  await page.goto(link);
  await page.getByRole('heading', { name: 'Unsubscribe' }).waitFor();
  await assertAccessible(page, 'the unsubscribe page');
  await page.getByRole('button', { name: 'Unsubscribe' }).click();
  assert.match(await page.locator('#unsubscribe-result').textContent(), /You are unsubscribed from the branch's news\. It took effect now/);
  await shot(page, '73-unsubscribed');

  await signIn(page, JO, PASSWORD);
  await page.getByText(/^Branch news: withdrawn on .*, with the unsubscribe link in a mail\.$/).waitFor();
  assert.equal(await page.getByLabel('The branch may contact me').isChecked(), false, 'the preference shows it');
  await shot(page, '74-me-shows-unsubscribed');

  const organiser = await newPage();
  try {
    await signInAsAdmin(organiser);
    await organiser.goto('/organise/mailings');
    await organiser.getByRole('link', { name: SUBJECT }).click();
    assert.equal(await organiser.locator('#mailing-unsubscribed').textContent(), '1', 'the mailing counts who left through it');
  } finally {
    await organiser.context().close();
  }
}));

test('the reminder the day before lets a member say they cannot come, without signing in', () => onPage('reminder', async (page) => {
  await signIn(page, JO, PASSWORD);
  await page.goto('/events/new');
  await page.getByLabel('Name').fill('Leafleting tomorrow');
  await page.getByLabel('Kind').selectOption('canvassing');
  await page.getByLabel('Starts').fill(londonLocal(20));
  await page.getByLabel('Ends').fill(londonLocal(22));
  await page.getByLabel('Place', { exact: true }).fill('Mersey Square');
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByText('Published.').waitFor();
  const eventUrl = page.url().replace(/\?.*/, '');
  await page.getByRole('button', { name: "I'm coming" }).click();
  await page.getByText('Your RSVP:').waitFor();
  await page.getByRole('button', { name: 'Sign out' }).click();

  const reminder = await mailedText(JO, 'Tomorrow: Leafleting tomorrow');
  const cantCome = (reminder.match(/Can't come\? (\S+)/) ?? [])[1];
  assert.ok(cantCome, `a "can't come" link in the reminder:\n${reminder}`);
  await page.goto(cantCome);
  await page.getByRole('heading', { name: 'Leafleting tomorrow' }).waitFor();
  assert.match(page.url(), /answer=no/);
  await assertAccessible(page, 'the RSVP link page');
  await shot(page, '75-reminder-link-asks');
  await page.getByRole('button', { name: "I can't come" }).click();
  await page.locator('#rsvp-answer').waitFor();
  assert.match(await page.locator('#rsvp-answer').textContent(), /no longer going to Leafleting tomorrow/);
  await shot(page, '76-reminder-link-answered');

  await signIn(page, JO, PASSWORD);
  await page.goto(eventUrl);
  await page.getByRole('button', { name: "I'm coming" }).waitFor();
  assert.equal(await page.getByText('Your RSVP:').count(), 0, 'the place is free again');
}));

test('national broadcasts, the branch approves it with an intro, a consenting member gets it, and national sees the report', () => onPage('broadcast', async (page) => {
  // The branch follows national again (network.test.mjs ended by unfollowing).
  await signInAsAdmin(page);
  await page.goto('/admin/following');
  await page.getByLabel('Handle or address').fill(HANDLE);
  await page.getByRole('button', { name: 'Look up' }).click();
  await page.getByRole('region', { name: /^Follow .*\?$/ }).getByRole('button', { name: /^Follow / }).click();
  await reloadUntil(page, ': following', 'national accepts the follow');

  // Jo agrees to national's messages on her own page.
  const jo = await newPage();
  try {
    await signIn(jo, JO, PASSWORD);
    await jo.getByLabel('The branch may pass on national').check();
    await jo.getByRole('button', { name: 'Save', exact: true }).click();
    await jo.getByText(/^National's messages: given on .*, by you, on this page\.$/).waitFor();
  } finally {
    await jo.context().close();
  }

  const subject = 'A national day of action';
  const national = await newPage({ base: NATIONAL });
  try {
    await signIn(national, env('NATIONAL_EMAIL'), env('ADMIN_PASSWORD'));
    await national.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Broadcasts' }).click();
    await national.getByRole('link', { name: 'Write a broadcast' }).click();
    await national.getByLabel('Text').fill('Every branch on the streets on **1 February**.');
    await national.getByRole('button', { name: 'Send to the branches' }).click();
    await national.locator('p.error').first().waitFor();
    assert.equal(await national.getByLabel('Text').inputValue(), 'Every branch on the streets on **1 February**.', 'what was typed is kept');
    await assertAccessible(national, 'the broadcast form');
    await national.getByLabel('Subject').fill(subject);
    await national.getByRole('button', { name: 'Send to the branches' }).click();
    await national.getByText('Sent to every follower.').waitFor();
    await shot(national, '77-broadcast-sent');

    await page.goto('/organise/broadcasts');
    await reloadUntil(page, subject, 'national\'s broadcast reaches the branch');
    await page.getByRole('link', { name: subject }).click();
    assert.equal(await page.locator('#broadcast-state').textContent(), 'Waiting for the organisers');
    await assertAccessible(page, 'a received broadcast');
    await page.getByLabel('An intro from the branch').fill('From Stockport: we meet at **Mersey Square**.');
    await page.getByRole('button', { name: 'Approve and mail it' }).click();
    await page.getByText('Approved: it is going out').waitFor();
    await shot(page, '78-broadcast-approved');

    const text = await mailedText(JO, subject);
    assert.match(text, /From Stockport: we meet at/, 'the branch\'s intro comes first');
    assert.match(text, /1 February/, 'then national\'s text');
    assert.match(text, /1 Mersey Square/, 'under the branch\'s name and address');
    await reloadUntilText(page, '#broadcast-state', 'Sent');
    const branchSent = await page.locator('#relay-sent').textContent();
    assert.ok(Number(branchSent) >= 1, `Jo was mailed: ${branchSent}`);

    await national.goto('/organise/broadcasts');
    await national.getByRole('link', { name: subject }).click();
    const row = national.locator('#broadcast-branches tbody tr').first();
    await reloadUntilText(national, '#total-sent', branchSent);
    assert.equal(await row.locator('.relay-state').textContent(), 'Sent');
    assert.doesNotMatch(await national.locator('main').textContent(), /jo@example\.org|Lindqvist/, 'national sees counts, never a member');
    await assertAccessible(national, 'a sent broadcast with its reports');
    await shot(national, '79-broadcast-reports');
  } finally {
    await national.context().close();
  }
}));
