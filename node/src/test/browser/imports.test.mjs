// Imports as people make them: a Windows-1252, semicolon-separated file with its own headers, the
// columns mapped in the browser, non-ASCII names and tags kept, and the node's own export
// imported again without a single problem.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccessible, onPage, shot, signInAsAdmin } from './lib.mjs';

test('an organiser imports an Excel CSV, maps its columns, and re-imports the export without problems', () => onPage('imports', async (page) => {
  await signInAsAdmin(page);
  await page.getByRole('link', { name: 'Members' }).click();
  await page.getByRole('link', { name: 'Import a CSV' }).click();

  // As Excel saves "CSV" on a German or Danish Windows: Windows-1252 and semicolons. Every letter
  // here is in Latin-1, where Windows-1252 has the same bytes, so Node's 'latin1' writes it.
  const csv = [
    'First name;Last name;Email Address;Post Code;Tags',
    'René;Søndergård;rene@example.org;SK1 3XE;"café, Wahlkreis-Süd"',
    'Zoë;Ó Briain;zoe@example.org;M1 1AE;bénévole',
  ].join('\r\n');
  await page.getByLabel('CSV file').setInputFiles({ name: 'excel-export.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'latin1') });
  await page.getByRole('button', { name: 'Check the file' }).click();

  await page.getByRole('heading', { name: 'Match the columns of excel-export.csv' }).waitFor();
  await page.getByText('Read as Windows-1252, separated by semicolons.').waitFor();
  assert.equal(await page.getByLabel('First name', { exact: true }).inputValue(), 'first_name');
  assert.equal(await page.getByLabel('Last name', { exact: true }).inputValue(), 'last_name');
  assert.equal(await page.getByLabel('Email Address').inputValue(), 'email');
  assert.equal(await page.getByLabel('Post Code').inputValue(), 'postcode');
  assert.equal(await page.getByLabel('Tags').inputValue(), 'tags');
  await page.getByText('First row: René').waitFor();
  await shot(page, '20-import-map-columns');
  await assertAccessible(page, 'the mapping step');

  // A wrong choice is refused with the reason, and every choice stays as it was made.
  await page.getByLabel('Email Address').selectOption('ignore');
  await page.getByRole('button', { name: 'Check the file with these columns' }).click();
  await page.getByText('No column is mapped to email').waitFor();
  assert.equal(await page.getByLabel('Email Address').inputValue(), 'ignore', 'the choice is kept');
  assert.equal(await page.getByLabel('First name', { exact: true }).inputValue(), 'first_name');
  await shot(page, '21-import-mapping-refused');
  await assertAccessible(page, 'the refused mapping step');
  await page.getByLabel('Email Address').selectOption('email');
  await page.getByRole('button', { name: 'Check the file with these columns' }).click();

  await page.getByText('2 rows read').waitFor();
  assert.match(await page.locator('#import-summary').textContent(), /no problems/);
  await shot(page, '22-import-mapped-report');
  await page.getByLabel("They agreed: the file's consent column says who did").check();
  await page.getByRole('button', { name: 'Import 2 members' }).click();
  await page.locator('#import-done').waitFor({ timeout: 30_000 });
  assert.match(await page.locator('#import-done').textContent(), /Done: 2 members added/);

  await page.getByRole('link', { name: 'All members' }).click();
  await page.getByRole('link', { name: 'Zoë Ó Briain' }).waitFor();
  await page.getByRole('link', { name: 'René Søndergård' }).click();
  await page.getByRole('heading', { name: 'René Søndergård' }).waitFor();
  assert.equal(await page.getByLabel('Tags, separated by commas').inputValue(), 'café, wahlkreis-süd');

  // Tags in any script; a bad one is refused and what was typed stays in the field.
  const typed = 'café, организатор, 志愿者, <b>';
  await page.getByLabel('Tags, separated by commas').fill(typed);
  await page.getByRole('button', { name: 'Save tags' }).click();
  await page.getByText("'<b>' is not one").waitFor();
  assert.equal(await page.getByLabel('Tags, separated by commas').inputValue(), typed, 'what was typed is kept');
  await page.getByLabel('Tags, separated by commas').fill('café, организатор, 志愿者');
  await page.getByRole('button', { name: 'Save tags' }).click();
  await page.getByText('Saved.').waitFor();
  assert.equal(await page.getByLabel('Tags, separated by commas').inputValue(), 'café, организатор, 志愿者');
  await shot(page, '23-member-with-tags-in-any-script');

  // The export, fetched with this page's session, starts with a byte-order mark for Excel.
  await page.getByRole('link', { name: 'All members' }).click();
  const href = await page.getByRole('link', { name: 'Download them as CSV' }).getAttribute('href');
  const res = await page.request.get(href);
  assert.equal(res.status(), 200);
  const exported = await res.body();
  assert.deepEqual([...exported.subarray(0, 3)], [0xEF, 0xBB, 0xBF], 'a UTF-8 byte-order mark');
  const text = exported.toString('utf8');
  assert.ok(text.includes('René Søndergård') && text.includes('志愿者'), text);

  // Imported again, it needs no mapping step and has no problems: everyone is a member already.
  await page.getByRole('link', { name: 'Import a CSV' }).click();
  await page.getByLabel('CSV file').setInputFiles({ name: 'members.csv', mimeType: 'text/csv', buffer: exported });
  await page.getByRole('button', { name: 'Check the file' }).click();
  await page.locator('#import-summary').waitFor();
  const summary = await page.locator('#import-summary').textContent();
  const counts = summary.match(/^(\d+) rows read, 0 valid, (\d+) already members, no problems\.$/);
  assert.ok(counts && counts[1] === counts[2], `every row is a member already, none a problem: ${summary}`);
  await page.getByText('Everyone in the file is a member already').waitFor();
  assert.equal(await page.getByRole('table', { name: 'Problems in the file' }).count(), 0);
  await shot(page, '24-export-imported-again');
}));
