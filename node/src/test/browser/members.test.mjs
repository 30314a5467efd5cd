// The members web app: joining, roles, importing, events, the admin's sign-in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, PASSWORD, env, mailedLink, newPage, onPage, shot, signIn } from './lib.mjs';

test('a visitor joins, confirms by the mailed link, lands on the dashboard, and signs in again later', () => onPage('join', async (page) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Join' }).click();
  await page.getByLabel('Your name').fill('Jo Lindqvist');
  await page.getByLabel('Email').fill('jo@example.org');
  await page.getByLabel('Postcode').fill('sk1 3xe');
  await page.getByLabel('Phone').fill('07700 900123');
  await page.getByLabel('The branch may contact me').check();
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Password again').fill(PASSWORD);
  await shot(page, '01-join-form');
  await page.getByRole('button', { name: 'Join' }).click();
  await page.getByRole('heading', { name: 'Check your email' }).waitFor();
  await shot(page, '02-check-your-email');

  const link = await mailedLink('jo@example.org');
  assert.ok(link.startsWith(BASE + '/join/confirm?token='), `the mailed link points at this node: ${link}`);
  await page.goto(link);
  await page.waitForURL('**/me?welcome=1');
  await page.getByText('Hello, Jo Lindqvist').waitFor();
  assert.equal(await page.getByLabel('Postcode').inputValue(), 'SK1 3XE', 'the postcode is kept normalised');
  await page.getByText(/^Branch news: given on .*, on the join form \(join form, /).waitFor();
  assert.equal(await page.getByLabel('The branch may pass on national').isChecked(), false, 'national relay is its own choice');
  await shot(page, '03-dashboard-after-confirming');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'You are signed out' }).waitFor();
  await page.goto('/me');
  await page.waitForURL('**/signin?next=**');
  await signIn(page, 'jo@example.org', PASSWORD);
  await page.getByText('Hello, Jo Lindqvist').waitFor();
  await shot(page, '04-dashboard-after-signing-in');
}));

test('an admin makes the new member an organiser', () => onPage('promote', async (page) => {
  await signIn(page, env('ADMIN_EMAIL'), env('ADMIN_PASSWORD'));
  await page.getByRole('link', { name: 'Members' }).click();
  await page.getByLabel('Name or email').fill('lindqvist');
  await page.getByRole('button', { name: 'Find' }).click();
  await page.getByRole('link', { name: 'Jo Lindqvist' }).click();
  await page.getByRole('combobox', { name: 'Role' }).selectOption('organiser');
  await page.getByRole('button', { name: 'Change role' }).click();
  await page.getByText('Saved.').waitFor();
  assert.equal(await page.locator('#member-role').textContent(), 'organiser');
  await shot(page, '05-admin-made-jo-organiser');
}));

test('the organiser imports a CSV with a bad row, imports the valid rows, and promotes an imported member', () => onPage('import', async (page) => {
  await signIn(page, 'jo@example.org', PASSWORD);
  await page.getByRole('link', { name: 'Members' }).click();
  await page.getByRole('link', { name: 'Import a CSV' }).click();
  const csv = [
    'name,email,postcode,phone,contact_consent,tags',
    'Sam Okafor,sam@example.org,M1 1AE,,yes,canvasser',
    'Priya Shah,priya@example.org,SK4 1AA,0161 496 0000,no,"stall, leaflets"',
    'No Address,not-an-email,SK1 1AA,,yes,',
  ].join('\n');
  await page.getByLabel('CSV file').setInputFiles({ name: 'supporters.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Check the file' }).click();
  await page.getByText('3 rows read').waitFor();
  const problem = page.getByRole('table', { name: 'Problems in the file' }).getByRole('row').nth(1);
  assert.equal(await problem.getByRole('cell').nth(0).textContent(), '4', 'the bad row is line 4 of the file');
  assert.equal(await problem.getByRole('cell').nth(1).textContent(), 'email');
  await shot(page, '06-import-validation-report');

  await page.getByLabel("They agreed: the file's consent column says who did").check();
  await page.getByRole('button', { name: 'Import the 2 valid rows' }).click();
  await page.locator('#import-done').waitFor({ timeout: 30_000 });
  assert.match(await page.locator('#import-done').textContent(), /Done: 2 members added/);
  await shot(page, '07-import-done');

  await page.getByRole('link', { name: 'All members' }).click();
  await page.getByRole('link', { name: 'Sam Okafor' }).click();
  await page.getByRole('combobox', { name: 'Role' }).selectOption('organiser');
  assert.equal(await page.locator('#role option[value="admin"]').count(), 0, 'an organiser is not offered the admin role');
  await page.getByRole('button', { name: 'Change role' }).click();
  await page.getByText('Saved.').waitFor();
  assert.equal(await page.locator('#member-role').textContent(), 'organiser');
  await shot(page, '08-organiser-promoted-sam');
}));

