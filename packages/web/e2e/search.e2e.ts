// Browser tests of the search page and the reader, in Debian's chromium, against a real server
// started by scripts/e2e.mjs (E2E_BASE_URL) with the demo workspace loaded.
import { statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, launchChromium } from './browser.ts';

/** A word the demo workspace has in English documents, and one in Chinese ones. */
const ENGLISH_QUERY = 'Calgary';
const CHINESE_QUERY = '福州';
/** The README screenshot: a query with hits in several languages. */
const SCREENSHOT_QUERY = 'Fuzhou';

interface Problems {
  console: string[];
  failedRequests: string[];
  cspViolations: string[];
}

interface Tab {
  page: Page;
  problems: Problems;
}

let browser: Browser;
let context: BrowserContext | undefined;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** A fresh page that records console errors, failed requests and CSP violations. */
async function openTab(): Promise<Tab> {
  context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
  const page = await context.newPage();
  const problems: Problems = { console: [], failedRequests: [], cspViolations: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      problems.console.push(msg.text());
    }
  });
  page.on('pageerror', (err) => problems.console.push(`uncaught: ${err.message}`));
  page.on('requestfailed', (req) =>
    problems.failedRequests.push(`${req.method()} ${req.url()}: ${req.failure()?.errorText ?? 'failed'}`),
  );
  page.on('response', (res) => {
    if (res.status() >= 400) {
      problems.failedRequests.push(`${res.request().method()} ${res.url()}: HTTP ${res.status()}`);
    }
  });
  await page.exposeFunction('__reportCspViolation', (text: string) => problems.cspViolations.push(text));
  // Init scripts run before the page's own code and are not subject to its CSP.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __reportCspViolation: (t: string) => void })
        .__reportCspViolation;
      report(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
    });
  });
  return { page, problems };
}

afterEach(async () => {
  await context?.close();
  context = undefined;
});

async function searchFor(page: Page, query: string): Promise<void> {
  const input = page.getByTestId('search-input');
  await input.fill(query);
  await input.press('Enter');
  await page.waitForURL((url) => url.searchParams.get('q') === query);
  await waitForResults(page);
}

/** Waits until the results pane shows settled results (not a stale list from the last query). */
async function waitForResults(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="results"][aria-busy="false"] h2[data-total]');
}

async function resultLanguages(page: Page): Promise<string[]> {
  return page
    .getByTestId('search-result')
    .locator('[data-testid="language-badge"]')
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-lang') ?? ''));
}

async function shownTotal(page: Page): Promise<number> {
  return Number(await page.locator('#results-heading').getAttribute('data-total'));
}

