// The first start of a workspace creates its owner, and owners must use two-factor login: in a real
// browser the owner logs in with the generated password, is taken to the enrolment page, scans the
// key (read here from the page), confirms a code, and only then reaches the app; the next login
// asks for a code.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Secret, TOTP } from 'otpauth';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, launchChromium } from './browser.ts';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium(['E2E_DATA']);
});
afterAll(async () => {
  await browser?.close();
});

async function logIn(page: Page, email: string, password: string, code?: string): Promise<void> {
  const form = page.getByTestId('login-form');
  await form.getByLabel('E-mail').fill(email);
  await form.getByLabel('Password').fill(password);
  if (code) {
    await form.getByLabel('Code from your authenticator app').fill(code);
  }
  await form.getByRole('button', { name: 'Log in' }).click();
}

describe('first owner and two-factor enrolment', () => {
  it('enrols an authenticator before the owner can do anything, then asks for its code at login', async () => {
    const [email = '', password = ''] = readFileSync(
      join(process.env.E2E_DATA ?? '', 'first-owner-password.txt'),
      'utf8',
    ).split('\n');
    expect(email).toBe('owner@longarm.local');
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // Console errors other than the refused requests this test makes on purpose (401 without a code).
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) {
        errors.push(m.text());
      }
    });

    await page.goto(`${BASE_URL}/login`);
    await logIn(page, email, password);
    await page.waitForURL(`${BASE_URL}/account/two-factor`);
    // Until enrolment, the session reaches nothing else.
    expect((await page.request.get(`${BASE_URL}/api/runs`)).status()).toBe(403);
    await expect(
      page.getByRole('img', { name: 'QR code for your authenticator app' }).isVisible(),
    ).resolves.toBe(true);
    const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const totp = new TOTP({ secret: Secret.fromBase32(secret) });
    const form = page.getByTestId('totp-form');
    await form.getByLabel('Code from your authenticator app').fill(totp.generate());
    await form.getByRole('button', { name: 'Turn on two-factor login' }).click();
    await page.waitForURL(`${BASE_URL}/`);
    expect((await page.request.get(`${BASE_URL}/api/runs`)).status()).toBe(200);

    // Log out, then log in again: the password alone is not enough any more.
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('button', { name: 'Log out' }).click();
    await nav.getByRole('link', { name: 'Log in' }).click();
    await page.waitForURL(`${BASE_URL}/login`);
    await logIn(page, email, password);
    await expect(page.getByRole('alert').textContent()).resolves.toContain('6-digit code');
    // A code of the next period: the one used for enrolment counts only once.
    await logIn(page, email, password, totp.generate({ timestamp: Date.now() + 30_000 }));
    await nav.getByRole('button', { name: 'Log out' }).waitFor();
    expect((await page.request.get(`${BASE_URL}/api/runs`)).status()).toBe(200);
    expect(errors).toEqual([]);
    await context.close();
  });
});