test('the organiser publishes an event, corrects it (a mistake keeps what was typed), and deletes it after confirming', () => onPage('event-edit', async (page) => {
  await signIn(page, 'jo@example.org', PASSWORD);
  await page.goto('/');
  await page.getByRole('link', { name: 'New event' }).click();
  await page.getByLabel('Name').fill('Stall on Merseyway');
  await page.getByLabel('Kind').selectOption('canvassing');
  await page.getByLabel('Starts').fill('2030-05-04T10:00');
  await page.getByLabel('Ends').fill('2030-05-04T12:00');
  await page.getByLabel('Place', { exact: true }).fill('Merseyway');
  await page.getByLabel('Description').fill('Bring **leaflets**.');
  // 01:30 on the night the clocks go forward never happens: the form says so rather than moving it.
  await page.getByLabel('Starts').fill('2031-03-30T01:30');
  await page.getByLabel('Ends').fill('2031-03-30T04:00');
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByText('01:30 on Sunday 30 March 2031 does not exist in Europe/London').first().waitFor();
  assert.equal(await page.getByLabel('Name').inputValue(), 'Stall on Merseyway', 'what was typed is kept');
  await shot(page, '10a-event-in-a-clock-change-gap');
  // A wrong year: the start is in the past, and the form asks before publishing such an event.
  await page.getByLabel('Starts').fill('2020-05-04T10:00');
  await page.getByLabel('Ends').fill('2020-05-04T12:00');
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByText('that is in the past').first().waitFor();
  assert.equal(await page.getByLabel('Name').inputValue(), 'Stall on Merseyway', 'what was typed is kept');
  assert.equal(await page.getByLabel('Publish it anyway, though its start is in the past').isChecked(), false);
  await shot(page, '10b-event-in-the-past-asks-first');
  await page.getByLabel('Starts').fill('2030-05-04T10:00');
  await page.getByLabel('Ends').fill('2030-05-04T12:00');
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByText('Published.').waitFor();
  const eventUrl = page.url().replace(/\?.*/, '');
  await page.getByRole('heading', { name: 'Stall on Merseyway' }).waitFor();

  await page.getByRole('link', { name: 'Edit this event' }).click();
  assert.equal(await page.getByLabel('Name').inputValue(), 'Stall on Merseyway', 'the form shows the event as it is');
  assert.equal(await page.getByLabel('Starts').inputValue(), '2030-05-04T10:00', 'in the event\'s own time zone');
  assert.equal(await page.getByLabel('Kind').inputValue(), 'canvassing');
  await page.getByLabel('Name').fill('Stall and canvass on Merseyway');
  await page.getByLabel('Ends').fill('2030-05-04T09:00');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.locator('p.error').first().waitFor();
  assert.equal(await page.getByLabel('Name').inputValue(), 'Stall and canvass on Merseyway', 'what was typed is kept');
  assert.equal(await page.getByLabel('Kind').inputValue(), 'canvassing');
  await shot(page, '11-event-edit-refused-keeps-input');
  await page.getByLabel('Ends').fill('2030-05-04T13:00');
  await page.getByLabel('Places').fill('1');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByText('Saved: followers get the change.').waitFor();
  await page.getByRole('heading', { name: 'Stall and canvass on Merseyway' }).waitFor();
  await shot(page, '12-event-edited');

  // Jo takes the one place; the admin then finds the event full, with no "I'm coming" to press.
  await page.getByRole('button', { name: "I'm coming" }).click();
  await page.getByText('Your RSVP:').waitFor();
  const other = await newPage();
  try {
    await signIn(other, env('ADMIN_EMAIL'), env('ADMIN_PASSWORD'));
    await other.goto(eventUrl);
    await other.getByText('This event is full.').waitFor();
    assert.equal(await other.getByRole('button', { name: "I'm coming" }).count(), 0, 'a full event offers no place');
    await shot(other, '12b-event-full');
    // It offers the waiting list instead, and says where in line the member is.
    await other.getByRole('button', { name: 'Join the waiting list' }).click();
    await other.locator('p', { hasText: 'Your RSVP: on the waiting list, number 1' }).waitFor();
    await shot(other, '12b2-event-waiting-list');
    // Jo, an organiser, gives the admin a place by hand from the attendee list.
    await page.reload();
    await page.getByRole('cell', { name: 'waiting list, number 1' }).waitFor();
    await page.getByRole('button', { name: 'Give a place' }).click();
    await page.getByText('They have a place now.').waitFor();
    await other.reload();
    await other.locator('p', { hasText: 'Your RSVP: accepted' }).waitFor();
    assert.equal(await other.getByRole('button', { name: 'Join the waiting list' }).count(), 0);
  } finally {
    await other.context().close();
  }

  // Cancelling asks first, and the reason is on the page for everyone who was coming.
  await page.getByRole('link', { name: 'Cancel this event' }).click();
  await page.getByLabel('Reason').fill('Storm warning for Saturday: we will set a new date.');
  await page.getByRole('button', { name: 'Cancel the event' }).click();
  await page.getByText('Cancelled. Followers on other servers are told.').waitFor();
  await page.getByText('Storm warning for Saturday: we will set a new date.').waitFor();
  await shot(page, '12c-event-cancelled-with-reason');

  await page.getByRole('link', { name: 'Delete this event' }).click();
  await page.getByText('This cannot be undone').waitFor();
  await page.getByRole('link', { name: 'Keep it' }).click();
  await page.getByRole('heading', { name: 'Stall and canvass on Merseyway' }).waitFor();
  await page.getByRole('link', { name: 'Delete this event' }).click();
  await page.getByRole('button', { name: 'Delete the event' }).click();
  await page.getByRole('heading', { name: 'Event deleted' }).waitFor();
  await shot(page, '13-event-deleted');
  const gone = await page.goto(eventUrl);
  assert.equal(gone.status(), 410, 'a deleted event\'s page says it is gone');
}));

