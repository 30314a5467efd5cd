// Shared by the browser tests (*.test.mjs), which BrowserIT runs one file at a time against one
// node that it started with a real SMTP server. BrowserIT hands over, in the environment:
//   BASE_URL      the node, e.g. http://127.0.0.1:41234
//   MAILBOX_URL   a loopback service answering GET ?to=<address> with the link mailed to it (404 until then)
//   MAIL_URL      the same service answering GET ?to=<address>&subject=<part> with that mail's plain text
//   ADMIN_EMAIL, ADMIN_PASSWORD   the admin BrowserIT set up
//   CHROMIUM      the browser executable (Debian's /usr/bin/chromium)
//   SCREENSHOTS   the folder for screenshots (under target/)
// Everything is found the way a person finds it: by label, role and visible text.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: BrowserIT sets it`);
  return value;
};
export const BASE = env('BASE_URL');
const MAILBOX = env('MAILBOX_URL');
const MAIL = env('MAIL_URL');
const SHOTS = env('SCREENSHOTS');
export const PASSWORD = 'a long and memorable password';
mkdirSync(SHOTS, { recursive: true });
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let browser;
before(async () => {
  browser = await chromium.launch({
    executablePath: env('CHROMIUM'),
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
});
after(async () => { await browser?.close(); });

// A page in a browser context of its own (its own cookies), on this node or another (base).
export async function newPage({ width = 1100, base = BASE } = {}) {
  const context = await browser.newContext({ baseURL: base, viewport: { width, height: 900 } });
  const page = await context.newPage();
  page.base = base;
  page.setDefaultTimeout(15_000);
  return page;
}

// Runs a test's steps on a fresh page; on failure the page is kept as FAILED-<name>.png.
export async function onPage(name, steps, options) {
  const page = await newPage(options);
  try {
    await steps(page);
  } catch (e) {
    await shot(page, `FAILED-${name}`).catch(() => {});
    throw e;
  } finally {
    await page.context().close();
  }
}

export async function shot(page, name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

export async function mailedLink(to) {
  for (let i = 0; i < 100; i++) {
    const res = await fetch(`${MAILBOX}?to=${encodeURIComponent(to)}`);
    if (res.ok) return (await res.text()).trim();
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail with a link reached ${to}`);
}

// The plain text of the newest mail to `to` whose subject contains `subject`, waiting for it:
// mailings and reminders go through the node's queue, so they take a moment.
export async function mailedText(to, subject, seconds = 30) {
  for (let i = 0; i < seconds * 10; i++) {
    const res = await fetch(`${MAIL}?to=${encodeURIComponent(to)}&subject=${encodeURIComponent(subject)}`);
    if (res.ok) return await res.text();
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail "${subject}" reached ${to} within ${seconds} s`);
}

// Signed-in sessions kept across tests and files (one node --test process per file), by email:
// the node allows 25 sign-ins per address per 5 minutes, as Mastodon does, and every test here
// comes from 127.0.0.1. A kept session that no longer works (signed out) means a real sign-in.
const SESSIONS = join(SHOTS, '..', 'browser-sessions.json');
const keptSessions = () => { try { return JSON.parse(readFileSync(SESSIONS, 'utf8')); } catch { return {}; } };

export async function signIn(page, email, password) {
  const key = `${page.base ?? BASE} ${email}`;
  const kept = keptSessions()[key];
  if (kept) {
    await page.context().addCookies(kept);
    await page.goto('/me');
    if (!new URL(page.url()).pathname.startsWith('/signin')) return;
    await page.context().clearCookies();
  }
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/me**');
  writeFileSync(SESSIONS, JSON.stringify({ ...keptSessions(), [key]: await page.context().cookies() }));
}

export const signInAsAdmin = (page) => signIn(page, env('ADMIN_EMAIL'), env('ADMIN_PASSWORD'));

// Reloads until the text shows (federation is asynchronous: a delivery takes a moment).
export async function reloadUntil(page, text, what) {
  for (let i = 0; i < 60; i++) {
    if (await page.getByText(text).count() > 0) return;
    await new Promise((r) => setTimeout(r, 500));
    await page.reload();
  }
  throw new Error(`${what}: "${text}" never showed on ${page.url()}`);
}

// axe-core on the page as it is now, at desktop and phone widths: the test fails on any violation,
// naming the rule and the elements.
export async function assertAccessible(page, what) {
  const size = page.viewportSize();
  try {
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      // Evaluated, not injected as a script tag: the node's Content-Security-Policy rightly refuses inline scripts.
      await page.evaluate(AXE);
      const violations = await page.evaluate(async () =>
        (await window.axe.run(document, { resultTypes: ['violations'] })).violations.map((v) =>
          `${v.id} (${v.impact}): ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
      assert.deepEqual(violations, [], `axe on ${what} at ${width} px`);
    }
  } finally {
    await page.setViewportSize(size);
  }
}
