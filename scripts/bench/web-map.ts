// `npm run bench:web:map [points]`: first paint of the feature map with 16,384 points (or as many as
// given; `npm run bench:web` runs 16k and 64k) in Chromium (issue 14's target ≤ 1 s at 16k). A synthetic SAE (16k features in 64 clusters, labels on every feature) is
// ingested into an in-memory PGlite, served by the API and `next start`; each run opens a fresh
// page and reads the map's first paint of its points (`map:preview-painted`: the page's inline
// script paints them on a 2-D canvas before hydration) and the first WebGL draw (`feature-map-painted`:
// the map interactive, after hydration and regl-scatterplot), beside the browser's first contentful
// paint, and prints the split: the median time of every mark on the way (apps/web/src/lib/map-timing.ts)
// and of the points' request as the network saw it.
import { createApiServer } from '@atlas/api';
import { ingestSaeAtlas, openDatabase, upsertModel } from '@atlas/db';
import { mulberry32, gaussian } from '@atlas/random';
import { MAP_MARKS } from '../../apps/web/src/lib/map-timing.ts';
import { launchChromium } from '../../tests/support/browser.ts';
import { startWeb } from '../../tests/support/web-server.ts';

const FEATURES = Number(process.argv[2] ?? 16_384);
const RUNS = 5;
const CLUSTERS = 64;
const SAE_ID = `bench-lm/blocks.0.hook_resid_post/topk-${FEATURES}`;

const db = await openDatabase({ inMemory: true });
await upsertModel(db, { id: 'bench-lm', displayName: 'bench LM', architecture: 'gpt2', layerCount: 1, dModel: 4, vocabSize: 16, contextLength: 8, sourcePath: '/nowhere' });
const random = mulberry32(1);
const normal = gaussian(random);
const centres = Array.from({ length: CLUSTERS }, () => ({ x: 0.1 + 0.8 * random(), y: 0.1 + 0.8 * random() }));
const features = Array.from({ length: FEATURES }, (_, index) => {
  const cluster = index % CLUSTERS;
  const x = Math.min(1, Math.max(0, centres[cluster]!.x + 0.03 * normal()));
  const y = Math.min(1, Math.max(0, centres[cluster]!.y + 0.03 * normal()));
  return {
    index, density: 10 ** (-5 + 4 * random()), maxActivation: 1, meanActivation: 0.5,
    decoder: Float32Array.from({ length: 4 }, () => normal()), umapX: x, umapY: y, mapCluster: cluster,
  };
});
await ingestSaeAtlas(db, {
  sae: {
    id: SAE_ID, modelId: 'bench-lm', hookName: 'blocks.0.hook_resid_post', architecture: 'topk', kind: 'sae',
    dIn: 4, width: FEATURES, k: 4, trainingTokens: 0, statisticsTokens: 0, corpusName: 'bench', metrics: null,
  },
  checksum: `sha256:bench-web-map-${FEATURES}`,
  corpus: { id: 'bench', name: 'bench' },
  contexts: [], examples: [], activations: [], histograms: [],
  features,
  labels: features.map((f) => ({ featureIndex: f.index, text: `"word${f.index % 500}" (3/20) · after "the"`, source: 'machine' as const, method: 'top-tokens v1' })),
  mapClusters: centres.map((centre, cluster) => ({ cluster, caption: `word${cluster} · word${cluster + 1}`, ...centre, size: FEATURES / CLUSTERS })),
});

