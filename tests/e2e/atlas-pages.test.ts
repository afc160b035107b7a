import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiServer } from '@atlas/api';
import { launchChromium } from '../support/browser.ts';
import { graphql } from '../support/graphql.ts';
import { horizontalOverflow, seriousAxeViolations, watchErrors } from '../support/page-checks.ts';
import { buildTinyAtlas, type TinyAtlas } from '../support/tiny-atlas.ts';
import { freePort, startWeb } from '../support/web-server.ts';

/** Committed: the README shows them. Viewport shots (not full pages) keep them small. */
// The README's screenshots are refreshed on request (UPDATE_SCREENSHOTS=1); a plain run writes
// its pictures under .atlas/, so running the tests leaves the checkout as it was.
const screenshotDir = process.env.UPDATE_SCREENSHOTS === '1'
  ? path.resolve(import.meta.dirname, '../../docs/screenshots')
  : path.resolve(import.meta.dirname, '../../.atlas/e2e/screenshots');

const DESKTOP = { width: 1366, height: 768 } as const;
const PHONE = { width: 390, height: 844 } as const;
const MAX_FEATURE_HTML_BYTES = 300 * 1024;

function encodeId(id: string): string {
  return id.split('/').map(encodeURIComponent).join('/');
}

/**
 * The atlas pages (home, model, SAE, feature) in Chromium over a demo-like atlas: no console
 * errors, nothing wider than a 390 px phone, no serious axe-core violations, light and dark; the
 * feature page's layout, size, "try it" box and API snippet; clear messages for bad URL
 * parameters and for an API that is down.
 */
