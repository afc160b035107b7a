import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiServer } from '@atlas/api';
import { launchChromium } from '../support/browser.ts';
import { graphql } from '../support/graphql.ts';
import { buildTinyAtlas, type TinyAtlas } from '../support/tiny-atlas.ts';
import { startWeb } from '../support/web-server.ts';

type Point = { index: number; x: number; y: number; cluster: number | null };

/**
 * The map page's geometry (apps/web/src/components/feature-map-webgl.tsx): the [0, 1]² map at 95% of
 * the canvas's shorter side, centred (regl-scatterplot's initial view of [-1, 1]² clip space).
 */
function fitted(width: number, height: number) {
  const scale = Math.min(width, height) * 0.95;
  return { scale, offsetX: (width - scale) / 2, offsetY: (height - scale) / 2 };
}

/** Errors the page logs or throws, collected for the whole visit. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

describe('the feature map in Chromium', () => {
  let atlas: TinyAtlas;
  let api: { url: string; stop(): Promise<void> };
  let web: { url: string; stop(): void };
  let browser: Browser;
  let points: Point[];

  beforeAll(async () => {
    atlas = await buildTinyAtlas();
    api = await createApiServer({ db: atlas.db, port: 0 });
    web = await startWeb(api.url);
    browser = await launchChromium();
    const { data } = await graphql<{ sae: { map: { points: Point[] } } }>(
      api.url, `query ($sae: ID!) { sae(id: $sae) { map { points { index x y cluster } } } }`, { sae: atlas.result.saeId },
    );
    points = data!.sae.map.points;
  });

  afterAll(async () => {
    await browser?.close();
    web?.stop();
    await api?.stop();
    await atlas?.db.close();
  });

  it('loads, zooms, hovers a feature and clicks through to it, with no console errors', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = collectErrors(page);
    const response = await page.goto(`${web.url}/map/${atlas.result.saeId}`);
    expect(response?.status()).toBe(200);
    const canvas = page.getByTestId('feature-map');
    await canvas.waitFor({ timeout: 180_000 });
    // The points arrive from /map-points/… and are drawn with WebGL (not embedded in the HTML).
    await page.waitForFunction(() => performance.getEntriesByName('feature-map-painted').length > 0, undefined, { timeout: 60_000 });
    expect(Number(await canvas.getAttribute('data-points'))).toBe(points.length);
    expect(await page.getByTestId('map-colouring').inputValue()).toBe('cluster');

    // Zoom in about the centre (×1.5); the view then maps a point as below.
    await page.getByRole('button', { name: 'Zoom in' }).click();
    const box = (await canvas.boundingBox())!;
    const fit = fitted(box.width, box.height);
    const scale = fit.scale * 1.5;
    const anchor = { x: (box.width / 2 - fit.offsetX) / fit.scale, y: (box.height / 2 - fit.offsetY) / fit.scale };
    const screen = (p: Point) => ({ x: box.width / 2 + (p.x - anchor.x) * scale, y: box.height / 2 + (p.y - anchor.y) * scale });
    // Of the points still on the canvas (away from the buttons), the most isolated: the one under the cursor is unambiguous.
    const visible = points.filter((p) => { const s = screen(p); return s.x > 20 && s.y > 60 && s.x < box.width - 20 && s.y < box.height - 20; });
    const isolation = (p: Point) => Math.min(...points.filter((q) => q !== p).map((q) => Math.hypot(q.x - p.x, q.y - p.y)));
    const target = [...visible].sort((a, b) => isolation(b) - isolation(a))[0]!;
    const at = screen(target);
    await page.mouse.move(box.x + at.x, box.y + at.y);
    const tooltip = page.getByRole('tooltip');
    await tooltip.waitFor();
    expect(await tooltip.textContent()).toContain(`#${target.index}`);
    expect(await tooltip.textContent()).toMatch(/density|dead/);
    // The labels come after the first draw (/map-points/…?part=labels); the open tooltip then shows its feature's.
    await expect.poll(() => tooltip.textContent(), { timeout: 60_000 }).not.toContain('label loading');

    await page.mouse.click(box.x + at.x, box.y + at.y);
    await page.waitForURL(new RegExp(`/feature/.*/${target.index}$`), { timeout: 60_000 });
    expect(errors).toEqual([]);
  });

  it('rings the features named in ?highlight= and says how many', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = collectErrors(page);
    await page.goto(`${web.url}/map/${atlas.result.saeId}?highlight=1,2,3,x,99999`);
    await page.getByTestId('feature-map').waitFor({ timeout: 180_000 });
    await page.getByText('3 marked features ringed in red.').waitFor({ timeout: 60_000 });
    await page.getByTestId('map-colouring').selectOption('source');
    await page.getByText('machine label').waitFor();
    expect(errors).toEqual([]);
  });

  it('serves the points without labels, the labels apart in the same order, and refuses an unknown part', async () => {
    const base = `${web.url}/map-points/${atlas.result.saeId}`;
    const columns = (await (await fetch(base)).json()) as { count: number; index: number[]; label?: unknown };
    expect(columns.count).toBe(points.length);
    expect(columns.label).toBeUndefined();
    const labels = (await (await fetch(`${base}?part=labels`)).json()) as { count: number; label: (string | null)[] };
    expect(labels.count).toBe(columns.count);
    const { data } = await graphql<{ sae: { map: { points: { index: number; label: string | null }[] } } }>(
      api.url, `query ($sae: ID!) { sae(id: $sae) { map { points { index label } } } }`, { sae: atlas.result.saeId },
    );
    const labelOf = new Map(data!.sae.map.points.map((p) => [p.index, p.label ?? null]));
    expect(labels.label).toEqual(columns.index.map((index) => labelOf.get(index)));
    const wrong = await fetch(`${base}?part=everything`);
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { code: string }).code).toBe('BAD_USER_INPUT');
  });
  it('paints every point before hydration, then draws every point with WebGL, at desktop and phone width', async () => {
    // The point farthest from the map's centre: the WebGL renderer once drew only a 300 × 150 window in the middle.
    const far = [...points].sort((a, b) => Math.hypot(b.x - 0.5, b.y - 0.5) - Math.hypot(a.x - 0.5, a.y - 0.5))[0]!;
    for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
      const page = await browser.newPage({ viewport });
      const errors = collectErrors(page);
      await page.goto(`${web.url}/map/${atlas.result.saeId}`);
      await page.waitForFunction(() => performance.getEntriesByName('feature-map-painted').length > 0, undefined, { timeout: 180_000 });
      const box = (await page.getByTestId('feature-map').boundingBox())!;
      const fit = fitted(box.width, box.height);
      const at = { x: fit.offsetX + far.x * fit.scale, y: fit.offsetY + far.y * fit.scale };
      expect(at.x).toBeGreaterThan(0);
      expect(at.x).toBeLessThan(box.width);
      // The most opaque pixel around the point, on the preview (painted by the page's inline script) and on the plot.
      const opacity = (await page.evaluate(`(() => {
        const near = (canvas) => {
          // The preview is hidden by now (no box of its own): both canvases cover the plot's box.
          const ratio = canvas.width / ${box.width};
          const data = canvas.getContext('2d').getImageData(Math.round(${at.x} * ratio) - 4, Math.round(${at.y} * ratio) - 4, 9, 9).data;
          let most = 0;
          for (let i = 3; i < data.length; i += 4) most = Math.max(most, data[i]);
          return most;
        };
        return {
          previewFirst: performance.getEntriesByName('map:preview-painted')[0].startTime <= performance.getEntriesByName('feature-map-painted')[0].startTime,
          preview: near(document.querySelector('canvas[data-map-preview]')),
          plot: near(document.querySelector('[data-testid=feature-map]')),
        };
      })()`)) as { previewFirst: boolean; preview: number; plot: number };
      expect(opacity.previewFirst).toBe(true);
      expect(opacity.preview).toBeGreaterThan(100);
      expect(opacity.plot).toBeGreaterThan(100);
      // Once WebGL has drawn, the preview is hidden.
      expect(await page.locator('canvas[data-map-preview]').isHidden()).toBe(true);
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it('says so, and links the feature list, in a browser without WebGL', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = collectErrors(page);
    // What a browser without WebGL answers (the spec's null for an unavailable context).
    await page.addInitScript(() => {
      const getContext = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
        return /webgl/.test(type) ? null : (getContext as (...args: unknown[]) => unknown).call(this, type, ...rest);
      } as typeof HTMLCanvasElement.prototype.getContext;
    });
    await page.goto(`${web.url}/map/${atlas.result.saeId}`);
    const alert = page.getByText('This browser has no WebGL');
    await alert.waitFor({ timeout: 180_000 });
    expect(await page.getByRole('alert').getByRole('link', { name: 'feature list' }).count()).toBe(1);
    expect(await page.getByTestId('feature-map').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