test('an admin follows a link to the admin page through sign-in, sees what needs attention, and a hostile link cannot lead off the node', () => onPage('admin-trust', async (page) => {
  await page.goto('/signin?next=' + encodeURIComponent('/admin'));
  await page.getByLabel('Email').fill(env('ADMIN_EMAIL'));
  await page.getByLabel('Password').fill(env('ADMIN_PASSWORD'));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/admin');
  await page.getByRole('heading', { name: 'Delivery queue' }).waitFor();
  await page.getByRole('heading', { name: 'Received activities that could not be handled' }).waitFor();
  await page.getByText('None: everything received has been handled or is being tried again.').waitFor();
  await shot(page, '09-admin-after-sign-in-with-next');

  const hostile = await newPage();
  try {
    // Browsers drop the tab: /\t/evil.example/x would read as //evil.example/x, another site.
    await hostile.goto('/signin?next=' + encodeURIComponent('/\t/evil.example/x'));
    await hostile.getByLabel('Email').fill(env('ADMIN_EMAIL'));
    await hostile.getByLabel('Password').fill(env('ADMIN_PASSWORD'));
    await hostile.getByRole('button', { name: 'Sign in' }).click();
    await hostile.waitForURL('**/me**');
    assert.equal(new URL(hostile.url()).origin, new URL(BASE).origin, 'still on this node');
    await shot(hostile, '10-hostile-next-lands-on-the-dashboard');

    const missing = await hostile.goto('/no-such-page');
    assert.equal(missing.status(), 404);
    assert.match(missing.headers()['content-type'], /^text\/html/, 'a person gets a page, not JSON');
    await hostile.getByRole('heading', { name: 'Not found' }).waitFor();
  } finally {
    await hostile.context().close();
  }
}));