describe('atlas pages in Chromium', () => {
  let atlas: TinyAtlas;
  let api: { url: string; stop(): Promise<void> };
  let web: { url: string; stop(): void };
  let browser: Browser;
  let saeId: string;
  let modelId: string;
  let featureId: string;
  let width: number;

  beforeAll(async () => {
    atlas = await buildTinyAtlas({ recipe: 'demo-like' });
    api = await createApiServer({ db: atlas.db, port: 0 });
    web = await startWeb(api.url);
    browser = await launchChromium();
    saeId = atlas.result.saeId;
    const { data } = await graphql<{ sae: { width: number; model: { id: string }; features: { edges: { node: { id: string; density: number } }[] } } }>(
      api.url,
      `query ($sae: ID!) { sae(id: $sae) { width model { id } features(first: 100) { edges { node { id density } } } } }`,
      { sae: saeId },
    );
    width = data!.sae.width;
    modelId = data!.sae.model.id;
    // A typical live feature: the median density among those that fired.
    const live = data!.sae.features.edges.map((edge) => edge.node).filter((node) => node.density > 0).sort((a, b) => a.density - b.density);
    featureId = live[Math.floor(live.length / 2)]!.id;
  });

  afterAll(async () => {
    await browser?.close();
    web?.stop();
    await api?.stop();
    await atlas?.db.close();
  });

  const pages = () => [
    { name: 'home', url: '/' },
    { name: 'model', url: `/model/${encodeId(modelId)}` },
    { name: 'sae', url: `/sae/${encodeId(saeId)}` },
    { name: 'feature', url: `/feature/${encodeId(featureId)}` },
  ];

  async function open(viewport: { width: number; height: number }, url: string, colorScheme: 'light' | 'dark' = 'light') {
    const page = await browser.newPage({ viewport, colorScheme });
    const errors = watchErrors(page);
    const response = await page.goto(`${web.url}${url}`, { waitUntil: 'networkidle', timeout: 180_000 });
    return { page, errors, status: response?.status() };
  }

  for (const [viewportName, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
    it(`every page at ${viewportName} width: loads, no console errors, no sideways overflow, no serious axe violations`, async () => {
      for (const { name, url } of pages()) {
        const { page, errors, status } = await open(viewport, url);
        expect(status, name).toBe(200);
        const overflow = await horizontalOverflow(page);
        expect(overflow.pixels, `${name} overflows at ${viewport.width} px: ${overflow.culprits.join(', ')}`).toBeLessThanOrEqual(0);
        expect(await seriousAxeViolations(page), name).toEqual([]);
        expect(errors, name).toEqual([]);
        await page.screenshot({ path: path.join(screenshotDir, `${name}-${viewportName}.png`) });
        await page.close();
      }
    });
  }

  it('in dark mode the pages use dark surfaces and stay accessible', async () => {
    for (const { name, url } of pages()) {
      const { page, errors } = await open(DESKTOP, url, 'dark');
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const [r, g, b] = background.match(/\d+/g)!.map(Number);
      expect(r! + g! + b!, `${name} background ${background}`).toBeLessThan(3 * 64);
      expect(await seriousAxeViolations(page), name).toEqual([]);
      expect(errors, name).toEqual([]);
      if (name === 'feature') await page.screenshot({ path: path.join(screenshotDir, 'feature-dark.png') });
      await page.close();
    }
  });

  it('the feature page: everything that characterises the feature within two laptop screens, in under 300 kB of HTML', async () => {
    const html = await (await fetch(`${web.url}/feature/${encodeId(featureId)}`)).text();
    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(MAX_FEATURE_HTML_BYTES);
    console.log(`feature page HTML: ${(Buffer.byteLength(html) / 1024).toFixed(1)} kB`);

    const { page } = await open(DESKTOP, `/feature/${encodeId(featureId)}`);
    for (const testId of ['top-activations', 'logit-effects', 'decoder-neighbours', 'coactivating-features']) {
      const box = await page.locator(`[data-testid="${testId}"]`).boundingBox();
      expect(box, testId).not.toBeNull();
      // Its top within the first two screens (the document's first 2 × 768 px).
      expect(box!.y, testId).toBeLessThan(2 * DESKTOP.height);
    }
    expect(await page.locator('h1').textContent()).toMatch(/Feature \d+/);
    expect(await page.locator('.id-line .pill').first().textContent()).toMatch(/label|unlabelled/);
    expect(await page.locator('[data-testid="logit-effects-note"]').textContent()).toMatch(/Tokens never seen in training are hidden/);
    // Logit lists hold no byte fragments or control characters.
    const logitTokens = await page.locator('[data-testid="logit-effects"] li').evaluateAll((items) => items.map((item) => item.getAttribute('title') ?? ''));
    expect(logitTokens.length).toBeGreaterThan(0);
    for (const title of logitTokens) expect(title).not.toMatch(/<0x[0-9A-F]{2}>|\\u00[01]|\\f/);
    // Clean highlighting: no coloured span starts with a space (no sliver where a line wraps)
    // and no context starts with one (no indent).
    const active = await page.locator('[data-testid="top-activations"] .token-active').allTextContents();
    expect(active.length).toBeGreaterThan(0);
    expect(active.filter((text) => /^\s/.test(text) && text.trim() !== '')).toEqual([]);
    const lines = await page.locator('[data-testid="top-activations"] .example > span:last-child').allTextContents();
    expect(lines.filter((text) => /^ /.test(text))).toEqual([]);
    await page.close();
  });

  it('the collapsed examples are rendered when opened, and without JavaScript through their link', async () => {
    const { data } = await graphql<{ feature: { topActivations: unknown[]; quantileExamples: { examples: unknown[] }[] } }>(
      api.url,
      `query ($id: ID!) { feature(id: $id) { topActivations(first: 20) { rank } quantileExamples { examples { rank } } } }`,
      { id: featureId },
    );
    const moreCount = Math.max(0, data!.feature.topActivations.length - 8);
    const binCount = data!.feature.quantileExamples.length;
    expect(binCount).toBeGreaterThan(0);
    // Not in the page as sent: most readers never open them.
    const html = await (await fetch(`${web.url}/feature/${encodeId(featureId)}`)).text();
    expect(html).not.toContain('quantile-bin');

    const { page, errors } = await open(DESKTOP, `/feature/${encodeId(featureId)}`);
    const range = page.locator('[data-testid="quantile-examples"]');
    await range.locator('summary').click();
    await range.locator('.quantile-bin').first().waitFor({ timeout: 120_000 });
    expect(await range.locator('.quantile-bin').count()).toBe(binCount);
    const more = page.locator('#more-top-activations');
    expect(await more.count()).toBe(moreCount > 0 ? 1 : 0);
    if (moreCount > 0) {
      await more.locator('summary').click();
      await more.locator('.example').first().waitFor({ timeout: 120_000 });
      expect(await more.locator('.example').count()).toBe(moreCount);
      expect(await more.locator('.example-rank').first().textContent()).toBe('#9');
    }
    expect(errors).toEqual([]);
    await page.close();

    // Without JavaScript the open disclosure holds a link to the page with every example inline.
    const context = await browser.newContext({ viewport: DESKTOP, javaScriptEnabled: false });
    const plain = await context.newPage();
    await plain.goto(`${web.url}/feature/${encodeId(featureId)}`, { timeout: 180_000 });
    await plain.locator('[data-testid="quantile-examples"] summary').click();
    await plain.getByRole('link', { name: 'Show these examples' }).click();
    await plain.waitForURL(/[?&]examples=all/);
    expect(await plain.locator('[data-testid="quantile-examples"][open] .quantile-bin').count()).toBe(binCount);
    if (moreCount > 0) expect(await plain.locator('#more-top-activations[open] .example').count()).toBe(moreCount);
    await context.close();
  });

  it('"try it" runs the model on any text and shows where this feature fires', async () => {
    const { data } = await graphql<{ feature: { topActivations: { tokens: string[] }[] } }>(
      api.url,
      `query ($id: ID!) { feature(id: $id) { topActivations(first: 1) { tokens } } }`,
      { id: featureId },
    );
    const text = data!.feature.topActivations[0]!.tokens.join('');
    const { page, errors } = await open(DESKTOP, `/feature/${encodeId(featureId)}`);
    await page.locator('#try-text').fill(text);
    await page.locator('[data-testid="try-feature"] button[type="submit"]').click();
    await page.waitForURL(/[?&]try=/);
    const result = page.locator('[data-testid="try-result"]');
    await result.waitFor({ timeout: 120_000 });
    // Its own strongest context makes it fire again.
    expect(await result.textContent()).toMatch(/Fires on \d+ of \d+ tokens/);
    expect(await result.locator('.token-active').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the GraphQL query and curl line on the page fetch this feature', async () => {
    const { page } = await open(DESKTOP, `/feature/${encodeId(featureId)}`);
    const query = await page.locator('[data-testid="feature-api-query"]').textContent();
    const curl = await page.locator('[data-testid="feature-api-curl"]').textContent();
    await page.close();
    const { data, errors } = await graphql<{ feature: { id: string; topActivations: unknown[] } }>(api.url, query!, { id: featureId });
    expect(errors).toBeUndefined();
    expect(data!.feature.id).toBe(featureId);
    expect(data!.feature.topActivations.length).toBeGreaterThan(0);
    expect(curl).toContain(api.url);
    expect(curl).toContain(JSON.stringify(featureId).slice(1, -1));
  });

  it('breadcrumbs link models → model → SAE → feature and back', async () => {
    const { page } = await open(DESKTOP, `/feature/${encodeId(featureId)}`);
    await page.locator('.breadcrumbs a', { hasText: 'Demo LM' }).click();
    await page.waitForURL(/\/model\//);
    expect(await page.locator('h1').textContent()).toBe('Demo LM');
    await page.locator(`a[href="/sae/${encodeId(saeId)}"]`).first().click();
    await page.waitForURL(/\/sae\//);
    await page.locator('.breadcrumbs a', { hasText: 'Models' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.close();
  });

  it('sorts and filters the feature list, and the order survives paging', async () => {
    const { page, errors } = await open(DESKTOP, `/sae/${encodeId(saeId)}`);
    const densities = () => page.locator('.feature-table tbody tr td:nth-child(3)').allTextContents().then((cells) => cells.map((cell) => parseFloat(cell)));
    // A client-side navigation changes the URL as it commits, which can be while the list's
    // loading skeleton still stands in for the table: wait for rows (or the empty message).
    const settled = (url: RegExp) => page.waitForURL(url).then(() => page.waitForFunction(
      () => document.querySelector('.feature-table tbody tr') !== null || /No features here/.test(document.body.innerText),
    ));
    await page.locator('.feature-table th a', { hasText: 'Density' }).click();
    await settled(/sort=density-desc/);
    const first = await densities();
    expect(first.length).toBe(25);
    expect([...first].sort((a, b) => b - a)).toEqual(first);
    await page.locator('a[rel="next"]').first().click();
    await settled(/sort=density-desc.*after=/);
    const second = await densities();
    expect(Math.max(...second)).toBeLessThanOrEqual(Math.min(...first));
    // The form: dead features only, lowest max activation first.
    await page.locator('select[name="quality"]').selectOption('dead');
    await page.locator('.list-controls button[type="submit"]').click();
    await settled(/quality=dead/);
    const summary = await page.locator('.pagination .muted').first().textContent();
    expect(summary).toMatch(/dead features|No features here/);
    expect((await densities()).every((density) => density === 0)).toBe(true);
    // Label text: a piece of the first feature's label keeps only features whose label has it.
    await page.goto(`${web.url}/sae/${encodeId(saeId)}`);
    const piece = (await page.locator('.feature-table .label-cell a').first().textContent())!.slice(0, 5);
    await page.locator('input[name="label"]').fill(piece);
    await page.locator('.list-controls button[type="submit"]').click();
    await settled(/label=/);
    const labels = await page.locator('.feature-table .label-cell a').allTextContents();
    expect(labels.length).toBeGreaterThan(0);
    expect(labels.every((text) => text.toLowerCase().includes(piece.toLowerCase()))).toBe(true);
    expect(await page.locator('.pagination .muted').first().textContent()).toMatch(/labelled/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('names bad URL parameters and the values they may take', async () => {
    const cases = [
      { url: `/sae/${encodeId(saeId)}?first=-3`, param: 'first', allowed: /1 to 100/ },
      { url: `/sae/${encodeId(saeId)}?goto=99999`, param: 'goto', allowed: new RegExp(`0 to ${width - 1}`) },
      { url: `/feature/${encodeId(featureId)}?counts=cubic`, param: 'counts', allowed: /linear or log/ },
      { url: `/sae/${encodeId(saeId)}?sort=loudest`, param: 'sort', allowed: /density-desc/ },
    ];
    for (const { url, param, allowed } of cases) {
      const { page, status } = await open(DESKTOP, url);
      expect(status, url).toBe(200);
      const notice = page.locator('[data-testid="param-problems"]');
      expect(await notice.textContent(), url).toContain(`?${param}=`);
      expect(await notice.textContent(), url).toMatch(allowed);
      // The page itself still renders with the default.
      expect(await page.locator('h1').first().isVisible()).toBe(true);
      if (param === 'first') await page.screenshot({ path: path.join(screenshotDir, 'bad-parameter.png') });
      await page.close();
    }
  });

  it('with the API down, every page says so and how to start it (not a blank screen)', async () => {
    const closedPort = await freePort();
    const orphan = await startWeb(`http://127.0.0.1:${closedPort}/graphql`);
    try {
      for (const { name, url } of pages()) {
        const page = await browser.newPage({ viewport: DESKTOP });
        await page.goto(`${orphan.url}${url}`, { timeout: 180_000 });
        const alert = page.locator('[role="alert"]').first();
        expect(await alert.textContent(), name).toMatch(/unreachable/i);
        expect(await alert.textContent(), name).toContain(`127.0.0.1:${closedPort}`);
        expect(await alert.textContent(), name).toContain('npm start');
        if (name === 'feature') await page.screenshot({ path: path.join(screenshotDir, 'api-down.png') });
        await page.close();
      }
    } finally {
      orphan.stop();
    }
  });
});
