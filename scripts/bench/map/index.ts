// `npm run bench:map`: why the demo SAE's map was a disc, and what the map is now. Trains the demo
// atlas's SAE (its recipe, cached under .atlas/bench-map), then reports the decoder's geometry
// beside a Gaussian matrix of the same shape, and structure measures of the old layout (UMAP of
// decoder cosines) and the new one (UMAP of token profiles, the pipeline's settings).
import { writeFile } from 'node:fs/promises';
import { loadCorpus } from '@atlas/corpus';
import { demoModelDir } from '@atlas/demo-model';
import { atlasMapFromGraph, atlasMapLayout, decoderGraph, mapClusters, TokenProfiles, type NeighbourGraph } from '@atlas/features';
import { clusterCaptions, machineLabel } from '@atlas/labels';
import { loadLanguageModel, packSequences, tokenizeDocuments } from '@atlas/model';
import { FEATURE_MAP_SETTINGS } from '@atlas/pipeline';
import { gaussian, mulberry32 } from '@atlas/random';
import { DEMO, demoSae } from './demo-sae.ts';
import { hopkins, kmeansSilhouette, knnPreservation, layoutNeighbours } from './structure.ts';

const log = (line: string) => console.log(line);
const K = 14;
const { sae, codes, rows } = await demoSae('.atlas/bench-map', 8, log);
const { width, dIn } = sae.cfg;

/** Each row's K nearest others in a graph built with K + 1 (itself first). */
const others = (graph: NeighbourGraph) => {
  const out = new Int32Array(width * K);
  for (let i = 0; i < width; i += 1) out.set(graph.indices.subarray(i * graph.k + 1, i * graph.k + 1 + K), i * K);
  return out;
};
const quantile = (values: Float32Array | number[], p: number) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) * p)]!;

log(`\n## Decoder geometry (${width} × ${dIn}): nearest-neighbour cosine`);
const random = gaussian(mulberry32(7));
const gaussianRows = Float32Array.from({ length: width * dIn }, () => random());
for (const [name, matrix] of [['demo SAE W_dec (8 epochs)', sae.W_dec], ['Gaussian, same shape', gaussianRows]] as const) {
  const graph = await decoderGraph(matrix, dIn, 2);
  const nn = Float32Array.from({ length: width }, (_, i) => 1 - graph.distances[i * 2 + 1]!);
  log(`${name}: p10 ${quantile(nn, 0.1).toFixed(3)}, median ${quantile(nn, 0.5).toFixed(3)}, p90 ${quantile(nn, 0.9).toFixed(3)}, above 0.5: ${nn.filter((c) => c > 0.5).length}`);
}

// Token profiles over the same tokens the SAE's codes were taken on.
const model = await loadLanguageModel(demoModelDir);
const { documents } = await loadCorpus(DEMO.corpus);
const tokenIds = new Int32Array(rows);
let filled = 0;
for (const context of packSequences(tokenizeDocuments(model, documents), DEMO.seqLen, { eosTokenId: model.eosTokenId! })) {
  if (filled >= rows) break;
  tokenIds.set(context.tokens.subarray(0, rows - filled), filled);
  filled += DEMO.seqLen;
}
const profiles = new TokenProfiles(width, model.vocabSize);
profiles.addRows({ indices: codes, values: new Float32Array(codes.length).fill(1), k: DEMO.k }, tokenIds, 0, rows);
const decoderRef = others(await decoderGraph(sae.W_dec, dIn, K + 1));
const tokenRef = others(await profiles.graph(await decoderGraph(sae.W_dec, dIn, K + 1)));

log(`\n## Layouts (${width} features; kNN kept: share of a feature's ${K} nearest in the representation that are among its ${K} nearest on the map; random placement: ${(K / width).toFixed(4)})`);
const { neighbours, minDist } = FEATURE_MAP_SETTINGS;
const layouts = {
  'old: decoder cosine, k 15, min_dist 0.1': () => atlasMapLayout(sae.W_dec, dIn, { seed: 0 }),
  [`new: token profiles, k ${neighbours}, min_dist ${minDist}`]: async () =>
    atlasMapFromGraph(await profiles.graph(await decoderGraph(sae.W_dec, dIn, neighbours)), { seed: 0, minDist }),
};
// Reference: a uniform disc of as many points (what "no structure" scores).
const uniform = mulberry32(11);
const disc = Array.from({ length: width }, () => {
  const [r, a] = [Math.sqrt(uniform()) / 2, 2 * Math.PI * uniform()];
  return { x: 0.5 + r * Math.cos(a), y: 0.5 + r * Math.sin(a) };
});
log(`reference, uniform disc: Hopkins ${hopkins(disc).toFixed(3)}; k-means (23) silhouette ${kmeansSilhouette(disc, 23).toFixed(3)}`);
const saved: Record<string, unknown> = {};
for (const [name, layout] of Object.entries(layouts)) {
  const started = performance.now();
  const points = await layout();
  const seconds = (performance.now() - started) / 1000;
  const near = layoutNeighbours(points, K);
  log(`${name}: ${seconds.toFixed(0)} s; Hopkins ${hopkins(points).toFixed(3)}; k-means (23) silhouette ${kmeansSilhouette(points, 23).toFixed(3)}; kNN kept: decoder ${knnPreservation(near, decoderRef, K, K).toFixed(3)}, token profile ${knnPreservation(near, tokenRef, K, K).toFixed(3)}`);
  saved[name] = points;
  if (name.startsWith('new')) {
    // Captions as the build makes them, from machine labels of each feature's top tokens here.
    const { assignment, clusters } = mapClusters(points, { seed: 0 });
    const groups = clusters.map(() => [] as string[]);
    const peaks = new Map<number, string[]>();
    for (let r = 0; r < rows; r += 1) for (let s = 0; s < DEMO.k; s += 1) {
      const f = codes[r * DEMO.k + s]!;
      const list = peaks.get(f) ?? [];
      if (list.length < 20) { list.push(model.decodeTokens([tokenIds[r]!])[0]!); peaks.set(f, list); }
    }
    for (const [f, tokens] of peaks) {
      const label = machineLabel({ contexts: tokens.map((token) => ({ tokens: [token], maxPosition: 0, maxValue: 1 })) });
      if (label) groups[assignment[f]!]!.push(label);
    }
    const captions = clusterCaptions(groups);
    log(`clusters: ${clusters.length}; captions of the 8 largest: ${captions.slice(0, 8).map((c, i) => `${c ?? `cluster ${i + 1}`} (${clusters[i]!.size})`).join('; ')}`);
  }
}
const out = process.env.MAP_LAYOUTS_OUT;
if (out) await writeFile(out, JSON.stringify(saved));
