import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiServer } from '@atlas/api';
import { launchChromium } from '../support/browser.ts';
import { graphql } from '../support/graphql.ts';
import { buildTinyAtlas, type TinyAtlas } from '../support/tiny-atlas.ts';
import { startWeb } from '../support/web-server.ts';

const screenshotDir = path.resolve(import.meta.dirname, '../../.atlas/e2e');

describe('the feature page in Chromium', () => {
  let atlas: TinyAtlas;
  let api: { url: string; stop(): Promise<void> };
  let web: { url: string; stop(): void };
  let browser: Browser;
  let featureId: string;
  let maxActivation: number;

  beforeAll(async () => {
    atlas = await buildTinyAtlas();
    api = await createApiServer({ db: atlas.db, port: 0 });
    web = await startWeb(api.url);
    browser = await launchChromium();
    const { data } = await graphql<{ features: { edges: { node: { id: string; density: number; maxActivation: number } }[] } }>(
      api.url,
      `query ($sae: ID!) { features(saeId: $sae, first: 64) { edges { node { id density maxActivation } } } }`,
      { sae: atlas.result.saeId },
    );
    const densest = data!.features.edges.map((edge) => edge.node).sort((a, b) => b.density - a.density)[0]!;
    featureId = densest.id;
    maxActivation = densest.maxActivation;
  });

  afterAll(async () => {
    await browser?.close();
    web?.stop();
    await api?.stop();
    await atlas?.db.close();
  });

  it('shows top activations with highlighted tokens and their values', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const response = await page.goto(`${web.url}/feature/${featureId}`);
    expect(response?.status()).toBe(200);
    const active = page.locator('.token-active');
    await active.first().waitFor({ timeout: 180_000 });
    expect(await active.count()).toBeGreaterThan(0);
    const values = (await active.evaluateAll((nodes) => nodes.map((node) => Number(node.getAttribute('data-value')))));
    expect(values.every((value) => value > 0)).toBe(true);
    expect(Math.max(...values)).toBeCloseTo(maxActivation, 3);
    // The strongest token is visibly highlighted (non-transparent background).
    const strongest = active.nth(values.indexOf(Math.max(...values)));
    const background = await strongest.evaluate((node) => getComputedStyle(node).backgroundColor);
    expect(background).not.toMatch(/rgba\(0, 0, 0, 0\)|transparent/);
    await strongest.hover();
    const title = await strongest.getAttribute('title');
    expect(title ?? '').toMatch(/\d/);
    mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: path.join(screenshotDir, 'feature-page.png'), fullPage: true });
    await page.close();
  });

  it('draws the activation histogram', async () => {
    const page = await browser.newPage();
    await page.goto(`${web.url}/feature/${featureId}`);
    const histogram = page.locator('[data-testid="activation-histogram"]');
    await histogram.waitFor({ timeout: 180_000 });
    expect(await histogram.locator('svg').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('links home → SAE → feature', async () => {
    const page = await browser.newPage();
    await page.goto(web.url);
    await page.locator('a[href^="/sae/"]').first().click();
    await page.waitForURL(/\/sae\//);
    await page.locator('a[href*="/feature/"]').first().click();
    await page.waitForURL(/\/feature\//);
    await page.locator('h1').first().waitFor();
    expect(await page.locator('h1').first().textContent()).toMatch(/Feature \d+/);
    await page.close();
  });

  it('steers from the feature page: baseline and steered continuations side by side', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${web.url}/feature/${featureId}`);
    const panel = page.locator('[data-testid="steering-panel"]');
    await panel.locator('button[type="submit"]:not([disabled])').waitFor({ timeout: 180_000 }); // hydrated
    await panel.locator('textarea').fill('Call me Ishmael.');
    await panel.getByLabel('Steering strength value').fill('-150');
    await panel.getByRole('button', { name: 'Steer' }).click();
    const result = panel.locator('[data-testid="steering-result"]');
    await result.waitFor({ timeout: 300_000 });
    for (const side of ['steering-baseline', 'steering-steered']) {
      const text = await result.locator(`[data-testid="${side}"] p`).textContent();
      expect(text ?? '').toMatch(/^Call me Ishmael\..+/s);
    }
    await page.close();
  });

  it('shows a 404 page for an unknown feature', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${web.url}/feature/${atlas.result.saeId}/99999`);
    expect(response?.status()).toBe(404);
    await page.close();
  });
});
