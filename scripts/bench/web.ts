// `npm run bench:web [-- --feature-page] [--runs 5]`: the atlas's speed in Chromium on the production build (`next build` +
// `next start`), issue 14's targets beside each figure:
//   - feature page largest contentful paint (PerformanceObserver 'largest-contentful-paint') ≤ 1 s;
//   - first-load JavaScript per main route, gzipped (the scripts' encoded body sizes as the browser
//     received them from `next start`, which gzips) ≤ 250 kB;
//   - map first paint with 16k and 64k points ≤ 1 s at 16k (scripts/bench/web-map.ts, run per size).
// For the feature page it also breaks the LCP down (issue 14 item 7): the LCP element (tag, class,
// size), time to first byte, first contentful paint, and when each streamed section landed in the
// DOM (a MutationObserver installed before navigation), so "what is late" has a number.
// The pages are served from the demo-like test atlas (tests/support/tiny-atlas.ts: the demo LM, a
// TopK SAE of width 256 with full per-feature evidence) through the real API.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createApiServer } from '@atlas/api';
import { launchChromium } from '../../tests/support/browser.ts';
import { graphql } from '../../tests/support/graphql.ts';
import { buildTinyAtlas } from '../../tests/support/tiny-atlas.ts';
import { startWeb } from '../../tests/support/web-server.ts';

// `--feature-page`: only the feature page (its LCP breakdown), no other routes and no map runs.
const { values: options } = parseArgs({
  options: { 'feature-page': { type: 'boolean', default: false }, runs: { type: 'string', default: '5' } },
});
const featurePageOnly = options['feature-page'];
const RUNS = Number(options.runs);
const repoRoot = path.resolve(import.meta.dirname, '../..');
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const encodeId = (id: string) => id.split('/').map(encodeURIComponent).join('/');

/** The feature page's sections, by the test id each one renders once its data is there. */
const FEATURE_SECTIONS = ['top-activations', 'logit-effects', 'decoder-neighbours', 'activation-histogram', 'quantile-examples'];

/** Installed before navigation: the time (ms since navigation start) each section first appeared. */
function watchSections(testIds: string[]): void {
  const landed: Record<string, number> = {};
  (globalThis as unknown as { __landed: Record<string, number> }).__landed = landed;
  // No named inner functions: tsx would wrap them in a `__name` helper the page does not have.
  new MutationObserver(() => {
    for (const id of testIds) if (!(id in landed) && document.querySelector(`[data-testid="${id}"]`)) landed[id] = performance.now();
  }).observe(document, { childList: true, subtree: true });
}

interface Breakdown {
  ttfb: number;
  fcp: number;
  domContentLoaded: number;
  lcpElement: string;
  lcpSize: number;
  landed: Record<string, number>;
}

