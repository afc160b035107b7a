import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTinySite, type TinySite } from '../support/tiny-site.ts';

/** The search box, the results page and the "your text" page in Chromium, over a tiny atlas. */
describe('search pages in Chromium', () => {
  let site: TinySite;
  let web: TinySite['web'];
  let browser: Browser;

  beforeAll(async () => {
    site = await openTinySite();
    ({ web, browser } = site);
  });

  afterAll(() => site?.close());

  it('searches from the header box and lands on a shareable results page with highlighted examples', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(web.url);
    await page.locator('#site-search').fill('sea ship');
    await page.locator('#site-search').press('Enter');
    await page.waitForURL(/\/search\?q=sea\+ship/);
    const results = page.locator('.search-result');
    await results.first().waitFor({ timeout: 30_000 });
    expect(await results.count()).toBeGreaterThan(0);
    expect(await results.first().locator('.token-active').count()).toBeGreaterThan(0);
    // The URL is the search: opening it again (words only) gives a page of its own.
    const shared = await page.goto(`${web.url}/search?q=sea&mode=full-text`);
    expect(shared?.status()).toBe(200);
    expect(await page.locator('.search-result').count()).toBeGreaterThan(0);
    // A query the API refuses is explained, not a 404.
    await page.goto(`${web.url}/search?q=${encodeURIComponent('!!! ---')}`);
    expect(await page.locator('p.notice[role="alert"]').textContent()).toMatch(/no words/);
    await page.close();
  });

  it('runs the SAE on pasted text: tokens highlighted, features listed', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${web.url}/text`);
    await page.locator('#text-input').fill('Call me Ishmael. The ship sailed across the sea.');
    await page.locator('.text-form button[type="submit"]').click();
    await page.waitForURL(/\/text\?sae=.*&text=Call/);
    await page.locator('[data-testid="text-tokens"]').waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-testid="text-tokens"] .token-active').count()).toBeGreaterThan(0);
    expect(await page.locator('tr[data-feature-id]').count()).toBeGreaterThan(0);
    await page.close();
  });
});