const api = await createApiServer({ db, port: 0 });
// What the page waits for before it can render: every map page from the API (10k per request).
const apiTimes: number[] = [];
for (let run = 0; run < 3; run += 1) {
  const started = performance.now();
  let after: string | null = null;
  for (;;) {
    const response = await fetch(api.url, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'query ($sae: ID!, $after: String) { sae(id: $sae) { map(first: 10000, after: $after) { points { index x y density isDead label labelSource cluster } hasNextPage endCursor clusters { cluster caption x y size } } } }',
        variables: { sae: SAE_ID, after },
      }),
    });
    const body = (await response.json()) as { data?: { sae: { map: { hasNextPage: boolean; endCursor: string | null } } }; errors?: unknown };
    if (!body.data) throw new Error(`map query failed: ${JSON.stringify(body.errors)}`);
    const { data } = body;
    if (!data.sae.map.hasNextPage) break;
    after = data.sae.map.endCursor;
  }
  apiTimes.push(performance.now() - started);
}
console.log(`API: all ${FEATURES} map points in ${apiTimes.map((t) => t.toFixed(0)).join(', ')} ms (3 runs)`);
const web = await startWeb(api.url);
const browser = await launchChromium();
try {
  const url = `${web.url}/map/${SAE_ID}`;
  type Figure = { painted: number; interactive: number; fcp: number; phases: Record<string, number> };
  const figures: Figure[] = [];
  for (let run = 0; run <= RUNS; run += 1) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(url);
    await page.waitForFunction(() => performance.getEntriesByName('feature-map-painted').length > 0, undefined, { timeout: 120_000 });
    // A string, not a function: tsx's name-keeping helper (__name) does not exist in the page.
    const figure = (await page.evaluate(`(() => {
      const marks = ${JSON.stringify(MAP_MARKS)};
      const phases = {};
      for (const name of marks) phases[name] = performance.getEntriesByName(name, 'mark')[0]?.startTime ?? NaN;
      // The points' request as the network saw it (sent, first byte, last byte), beside the page's own marks.
      const points = performance.getEntriesByType('resource').find((entry) => entry.name.includes('/map-points/') && !entry.name.includes('part=labels'));
      if (points) Object.assign(phases, { 'net: points request sent': points.requestStart || points.startTime, 'net: points first byte': points.responseStart, 'net: points last byte': points.responseEnd });
      // The page itself: its HTML's first byte and DOMContentLoaded (the scripts parsed), for where the page's own time goes.
      const navigation = performance.getEntriesByType('navigation')[0];
      if (navigation) Object.assign(phases, { 'net: page first byte': navigation.responseStart, 'page: DOMContentLoaded': navigation.domContentLoadedEventEnd });
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
      // The points are on screen at the first of the two paints (the preview is skipped on a client-side navigation).
      const painted = Math.min(phases['map:preview-painted'] ?? Infinity, phases['feature-map-painted']);
      return { painted, interactive: phases['feature-map-painted'], fcp, phases };
    })()`)) as Figure;
    await page.close();
    // The first visit warms Next's and the API's caches (a compiled route, a parsed schema): reported apart.
    if (run === 0) console.log(`cold: points painted ${figure.painted.toFixed(0)} ms, interactive ${figure.interactive.toFixed(0)} ms (first contentful paint ${figure.fcp.toFixed(0)} ms)`);
    else figures.push(figure);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const spread = (values: number[]) => `median ${median(values).toFixed(0)} ms (min ${Math.min(...values).toFixed(0)}, max ${Math.max(...values).toFixed(0)})`;
  console.log(`${FEATURES} points, ${RUNS} warm visits: points painted ${spread(figures.map((f) => f.painted))}, target ≤ 1000 ms; ` +
    `interactive (WebGL drawn) ${spread(figures.map((f) => f.interactive))}; first contentful paint median ${median(figures.map((f) => f.fcp)).toFixed(0)} ms`);
  // The split: each mark's median time since navigation start, in the order they came, and the step from the one before.
  const split = Object.keys(figures[0]!.phases)
    .map((name) => ({ name, at: median(figures.map((f) => f.phases[name] ?? Number.NaN)) }))
    .filter((phase) => Number.isFinite(phase.at))
    .sort((a, b) => a.at - b.at);
  console.log(`split (median of ${RUNS} warm visits, ms since navigation start):`);
  split.forEach((phase, i) => {
    const step = i === 0 ? phase.at : phase.at - split[i - 1]!.at;
    console.log(`  ${phase.name.padEnd(28)} ${phase.at.toFixed(0).padStart(6)}  (+${step.toFixed(0)})`);
  });
} finally {
  await browser.close();
  web.stop();
  await api.stop();
  await db.close();
}