const atlas = await buildTinyAtlas({ recipe: 'demo-like' });
const api = await createApiServer({ db: atlas.db, port: 0 });
const saeId = atlas.result.saeId;
const { data, errors } = await graphql<{ sae: { features: { edges: { node: { id: string; density: number } }[] } } }>(
  api.url, `query ($sae: ID!) { sae(id: $sae) { features(first: 100) { edges { node { id density } } } } }`, { sae: saeId },
);
if (!data) throw new Error(`the feature query failed: ${JSON.stringify(errors)}`);
// The feature of median density among those that fire (as the HTML-size figure in docs/benchmarks.md).
const firing = data.sae.features.edges.map((edge) => edge.node).filter((node) => node.density > 0).sort((a, b) => a.density - b.density);
const featureId = firing[Math.floor(firing.length / 2)]!.id;
const web = await startWeb(api.url);
const browser = await launchChromium();
try {
  const routes: [string, string][] = [
    ['home', '/'],
    ['SAE feature list', `/sae/${encodeId(saeId)}`],
    ['feature page', `/feature/${encodeId(featureId)}`],
    ['map', `/map/${encodeId(saeId)}`],
  ];
  for (const [name, route] of routes.filter(([name]) => !featurePageOnly || name === 'feature page')) {
    const figures: { lcp: number; js: number; scripts: number; breakdown: Breakdown }[] = [];
    for (let run = 0; run <= RUNS; run += 1) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.addInitScript(watchSections, FEATURE_SECTIONS);
      await page.goto(`${web.url}${route}`, { waitUntil: 'networkidle' });
      const figure = await page.evaluate(async () => {
        // The page's last LCP candidate (buffered: those before this observer too); NaN if none came within 5 s.
        const entry = await new Promise<(PerformanceEntry & { element: Element | null; size: number }) | undefined>((resolve) => {
          new PerformanceObserver((list) => resolve(list.getEntries().at(-1) as PerformanceEntry & { element: Element | null; size: number }))
            .observe({ type: 'largest-contentful-paint', buffered: true });
          setTimeout(() => resolve(undefined), 5000);
        });
        const lcp = entry?.startTime ?? Number.NaN;
        const element = entry?.element;
        const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        const breakdown = {
          ttfb: navigation.responseStart,
          fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
          domContentLoaded: navigation.domContentLoadedEventEnd,
          lcpElement: element
            ? `<${element.tagName.toLowerCase()}${element.className ? ` class="${String(element.className).slice(0, 40)}"` : ''}> in ` +
              `[data-testid=${element.closest('[data-testid]')?.getAttribute('data-testid') ?? '—'}] "${(element.textContent ?? '').trim().slice(0, 40)}"`
            : '—',
          lcpSize: entry?.size ?? 0,
          landed: (globalThis as unknown as { __landed: Record<string, number> }).__landed ?? {},
        };
        const scripts = performance.getEntriesByType('resource').filter((entry) => entry.name.endsWith('.js')) as PerformanceResourceTiming[];
        return {
          lcp,
          js: scripts.reduce((sum, entry) => sum + entry.encodedBodySize, 0),
          scripts: scripts.length,
          breakdown,
        };
      });
      await page.close();
      // The first visit warms Next's and the API's caches: left out of the medians.
      if (run > 0) figures.push(figure);
    }
    // Visits where Chromium reported no LCP candidate are counted apart, not sorted in as NaN.
    const lcps = figures.map((f) => f.lcp).filter(Number.isFinite);
    console.log(
      `${name} (${route.length > 60 ? `${route.slice(0, 57)}…` : route}): LCP median ${lcps.length > 0 ? median(lcps).toFixed(0) : '—'} ms ` +
      `(min ${Math.min(...lcps).toFixed(0)}, max ${Math.max(...lcps).toFixed(0)}; ${figures.length - lcps.length} of ${figures.length} visits without one); ` +
      `first-load JS ${(median(figures.map((f) => f.js)) / 1000).toFixed(1)} kB gzipped in ${figures[0]!.scripts} scripts ` +
      '(targets: feature page LCP ≤ 1000 ms; JS ≤ 250 kB)',
    );
    if (name === 'feature page') printBreakdown(figures.map((f) => ({ ...f.breakdown, lcp: f.lcp })));
  }
} finally {
  await browser.close();
  web.stop();
  await api.stop();
  await atlas.db.close();
}

/** Medians of the feature page's LCP breakdown, and the LCP element each visit reported. */
function printBreakdown(visits: (Breakdown & { lcp: number })[]): void {
  const med = (pick: (v: Breakdown & { lcp: number }) => number | undefined) => {
    const values = visits.map(pick).filter((v): v is number => v !== undefined && Number.isFinite(v));
    return values.length > 0 ? `${median(values).toFixed(0)} ms` : '—';
  };
  console.log(`  feature page breakdown (medians of ${visits.length} warm visits): TTFB ${med((v) => v.ttfb)}, FCP ${med((v) => v.fcp)}, ` +
    `LCP ${med((v) => v.lcp)}, DOMContentLoaded ${med((v) => v.domContentLoaded)}`);
  console.log(`  sections landed: ${FEATURE_SECTIONS.map((id) => `${id} ${med((v) => v.landed[id])}`).join(', ')}`);
  const elements = new Map<string, number>();
  for (const v of visits) elements.set(`${v.lcpElement} (${v.lcpSize} px²)`, (elements.get(`${v.lcpElement} (${v.lcpSize} px²)`) ?? 0) + 1);
  for (const [element, count] of elements) console.log(`  LCP element (${count}×): ${element}`);
}

// The map at 16k and 64k points: its own synthetic SAEs (scripts/bench/web-map.ts), one process each.
for (const points of featurePageOnly ? [] : [16_384, 65_536]) {
  const run = spawnSync(path.join(repoRoot, 'node_modules/.bin/tsx'), ['scripts/bench/web-map.ts', String(points)], { cwd: repoRoot, stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`bench:web:map ${points} failed (exit ${run.status})`);
}
