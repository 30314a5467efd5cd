// A consultation in the browser: an organiser starts one (a mistake keeps what was typed), a member
// votes with the link mailed to them (no session, once), another votes signed in, keeps the receipt shown once, checks it was counted, changes their vote with it, cannot
// cast a second ballot without it, and the organiser closes and counts. Runs after members.test.mjs
// (the name), which made Jo.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PASSWORD, assertAccessible, mailedText, onPage, shot, signIn, signInAsAdmin } from './lib.mjs';

const QUESTION = 'Which campaign should the branch lead next winter?';

// "2026-12-03T09:30" in Europe/London, for a datetime-local field, `hours` from now.
function londonLocal(hours) {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).format(new Date(Date.now() + hours * 3600_000)).replace(' ', 'T');
}

async function totalOf(page, option) {
  return Number(await page.locator('#totals').getByRole('row').filter({ hasText: option }).getByRole('cell').first().textContent());
}

let receipt;

test('an organiser starts an advisory consultation, and a mistake keeps what was typed', () => onPage('consultation-start', async (page) => {
  await signInAsAdmin(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Consultations' }).click();
  await page.getByRole('link', { name: 'Start a consultation' }).click();
  await page.getByLabel('Question').fill(QUESTION);
  await page.getByLabel('What it is about').fill('Three campaigns were proposed at the **November** meeting.');
  await page.getByRole('textbox', { name: /^Options/ }).fill('Warm homes\nBus fares\nLibraries');
  await page.getByLabel('Single choice: each member picks one').check();
  await page.getByLabel('Advisory: results show while it is open').check();
  await page.getByRole('button', { name: 'Start the consultation' }).click();
  await page.locator('p.error').first().waitFor();
  assert.equal(await page.getByRole('textbox', { name: /^Options/ }).inputValue(), 'Warm homes\nBus fares\nLibraries', 'what was typed is kept');
  await shot(page, '80-consultation-refused-keeps-input');
  await page.getByLabel('Closes').fill(londonLocal(48));
  await page.getByRole('button', { name: 'Start the consultation' }).click();
  await page.getByRole('heading', { name: QUESTION }).waitFor();
  assert.equal(await page.locator('#consultation-state').textContent(), 'Open');
  await assertAccessible(page, 'an open consultation, as its organiser');
}));

test('a member votes with the link in their invitation, without signing in, and the link then casts nothing more', () => onPage('vote-link', async (page) => {
  const mail = await mailedText('priya@example.org', `Your vote: ${QUESTION}`);
  assert.match(mail, /Voting is open until/);
  const link = new URL(mail.match(/https?:\/\/\S+\/vote\/\S+/)[0]).pathname;
  await page.goto(link);
  await page.getByRole('heading', { name: QUESTION }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Sign out' }).count(), 0, 'no session: the link alone');
  await assertAccessible(page, 'the ballot a voting link opens');
  await page.getByRole('group', { name: 'Your choice' }).getByLabel('Warm homes').check();
  await page.getByRole('button', { name: 'Cast my ballot' }).click();
  await page.getByText('Your ballot is stored.').waitFor();
  assert.ok((await page.locator('#receipt-code').textContent()).trim().length >= 16);
  await shot(page, '80b-voted-by-link');

  await page.goto(link);
  assert.match(await page.locator('#voter-note').textContent(), /^This voting link has been used: you voted on /);
  assert.equal(await page.getByRole('button', { name: 'Cast my ballot' }).count(), 0, 'used once, it offers no second ballot');
}));

test('a member votes, keeps the receipt, checks it was counted, and changes their vote with it', () => onPage('vote', async (page) => {
  await signIn(page, 'jo@example.org', PASSWORD);
  await page.goto('/consultations');
  await page.getByRole('link', { name: QUESTION }).click();
  await page.getByRole('group', { name: 'Your choice' }).getByLabel('Bus fares').check();
  await page.getByRole('button', { name: 'Cast my ballot' }).click();
  await page.getByText('Your ballot is stored.').waitFor();
  receipt = (await page.locator('#receipt-code').textContent()).trim();
  assert.ok(receipt.length >= 16, `a receipt code long enough not to be guessed: ${receipt}`);
  assert.doesNotMatch(page.url(), new RegExp(receipt), 'the receipt is never in an address');
  await assertAccessible(page, 'the receipt page');
  await shot(page, '81-ballot-receipt');

  await page.getByRole('link', { name: 'Back to the consultation' }).click();
  await page.getByText(/^You voted on /).waitFor();
  assert.equal(await totalOf(page, 'Bus fares'), 1, 'advisory: the result shows while it is open');

  await page.getByLabel('Was my ballot counted?').fill(receipt);
  await page.getByRole('button', { name: 'Check' }).click();
  assert.match(await page.locator('#receipt-answer').textContent(), /^Yes: a ballot with this receipt code is counted\./);
  await page.getByRole('link', { name: 'Back to the consultation' }).click();
  await page.getByLabel('Was my ballot counted?').fill('not-my-code');
  await page.getByRole('button', { name: 'Check' }).click();
  assert.match(await page.locator('#receipt-answer').textContent(), /^No ballot of this consultation has that receipt code/);
  await page.getByRole('link', { name: 'Back to the consultation' }).click();

  // A second ballot without the receipt is refused, and nothing changes.
  await page.getByRole('group', { name: 'Your choice' }).getByLabel('Warm homes').check();
  await page.getByRole('button', { name: 'Change my vote' }).click();
  await page.getByRole('heading', { name: 'Your ballot was not stored' }).waitFor();
  assert.equal(await totalOf(page, 'Warm homes'), 1, 'only the ballot cast by link');
  assert.equal(await totalOf(page, 'Bus fares'), 1);
  await shot(page, '82-second-ballot-refused');

  await page.getByRole('group', { name: 'Your choice' }).getByLabel('Libraries').check();
  await page.getByRole('textbox', { name: /^Your receipt code/ }).fill(receipt);
  await page.getByRole('button', { name: 'Change my vote' }).click();
  await page.getByText('Your earlier ballot is replaced by this one.').waitFor();
  await page.getByRole('link', { name: 'Back to the consultation' }).click();
  assert.equal(await totalOf(page, 'Libraries'), 1, 'the new choice counts');
  assert.equal(await totalOf(page, 'Bus fares'), 0, 'and the old one no longer does');
  assert.equal(await page.locator('#ballots').textContent().then((t) => t.trim().split(' ')[0]), '2', 'still one ballot each');
  await shot(page, '83-vote-changed');
}));

test('the organiser closes and counts it, and the receipt still checks afterwards', () => onPage('consultation-close', async (page) => {
  await signInAsAdmin(page);
  await page.goto('/consultations');
  await page.getByRole('link', { name: QUESTION }).click();
  await page.getByRole('button', { name: 'Close it now and count' }).click();
  await page.locator('#consultation-state').filter({ hasText: 'Closed' }).waitFor();
  await page.locator('#certificate').waitFor();
  assert.match(await page.locator('#outcome').textContent(), /Libraries/);
  assert.equal(await page.getByRole('button', { name: 'Cast my ballot' }).count(), 0, 'no ballot after the close');
  await assertAccessible(page, 'a closed consultation');
  await shot(page, '84-consultation-closed');

  await page.getByLabel('Was my ballot counted?').fill(receipt);
  await page.getByRole('button', { name: 'Check' }).click();
  assert.match(await page.locator('#receipt-answer').textContent(), /^Yes/, 'the receipts outlive the deleted ballots');
}));
