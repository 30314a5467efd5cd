// The network in the browser: the branch follows national by its handle (seeing whom it names
// first), national publishes and edits a campaign, the branch adopts it and links an event to it
// from the event form, national sees the branch taking part and closes the campaign, and the
// branch unfollows. Two real nodes on loopback: BASE_URL (Stockport) and NATIONAL_URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PASSWORD, env, onPage, reloadUntil, shot, signIn, signInAsAdmin } from './lib.mjs';

const NATIONAL = env('NATIONAL_URL');
const HANDLE = env('NATIONAL_HANDLE');
const signInAtNational = (page) => signIn(page, env('NATIONAL_EMAIL'), env('ADMIN_PASSWORD'));
const national = { base: NATIONAL };

test('the branch admin follows national by handle, after seeing whom the handle names', () => onPage('follow', async (page) => {
  await signInAsAdmin(page);
  await page.goto('/admin');
  await page.getByRole('link', { name: 'Follow a branch or unfollow one' }).click();
  await page.getByLabel('Handle or address').fill('@nobody@');
  await page.getByRole('button', { name: 'Look up' }).click();
  await page.getByText('Could not find @nobody@').waitFor();
  assert.equal(await page.getByLabel('Handle or address').inputValue(), '@nobody@', 'what was typed is kept');
  await page.getByLabel('Handle or address').fill(HANDLE);
  await page.getByRole('button', { name: 'Look up' }).click();
  const preview = page.getByRole('region', { name: /^Follow .*\?$/ });
  await preview.waitFor();
  assert.match(await preview.textContent(), /a group/, 'the preview says what kind of account it is');
  await shot(page, '40-follow-preview');
  await preview.getByRole('button', { name: /^Follow / }).click();
  await page.getByText(/^Asked to follow /).waitFor();
  await reloadUntil(page, ': following', 'national accepts the follow');
  const item = page.getByRole('listitem').filter({ hasText: ': following' });
  assert.doesNotMatch(await item.textContent(), /https?:\/\//, 'the follow is listed by name, not by URL');
  await shot(page, '41-following-national');
}));

test('national publishes a campaign (a mistake keeps everything typed) and edits it', () => onPage('campaign-create', async (page) => {
  await signInAtNational(page);
  await page.goto('/campaigns');
  await page.getByRole('link', { name: 'New campaign' }).click();
  await page.getByLabel('Title').fill('Warm Homes Winter');
  await page.getByLabel('Summary').fill('Insulate every home.');
  await page.getByLabel('Brief').fill('Knock on doors, hold **stalls**.');
  await page.getByLabel('Starts').fill('2030-01-10');
  await page.getByLabel('Ends').fill('2030-01-01');
  await page.getByLabel('Goal 1').fill('Street stalls');
  await page.getByLabel('Target').first().fill('20');
  await page.getByLabel('Counts').first().selectOption('events');
  await page.getByLabel('Goal 2').fill('People at stalls');
  await page.getByLabel('Target').nth(1).fill('200');
  await page.getByLabel('Counts').nth(1).selectOption('participants');
  await page.getByLabel('Resource 1').fill('Leaflet');
  await page.getByLabel('Link').first().fill('https://example.org/leaflet.pdf');
  await page.getByLabel('Canvassing').check();
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByText('The campaign cannot end before it starts.').first().waitFor();
  assert.equal(await page.getByLabel('Title').inputValue(), 'Warm Homes Winter', 'what was typed is kept');
  assert.equal(await page.getByLabel('Resource 1').inputValue(), 'Leaflet');
  assert.equal(await page.getByLabel('Link').first().inputValue(), 'https://example.org/leaflet.pdf');
  assert.equal(await page.getByLabel('Counts').nth(1).inputValue(), 'participants', 'each goal keeps what it counts');
  assert.equal(await page.getByLabel('Canvassing').isChecked(), true);
  await shot(page, '42-campaign-refused-keeps-input');
  await page.getByLabel('Ends').fill('2030-03-31');
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByText('Published.').waitFor();
  await page.getByRole('heading', { name: 'Warm Homes Winter' }).waitFor();
  await page.getByRole('link', { name: 'Leaflet' }).waitFor();

  await page.getByRole('link', { name: 'Edit this campaign' }).click();
  assert.equal(await page.getByLabel('Goal 2').inputValue(), 'People at stalls', 'the form shows the campaign as it is');
  await page.getByLabel('Title').fill('Warm Homes This Winter');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByText('Saved: branches get the new brief.').waitFor();
  await page.getByRole('heading', { name: 'Warm Homes This Winter' }).waitFor();
  await shot(page, '43-campaign-edited');

  await page.goto('/announcements/new');
  await page.getByLabel('Title').fill('National day of action');
  await page.getByLabel('Text').fill('Every branch on the streets on **1 February**.');
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByRole('heading', { name: 'National day of action' }).waitFor();
}, national));

test('anyone reads national\'s campaign page without signing in', () => onPage('campaign-public', async (page) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Warm Homes This Winter' }).click();
  await page.getByRole('heading', { name: 'Warm Homes This Winter' }).waitFor();
  await page.getByRole('link', { name: 'Leaflet' }).waitFor();
  assert.equal(await page.getByRole('heading', { name: 'Branches taking part' }).count(), 0, 'the organisers\' view stays theirs');
  assert.equal(await page.getByRole('link', { name: 'Edit this campaign' }).count(), 0);
  await shot(page, '44-campaign-public');
}, national));