describe('search and reader', () => {
  it('finds a name, marks it in the snippets, and opens the document with the hits marked', async () => {
    const { page } = await openTab();
    await page.goto(`${BASE_URL}/`);
    await expect(page.getByRole('searchbox', { name: 'Search documents' }).isVisible()).resolves.toBe(true);

    await searchFor(page, ENGLISH_QUERY);
    const results = page.getByTestId('search-result');
    expect(await results.count()).toBeGreaterThan(0);
    expect(await shownTotal(page)).toBeGreaterThanOrEqual(await results.count());
    const snippetMarks = await results.locator('mark').allTextContents();
    expect(snippetMarks.length).toBeGreaterThan(0);
    expect(snippetMarks.some((t) => t.toLowerCase().includes(ENGLISH_QUERY.toLowerCase()))).toBe(true);

    const firstTitle = (await results.first().locator('h3 a').textContent())?.trim() ?? '';
    await results.first().locator('h3 a').click();
    await page.waitForURL(/\/documents\/[^/?]+\?q=/);
    expect(new URL(page.url()).searchParams.get('q')).toBe(ENGLISH_QUERY);
    await page.waitForSelector('[data-testid="reader-text"] mark');
    expect((await page.locator('h1').textContent())?.trim()).toBe(firstTitle);
    const readerMarks = page.getByTestId('reader-text').locator('mark');
    expect(await readerMarks.count()).toBeGreaterThan(0);
    expect((await readerMarks.first().textContent())?.toLowerCase()).toContain(ENGLISH_QUERY.toLowerCase());

    // "Next highlight" selects (and scrolls to) the first mark.
    await page.getByRole('button', { name: 'Next highlight' }).click();
    await expect(readerMarks.first().getAttribute('class')).resolves.toBe('current');

    // Back to the same results, with the query still in the box.
    await page.getByRole('link', { name: '← Back to results' }).click();
    await page.waitForURL((url) => url.pathname === '/search' && url.searchParams.get('q') === ENGLISH_QUERY);
    await waitForResults(page);
    await expect(page.getByTestId('search-input').inputValue()).resolves.toBe(ENGLISH_QUERY);
    expect(await page.getByTestId('search-result').count()).toBeGreaterThan(0);
  });

  it('finds Chinese documents for a Chinese query', async () => {
    const { page } = await openTab();
    await page.goto(`${BASE_URL}/search`);
    await waitForResults(page);
    await searchFor(page, CHINESE_QUERY);
    expect(await page.getByTestId('search-result').count()).toBeGreaterThan(0);
    expect(await resultLanguages(page)).toContain('zh');
    const marks = await page.getByTestId('search-result').locator('mark').allTextContents();
    expect(marks.some((t) => t.includes(CHINESE_QUERY))).toBe(true);

    // Reload keeps the state: it lives in the URL.
    await page.reload();
    await waitForResults(page);
    await expect(page.getByTestId('search-input').inputValue()).resolves.toBe(CHINESE_QUERY);
    expect(await page.getByTestId('search-result').count()).toBeGreaterThan(0);
  });

  it('narrows the results to one language with the language facet', async () => {
    const { page } = await openTab();
    await page.goto(`${BASE_URL}/search`);
    await waitForResults(page);
    const totalBefore = await shownTotal(page);

    const facets = await page.locator('input[data-testid^="facet-lang-"]').evaluateAll((els) =>
      els.map((el) => ({
        code: (el.getAttribute('data-testid') ?? '').replace('facet-lang-', ''),
        count: Number(
          el.closest('li')?.querySelector('.facet-count')?.textContent?.replace(/\D/g, '') ?? '0',
        ),
      })),
    );
    expect(facets.length).toBeGreaterThan(1);
    const facet = facets.find((f) => f.count > 0 && f.count < totalBefore);
    expect(facet).toBeDefined();
    if (!facet) {
      return;
    }

    await page.getByTestId(`facet-lang-${facet.code}`).check();
    await page.waitForURL((url) => url.searchParams.get('lang') === facet.code);
    await page.waitForFunction(
      (n) => document.querySelector('#results-heading')?.getAttribute('data-total') === String(n),
      facet.count,
    );
    await waitForResults(page);

    expect(await shownTotal(page)).toBe(facet.count);
    expect(await shownTotal(page)).toBeLessThan(totalBefore);
    await expect(page.getByTestId(`facet-lang-${facet.code}`).isChecked()).resolves.toBe(true);
    const languages = await resultLanguages(page);
    expect(languages.length).toBe(Math.min(facet.count, 20));
    expect(new Set(languages)).toEqual(new Set([facet.code]));

    // The export link carries the same filter.
    const exportHref = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
    expect(new URL(exportHref ?? '', BASE_URL).searchParams.get('lang')).toBe(facet.code);

    // Back undoes the filter.
    await page.goBack();
    await page.waitForFunction(
      (n) => document.querySelector('#results-heading')?.getAttribute('data-total') === String(n),
      totalBefore,
    );
    await expect(page.getByTestId(`facet-lang-${facet.code}`).isChecked()).resolves.toBe(false);
  });

  it('asks for a login before it lists ingest runs, then shows what a run stored', async () => {
    const { page } = await openTab();
    const anonymous = await page.request.get(`${BASE_URL}/api/runs`);
    expect(anonymous.status()).toBe(401);
    const login = await page.request.post(`${BASE_URL}/api/auth/login`, {
      data: { email: process.env.E2E_EMAIL ?? '', password: process.env.E2E_PASSWORD ?? '' },
    });
    expect(login.status()).toBe(200);
    await page.goto(`${BASE_URL}/runs`);
    const table = page.getByTestId('runs-table');
    await table.waitFor();
    const demoRow = table.locator('tr', { hasText: 'demo load' });
    expect(await demoRow.count()).toBeGreaterThan(0);
    await demoRow.first().getByRole('link').click();
    await page.getByRole('heading', { name: 'Stored' }).waitFor();
    expect(await page.locator('.runs-list li').count()).toBeGreaterThanOrEqual(25);
  });

  it('runs without console errors, failed requests or CSP violations', async () => {
    const { page, problems } = await openTab();
    const response = await page.goto(`${BASE_URL}/`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await waitForResults(page);
    await searchFor(page, ENGLISH_QUERY);
    const firstLang = await page
      .locator('input[data-testid^="facet-lang-"]')
      .first()
      .getAttribute('data-testid');
    expect(firstLang).toBeTruthy();
    await page.getByTestId(firstLang ?? '').check();
    await page.waitForURL((url) => url.searchParams.has('lang'));
    await waitForResults(page);
    await page.getByTestId('search-result').first().locator('h3 a').click();
    await page.waitForSelector('[data-testid="reader-text"]');
    await page.goBack();
    await waitForResults(page);
    await searchFor(page, CHINESE_QUERY);

    expect(problems.console).toEqual([]);
    expect(problems.failedRequests).toEqual([]);
    expect(problems.cspViolations).toEqual([]);
  });

  it.skipIf(!process.env.E2E_SCREENSHOT)('saves the README screenshot of the search page', async () => {
    const target = resolve(process.env.E2E_SCREENSHOT ?? '');
    const { page } = await openTab();
    await page.goto(`${BASE_URL}/search?${new URLSearchParams({ q: SCREENSHOT_QUERY }).toString()}`);
    await waitForResults(page);
    await page.waitForSelector('[data-testid="search-result"] mark');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await mkdir(dirname(target), { recursive: true });
    await page.screenshot({ path: target, type: 'png' });
    expect(statSync(target).size).toBeLessThan(300 * 1024);
  });
});
