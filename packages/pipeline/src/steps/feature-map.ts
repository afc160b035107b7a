import { openActivationSource, type ExtractedActivations } from '@atlas/activations';
import { atlasMapFromGraph, decoderGraph, mapClusters, TokenProfiles, type AtlasMapPoint, type MapClustering } from '@atlas/features';
import { createEncoder, type SaeWeights } from '@atlas/sae';
import type { ProgressFactory } from '../progress.ts';

/** The SAE's 2-D map and its clusters (captions come later, from the labels). */
export interface FeatureMap {
  points: AtlasMapPoint[];
  clustering: MapClustering;
}

/**
 * The map's settings (`npm run bench:map` measures them): neighbours per feature in the graph
 * (itself included), and UMAP's min_dist: below its default 0.1 points that read the same tokens
 * are drawn as clumps rather than an even carpet (docs/benchmarks.md, issue 14).
 */
export const FEATURE_MAP_SETTINGS = { neighbours: 10, minDist: 0.02 } as const;
const { neighbours: NEIGHBOURS, minDist: MIN_DIST } = FEATURE_MAP_SETTINGS;
/** Tokens whose codes the profiles count: a sample as large as the demo's whole corpus. */
const PROFILE_TOKENS = 2 ** 19;
const BATCH_TOKENS = 8192;

/**
 * The SAE's map: UMAP of the features' token profiles (which tokens each fires on, tf-idf, cosine;
 * features that never fired sit by their decoder-cosine neighbours), then k-means clusters on the
 * layout. The decoder's cosine graph alone gave a uniform disc on the demo SAE: its rows are
 * barely more aligned than random ones (docs/benchmarks.md, issue 14).
 */
export async function computeFeatureMap(
  sae: SaeWeights,
  extracted: Pick<ExtractedActivations, 'file' | 'rows' | 'tokenIds'>,
  { progress, log, seed, vocabSize }: { progress: ProgressFactory; log: (line: string) => void; seed: number; vocabSize: number },
): Promise<FeatureMap> {
  const started = performance.now();
  const { width, dIn } = sae.cfg;
  const k = Math.max(1, Math.min(NEIGHBOURS, width - 1));
  const profiles = await tokenProfiles(sae, extracted, vocabSize);
  const graph = await profiles.graph(await decoderGraph(sae.W_dec, dIn, k));
  let bar: ReturnType<ProgressFactory> | undefined;
  try {
    const points = await atlasMapFromGraph(graph, {
      seed,
      minDist: MIN_DIST,
      onProgress: (done, total) => {
        bar ??= progress('feature map (UMAP)', total, 'epochs');
        bar.update(done);
      },
    });
    bar?.stop();
    const clustering = mapClusters(points, { seed });
    log(`Feature map of ${points.length} features, ${clustering.clusters.length} clusters, in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
    return { points, clustering };
  } finally {
    bar?.stop();
  }
}

/** Counts which tokens each feature fires on over an evenly spaced sample of the extracted rows. */
async function tokenProfiles(sae: SaeWeights, extracted: Pick<ExtractedActivations, 'file' | 'rows' | 'tokenIds'>, vocabSize: number): Promise<TokenProfiles> {
  const profiles = new TokenProfiles(sae.cfg.width, vocabSize);
  const source = await openActivationSource(extracted.file);
  const encoder = await createEncoder(sae, { batchSize: BATCH_TOKENS });
  try {
    // Whole batches, spread over the file, so the sample covers every corpus part.
    const batches = Math.ceil(extracted.rows / BATCH_TOKENS);
    const taken = Math.min(batches, Math.ceil(PROFILE_TOKENS / BATCH_TOKENS));
    const x = new Float32Array(BATCH_TOKENS * source.dIn);
    for (let b = 0; b < taken; b += 1) {
      const first = Math.floor((b * batches) / taken) * BATCH_TOKENS;
      const count = Math.min(BATCH_TOKENS, extracted.rows - first);
      const rows = x.subarray(0, count * source.dIn);
      await source.read(first, count, rows);
      const { indices, values } = await encoder.encode(rows, count);
      profiles.addRows({ indices, values, k: encoder.slots }, extracted.tokenIds, first, count);
    }
    return profiles;
  } finally {
    await encoder.close();
    await source.close();
  }
}