test('the branch adopts national\'s campaign and links an event to it from the event form', () => onPage('campaign-adopt', async (page) => {
  await signInAsAdmin(page);
  await page.goto('/campaigns');
  await reloadUntil(page, 'Warm Homes This Winter', 'national\'s campaign reaches the branch');
  await page.getByRole('link', { name: 'Warm Homes This Winter' }).click();
  await page.getByRole('button', { name: 'Adopt this campaign' }).click();
  await page.getByText('Adopted').first().waitFor();
  await page.getByText('This branch has adopted this campaign.').waitFor();

  await page.goto('/events/new');
  await page.getByLabel('Name').fill('Warm homes stall');
  await page.getByLabel('Kind').selectOption('canvassing');
  await page.getByLabel('Starts').fill('2030-02-01T10:00');
  await page.getByLabel('Ends').fill('2030-02-01T12:00');
  await page.getByLabel('Place', { exact: true }).fill('Mersey Square');
  await page.getByLabel('Campaign').selectOption({ label: 'Warm Homes This Winter' });
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByText('Published.').waitFor();
  await page.getByRole('link', { name: 'Edit this event' }).click();
  assert.equal(await page.getByLabel('Campaign').locator('option:checked').textContent(), 'Warm Homes This Winter',
    'the event belongs to the campaign, and editing it keeps that');
  await shot(page, '45-event-linked-to-campaign');

  await page.goto('/');
  const campaigns = page.getByRole('region', { name: 'Campaigns we are part of' });
  await campaigns.getByRole('link', { name: 'Warm Homes This Winter' }).click();
  await page.getByRole('link', { name: 'Warm homes stall' }).waitFor();
  await shot(page, '46-adopted-campaign-with-our-event');
}));

test('a visitor sees the branch\'s campaigns and national\'s news on the branch\'s home page', () => onPage('network-home', async (page) => {
  await page.goto('/');
  await page.getByRole('region', { name: 'Campaigns we are part of' }).getByText('Warm Homes This Winter').waitFor();
  const network = page.getByRole('region', { name: 'From the network' });
  await network.getByText('National day of action').waitFor();
  assert.match(await network.textContent(), /national/i, 'labelled with where it comes from');
  await shot(page, '47-home-with-network-news');
}));

test('a member\'s dashboard shows the branch\'s campaigns, with national\'s brief one click away, and national\'s news', () => onPage('network-dashboard', async (page) => {
  await signIn(page, 'jo@example.org', PASSWORD);
  const campaigns = page.getByRole('region', { name: 'Campaigns your branch is part of' });
  await campaigns.getByRole('link', { name: 'Warm Homes This Winter' }).waitFor();
  await page.getByRole('region', { name: 'From the network' }).getByText('National day of action').waitFor();
  await shot(page, '47b-member-dashboard-with-network');
  await campaigns.getByRole('link', { name: 'Warm Homes This Winter' }).click();
  await page.getByText('Knock on doors, hold').waitFor();
  await page.getByText('This branch has adopted this campaign.').waitFor();
}));

test('national sees the branch taking part, and closes the campaign after confirming', () => onPage('campaign-close', async (page) => {
  await signInAtNational(page);
  await page.goto('/campaigns');
  await page.getByRole('link', { name: 'Warm Homes This Winter' }).click();
  await reloadUntil(page, 'Warm homes stall', 'the branch\'s linked event reaches national');
  await shot(page, '48-campaign-owner-sees-branch');
  await page.getByRole('link', { name: 'Close this campaign' }).click();
  await page.getByRole('link', { name: 'Keep it open' }).waitFor();
  await page.getByRole('button', { name: 'Close the campaign' }).click();
  await page.getByText('Closed: branches are told it has ended.').waitFor();
  await page.getByText('Ended', { exact: true }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Edit this campaign' }).count(), 0, 'an ended campaign is not edited');
  const edit = await page.goto(page.url().replace(/\?.*/, '') + '/edit');
  assert.equal(edit.status(), 409, 'not by a typed address either');
  await page.getByRole('heading', { name: 'This campaign has ended' }).waitFor();
  await shot(page, '49-campaign-closed');
}, national));

test('the branch admin unfollows national', () => onPage('unfollow', async (page) => {
  await signInAsAdmin(page);
  await page.goto('/admin/following');
  await page.getByRole('button', { name: /^Unfollow / }).click();
  await page.getByText('Unfollowed: it is told, and its posts stop arriving.').waitFor();
  await page.getByText('Nobody yet.').waitFor();
  await shot(page, '50-unfollowed');
}));
