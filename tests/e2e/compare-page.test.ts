import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getComparisonMatches } from '@atlas/db';
import { buildAtlas, runComparison, silentProgress, type AtlasRecipe } from '@atlas/pipeline';
import type { TinyAtlas } from '../support/tiny-atlas.ts';
import { openTinySite, type TinySite } from '../support/tiny-site.ts';

// The comparison page and "same feature elsewhere" (issue 12) on two real tiny SAEs of one hook.
describe('comparisons in Chromium', () => {
  let site: TinySite;
  let atlas: TinyAtlas;
  let web: TinySite['web'];
  let browser: Browser;
  let comparisonId: number;
  let pair: { featureIdA: number; indexA: number; indexB: number; saeB: string };
  let familiesId: number;
  let familyEdge: { indexA: number; indexB: number; score: number };

  // A second, narrower SAE of the same hook and the comparisons, made before the site serves them.
  const prepare = async (atlas: TinyAtlas) => {
    const narrow = { ...(atlas.recipe as Extract<AtlasRecipe, { saeDir?: undefined }>), width: 32, saeSeed: 2 };
    const built = await buildAtlas(narrow, { db: atlas.db, workDir: path.join(atlas.workDir, 'narrow'), progress: silentProgress, log: () => {} });
    const { run } = await runComparison(atlas.db, { saeA: atlas.result.saeId, saeB: built.saeId, method: 'decoder-cosine', tokens: 256, seed: 0 }, { runKey: 'e2e' });
    comparisonId = run.id;
    const [best] = (await getComparisonMatches(atlas.db, run.id, { limit: 1, offset: 0, assignedOnly: true })).rows;
    pair = { ...best!, saeB: built.saeId };
    // Families: the 32-wide SAE's features (parents) and their children in the 64-wide one.
    const families = await runComparison(atlas.db, { saeA: built.saeId, saeB: atlas.result.saeId, method: 'families', corpus: atlas.corpusFile, tokens: 256, seed: 0 }, { runKey: 'e2e-families' });
    familiesId = families.run.id;
    const [top] = (await getComparisonMatches(atlas.db, familiesId, { limit: 1, offset: 0 })).rows;
    if (!top) throw new Error('the families comparison of the tiny SAEs stored no edge: nothing to draw');
    familyEdge = top;
  };

  beforeAll(async () => {
    site = await openTinySite({ prepare });
    ({ atlas, web, browser } = site);
  }, 20 * 60_000);

  afterAll(() => site?.close());

  it('shows the figures with their nulls, the score histogram and the pairs linking to both features', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const response = await page.goto(`${web.url}/compare/${comparisonId}`);
    expect(response?.status()).toBe(200);
    const figures = page.getByTestId('comparison-figures');
    await expect(figures.locator('tbody tr').count()).resolves.toBeGreaterThan(3);
    expect(await figures.innerText()).toMatch(/assignedMean[\s\S]*shuffle/);
    expect(await page.locator('svg[aria-label^="Histogram of"] rect').count()).toBe(20);
    const firstPair = page.getByTestId('comparison-matches').locator('tbody tr').first();
    const links = await firstPair.locator('a').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('href')));
    expect(links).toEqual([
      `/feature/${atlas.result.saeId}/${pair.indexA}`,
      `/feature/${pair.saeB}/${pair.indexB}`,
    ]);
    await page.close();
  });

  it('lists the feature in the other SAE under "Same feature elsewhere", linked to the comparison', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${web.url}/feature/${atlas.result.saeId}/${pair.indexA}`);
    const section = page.getByTestId('feature-matches');
    await section.waitFor({ timeout: 30_000 });
    const hrefs = await section.locator('a').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('href')));
    expect(hrefs).toContain(`/feature/${pair.saeB}/${pair.indexB}`);
    expect(hrefs).toContain(`/compare/${comparisonId}`);
    await page.close();
  });

  it('shows the SAE’s atoms metrics and links its comparisons from the SAE page', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${web.url}/sae/${atlas.result.saeId}`);
    const header = await page.locator('header.page-header').innerText();
    expect(header).toMatch(/R²/i);
    expect(header).toMatch(/coherence μ/iu);
    expect(header).toMatch(/q\*/i);
    const list = page.getByTestId('sae-comparisons');
    await list.waitFor({ timeout: 30_000 });
    const hrefs = await list.locator('a').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('href')));
    // Newest first: the families run (the narrow SAE is its A), then decoder cosine.
    expect(hrefs).toEqual([`/compare/${familiesId}`, `/sae/${pair.saeB}`, `/compare/${comparisonId}`, `/sae/${pair.saeB}`]);
    await page.close();
  });

  it('answers 404 for an unknown comparison', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${web.url}/compare/999999`);
    expect(response?.status()).toBe(404);
    await page.close();
  });

  it('draws the family tree on the feature page at phone width: the parent above, the feature, linked with its cosine', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${web.url}/feature/${atlas.result.saeId}/${familyEdge.indexB}`);
    const tree = page.getByTestId('feature-family');
    await tree.waitFor({ timeout: 30_000 });
    const hrefs = await tree.locator('a').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('href')));
    expect(hrefs.slice(0, 2)).toEqual([`/feature/${pair.saeB}/${familyEdge.indexA}`, `/compare/${familiesId}`]);
    const text = await tree.innerText();
    expect(text).toMatch(new RegExp(`#${familyEdge.indexA}\\b[\\s\\S]*#${familyEdge.indexB}\\b`));
    expect(text).toContain(`cos ${Number(familyEdge.score.toPrecision(2))}`);
    // Readable at 390 px: the tree fits the viewport and scrolls nowhere inside (long labels are cut with an ellipsis).
    const box = await tree.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    expect(await tree.evaluate((element) => element.scrollWidth - element.clientWidth)).toBeLessThanOrEqual(0);
    await page.close();
  });
});
