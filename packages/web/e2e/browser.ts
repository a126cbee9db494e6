import { chromium, type Browser } from 'playwright-core';

/** The server under test, from `npm run test:e2e`. */
export const BASE_URL = (process.env.E2E_BASE_URL ?? '').replace(/\/$/, '');

/**
 * Debian's chromium, headless, with nothing that calls home (there is no network beyond loopback
 * here). Refuses to start when the tests were not launched by `npm run test:e2e`.
 */
export async function launchChromium(required: string[] = []): Promise<Browser> {
  const missing = ['E2E_BASE_URL', ...required].filter((name) => !process.env[name]);
  if (missing.length > 0) {
    throw new Error(`${missing.join(' and ')} not set; run the browser tests with \`npm run test:e2e\``);
  }
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--disable-background-networking',
      '--disable-quic',
      '--disable-sync',
      '--disable-component-update',
      '--no-first-run',
      '--headless',
      '--disable-gpu',
      '--no-sandbox',
    ],
  });
}
