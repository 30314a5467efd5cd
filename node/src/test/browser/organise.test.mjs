// Organisers keep the member list by hand: add one member, correct their details (email
// included, and the audit log says who changed what, in words), erase them after confirming;
// a member's "download my data" holds what the branch keeps about them, notes included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { PASSWORD, onPage, shot, signIn, signInAsAdmin } from './lib.mjs';

test('an organiser adds one member (a mistake keeps what was typed), corrects their email, and the audit log says so in words', () => onPage('member-add', async (page) => {
  await signInAsAdmin(page);
  await page.goto('/organise/members');
  await page.getByRole('link', { name: 'Add a member' }).click();
  await page.getByLabel('Name').fill('Maya Brennan');
  await page.getByLabel('Email').fill('maya-at-example.org');
  await page.getByLabel('Postcode').fill('SK2 6PL');
  await page.getByLabel('Tags, separated by commas').fill('stall');
  await page.getByRole('button', { name: 'Add the member' }).click();
  await page.locator('p.error').first().waitFor();
  assert.equal(await page.getByLabel('Name').inputValue(), 'Maya Brennan', 'what was typed is kept');
  assert.equal(await page.getByLabel('Tags, separated by commas').inputValue(), 'stall');
  await shot(page, '61-add-member-refused-keeps-input');
  await page.getByLabel('Email').fill('maya@example.org');
  await page.getByRole('button', { name: 'Add the member' }).click();
  await page.getByText(/^Added\./).waitFor();
  await page.getByRole('heading', { name: 'Maya Brennan' }).waitFor();

  await page.getByRole('link', { name: 'Edit details' }).click();
  assert.equal(await page.getByLabel('Email').inputValue(), 'maya@example.org', 'the form shows the member as they are');
  await page.getByLabel('Email').fill('maya.brennan@example.org');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByText('Saved.').waitFor();
  await page.getByText('maya.brennan@example.org').waitFor();
  await shot(page, '62-member-email-corrected');

  await page.goto('/admin');
  const audit = page.getByRole('region', { name: 'Audit log table' });
  const row = audit.getByRole('row').filter({ hasText: 'changed the details of' }).first();
  assert.match(await row.textContent(), /Ada Admin/, 'who changed it, by name');
  assert.match(await row.textContent(), /Maya Brennan/, 'whose details, by name');
  assert.match(await row.textContent(), /email/, 'which fields');
  assert.doesNotMatch(await row.textContent(), /maya\.brennan@/, 'never the values: the entry outlives an erasure');
  await shot(page, '63-audit-log-in-words');
}));

test('a member downloads everything the branch keeps about them, the organisers\' notes included', () => onPage('my-data', async (page) => {
  const organiser = page;
  await signInAsAdmin(organiser);
  await organiser.goto('/organise/members?q=lindqvist');
  await organiser.getByRole('link', { name: 'Jo Lindqvist' }).click();
  await organiser.getByLabel('New note').fill('Offered to run the Saturday stall.');
  await organiser.getByRole('button', { name: 'Add the note' }).click();
  await organiser.getByText('Offered to run the Saturday stall.').waitFor();
  await organiser.getByRole('button', { name: 'Sign out' }).click();

  await signIn(page, 'jo@example.org', PASSWORD);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download everything this branch keeps about you' }).click(),
  ]);
  const data = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(data.email, 'jo@example.org');
  assert.deepEqual(data.notesByOrganisers.map((n) => n.note), ['Offered to run the Saturday stall.']);
  assert.ok(Array.isArray(data.rsvps), 'RSVPs are listed');
  assert.ok(Array.isArray(data.rsvpsToOtherBranches), 'and those to other branches\' events');
  assert.ok('publicProfile' in data, 'the public profile, or that there is none');
  assert.ok(Array.isArray(data.branchesYouFollowInYourFeed));
  assert.ok(data.auditLogAboutYou.some((e) => e.action === 'member.role_changed'), 'the audit entries about them');
}));

test('an organiser erases a member after confirming, and nothing of them is left to open', () => onPage('member-erase', async (page) => {
  await signInAsAdmin(page);
  await page.goto('/organise/members?q=brennan');
  await page.getByRole('link', { name: 'Maya Brennan' }).click();
  const record = page.url();
  await page.getByRole('link', { name: 'Erase this member' }).click();
  await page.getByText('This cannot be undone').waitFor();
  await page.getByRole('link', { name: 'Keep them' }).click();
  await page.getByRole('heading', { name: 'Maya Brennan' }).waitFor();
  await page.getByRole('link', { name: 'Erase this member' }).click();
  await page.getByRole('button', { name: 'Erase Maya Brennan' }).click();
  await page.getByRole('heading', { name: 'Member erased' }).waitFor();
  await shot(page, '64-member-erased');
  const gone = await page.goto(record);
  assert.equal(gone.status(), 404);
  await page.goto('/organise/members?q=brennan');
  assert.equal(await page.locator('#member-total').textContent(), '0', 'not found by name any more');
  await page.goto('/admin');
  const row = page.getByRole('region', { name: 'Audit log table' }).getByRole('row').filter({ hasText: 'erased' }).first();
  assert.match(await row.textContent(), /a former member/, 'the log keeps only a number');
}));
