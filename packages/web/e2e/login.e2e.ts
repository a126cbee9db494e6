// The login page in a real browser: a wrong password is refused on the page, the right one signs
// in (the header then offers "Log out"), and logging out returns to anonymous reading.
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, launchChromium } from './browser.ts';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium(['E2E_EMAIL']);
});
afterAll(async () => {
  await browser?.close();
});

async function fillLogin(page: Page, password: string): Promise<void> {
  const form = page.getByTestId('login-form');
  await form.getByLabel('E-mail').fill(process.env.E2E_EMAIL ?? '');
  await form.getByLabel('Password').fill(password);
  await form.getByRole('button', { name: 'Log in' }).click();
}

describe('login page', () => {
  it('refuses a wrong password, signs in with the right one, and signs out', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${BASE_URL}/`);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Log in' }).click();
    await page.waitForURL(`${BASE_URL}/login`);

    await fillLogin(page, 'certainly not the password');
    await expect(page.getByRole('alert').textContent()).resolves.toContain(
      'wrong e-mail address or password',
    );

    await fillLogin(page, process.env.E2E_PASSWORD ?? '');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('button', { name: 'Log out' }).waitFor();
    expect(await nav.textContent()).toContain(process.env.E2E_EMAIL ?? '');
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === 'longarm_session')?.httpOnly).toBe(true);
    expect((await page.request.get(`${BASE_URL}/api/runs`)).status()).toBe(200);

    await nav.getByRole('button', { name: 'Log out' }).click();
    await nav.getByRole('link', { name: 'Log in' }).waitFor();
    expect((await page.request.get(`${BASE_URL}/api/runs`)).status()).toBe(401);
    expect(errors).toEqual([]);
    await context.close();
  });
});
