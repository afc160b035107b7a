// `npm run bench:web`: the atlas's speed in Chromium on the production build (`next build` +
// `next start`), issue 14's targets beside each figure:
//   - feature page largest contentful paint (PerformanceObserver 'largest-contentful-paint') ≤ 1 s;
//   - first-load JavaScript per main route, gzipped (the scripts' encoded body sizes as the browser
//     received them from `next start`, which gzips) ≤ 250 kB;
//   - map first paint with 16k and 64k points ≤ 1 s at 16k (scripts/bench/web-map.ts, run per size).
// The pages are served from the demo-like test atlas (tests/support/tiny-atlas.ts: the demo LM, a
// TopK SAE of width 256 with full per-feature evidence) through the real API.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { createApiServer } from '@atlas/api';
import { launchChromium } from '../../tests/support/browser.ts';
import { graphql } from '../../tests/support/graphql.ts';
import { buildTinyAtlas } from '../../tests/support/tiny-atlas.ts';
import { startWeb } from '../../tests/support/web-server.ts';

const RUNS = 5;
const repoRoot = path.resolve(import.meta.dirname, '../..');
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const encodeId = (id: string) => id.split('/').map(encodeURIComponent).join('/');

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
  for (const [name, route] of routes) {
    const figures: { lcp: number; js: number; scripts: number }[] = [];
    for (let run = 0; run <= RUNS; run += 1) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(`${web.url}${route}`, { waitUntil: 'networkidle' });
      const figure = await page.evaluate(async () => {
        // The page's last LCP candidate (buffered: those before this observer too); NaN if none came within 5 s.
        const lcp = await new Promise<number>((resolve) => {
          new PerformanceObserver((list) => resolve(list.getEntries().at(-1)!.startTime)).observe({ type: 'largest-contentful-paint', buffered: true });
          setTimeout(() => resolve(Number.NaN), 5000);
        });
        const scripts = performance.getEntriesByType('resource').filter((entry) => entry.name.endsWith('.js')) as PerformanceResourceTiming[];
        return {
          lcp,
          js: scripts.reduce((sum, entry) => sum + entry.encodedBodySize, 0),
          scripts: scripts.length,
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
  }
} finally {
  await browser.close();
  web.stop();
  await api.stop();
  await atlas.db.close();
}

// The map at 16k and 64k points: its own synthetic SAEs (scripts/bench/web-map.ts), one process each.
for (const points of [16_384, 65_536]) {
  const run = spawnSync(path.join(repoRoot, 'node_modules/.bin/tsx'), ['scripts/bench/web-map.ts', String(points)], { cwd: repoRoot, stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`bench:web:map ${points} failed (exit ${run.status})`);
}
