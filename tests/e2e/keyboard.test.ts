import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTinySite, type TinySite } from '../support/tiny-site.ts';

/** Errors the page logs or throws, collected for the whole visit. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** What has keyboard focus: its tag, accessible-ish name, and whether a focus ring (outline) shows. */
function focusedElement(page: Page) {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return null;
    const style = getComputedStyle(element);
    return {
      tag: element.tagName.toLowerCase(),
      text: (element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 60),
      ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
      inSteering: Boolean(element.closest('[data-testid="steering-panel"]')),
      inClusters: Boolean(element.closest('nav[aria-label="Clusters"]')),
    };
  });
}

describe('keyboard use in Chromium', () => {
  let site: TinySite;
  let atlas: TinySite['atlas'];
  let web: TinySite['web'];
  let browser: Browser;
  let featureId: string;

  beforeAll(async () => {
    site = await openTinySite();
    ({ atlas, web, browser } = site);
    featureId = (await site.features(64)).sort((a, b) => b.density - a.density)[0]!.id;
  });

  afterAll(async () => {
    await site?.close();
  });

  it('feature page: the first Tab is a visible skip link, and tabbing reaches the steering form with a focus ring on every stop', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = collectErrors(page);
    await page.goto(`${web.url}/feature/${featureId}`);
    await page.locator('[data-testid="steering-panel"]').waitFor({ timeout: 180_000 });
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    expect(await skip.evaluate((element) => element === document.activeElement)).toBe(true);
    const box = (await skip.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

    const withoutRing: string[] = [];
    let reachedSteering = false;
    for (let step = 0; step < 150 && !reachedSteering; step += 1) {
      await page.keyboard.press('Tab');
      const focused = await focusedElement(page);
      if (!focused) continue;
      if (!focused.ring) withoutRing.push(`${focused.tag} "${focused.text}"`);
      reachedSteering = focused.inSteering;
    }
    expect(reachedSteering).toBe(true);
    expect(withoutRing).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('map page: tabbing reaches a cluster, Enter lists its features, and a feature opens', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = collectErrors(page);
    await page.goto(`${web.url}/map/${atlas.result.saeId}`);
    await page.getByRole('navigation', { name: 'Clusters' }).waitFor({ timeout: 180_000 });
    const withoutRing: string[] = [];
    let inClusters = false;
    for (let step = 0; step < 40 && !inClusters; step += 1) {
      await page.keyboard.press('Tab');
      const focused = await focusedElement(page);
      if (!focused) continue;
      if (!focused.ring) withoutRing.push(`${focused.tag} "${focused.text}"`);
      inClusters = focused.inClusters;
    }
    expect(inClusters).toBe(true);
    expect(withoutRing).toEqual([]);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    const link = await page.evaluate(() => (document.activeElement as HTMLAnchorElement | null)?.getAttribute('href') ?? '');
    expect(link).toMatch(/\/feature\/.*\/\d+$/);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === link, { timeout: 60_000 });
    expect(errors).toEqual([]);
  });
});
