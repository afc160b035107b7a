import { mulberry32 } from '@atlas/random';
import { UMAP } from 'umap-js';
import { denseTopK } from './dense-topk.ts';
import { FeaturesError } from './features-error.ts';

export interface AtlasMapOptions {
  /** Neighbours per point in the UMAP graph (default 15, fewer when there are fewer features). */
  neighbours?: number;
  /** Optimisation epochs (default: umap-js's, 500 up to 2,500 points and 200 beyond). */
  epochs?: number;
  minDist?: number;
  seed?: number;
  /** Called as epochs finish (and once at the end) with (done, total). */
  onProgress?: (done: number, total: number) => void;
  threads?: number;
}

/** A feature's place on the map; both coordinates lie in [0, 1] and the aspect ratio is kept. */
export interface AtlasMapPoint {
  x: number;
  y: number;
}

/** Epochs between yields to the event loop, so progress bars redraw during the optimisation. */
const EPOCHS_PER_YIELD = 10;

/**
 * A 2-D UMAP layout of the decoder rows (W_dec [width, dIn], cosine geometry), seeded. The
 * k-nearest-neighbour graph, which umap-js would search for in JS (minutes at 16k features),
 * comes from the ONNX dense product with TopK inside the graph (`denseTopK`) instead.
 */
export async function atlasMapLayout(decoder: Float32Array, dIn: number, options: AtlasMapOptions = {}): Promise<AtlasMapPoint[]> {
  if (!Number.isInteger(dIn) || dIn < 1 || decoder.length % dIn !== 0) {
    throw new FeaturesError(`A decoder of ${decoder.length} values does not split into rows of d_in ${dIn}; pass W_dec [width, d_in] and its d_in.`);
  }
  const width = decoder.length / dIn;
  // UMAP needs more points than neighbours; a map of one or two features is a line.
  if (width < 3) return Array.from({ length: width }, (_, i) => ({ x: width === 1 ? 0.5 : i, y: 0.5 }));
  const neighbours = Math.min(options.neighbours ?? 15, width - 1);
  const { top } = await denseTopK({
    a: decoder, b: decoder, inner: dIn, k: neighbours, normalise: true,
    ...(options.threads ? { threads: options.threads } : {}),
  });
  const knnIndices: number[][] = [];
  const knnDistances: number[][] = [];
  for (let row = 0; row < width; row += 1) {
    const indices = Array.from(top.indices.subarray(row * neighbours, (row + 1) * neighbours));
    // Cosine distance; rounding can leave 1 − cos(x, x) slightly below 0.
    const distances = Array.from(top.values.subarray(row * neighbours, (row + 1) * neighbours), (cos) => Math.max(0, 1 - cos));
    knnIndices.push(indices);
    knnDistances.push(distances);
  }
  const umap = new UMAP({
    nComponents: 2,
    nNeighbors: neighbours,
    random: mulberry32(options.seed ?? 0),
    ...(options.epochs ? { nEpochs: options.epochs } : {}),
    ...(options.minDist !== undefined ? { minDist: options.minDist } : {}),
  });
  umap.setPrecomputedKNN(knnIndices, knnDistances);
  // With the kNN graph given, umap-js reads only the number of points from X: no copy of W_dec.
  const total = umap.initializeFit(Array.from({ length: width }, () => []));
  for (let epoch = 0; epoch < total; ) {
    epoch = umap.step();
    if (epoch % EPOCHS_PER_YIELD === 0 || epoch === total) {
      options.onProgress?.(epoch, total);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  return normalisedPoints(umap.getEmbedding());
}

/** Shifts the layout to start at 0 and scales its longer side to 1. */
function normalisedPoints(embedding: number[][]): AtlasMapPoint[] {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const [x = 0, y = 0] of embedding) {
    minX = Math.min(minX, x); maxX = Math.max(maxX, x);
    minY = Math.min(minY, y); maxY = Math.max(maxY, y);
  }
  const scale = Math.max(maxX - minX, maxY - minY) || 1;
  return embedding.map(([x = 0, y = 0]) => ({ x: (x - minX) / scale, y: (y - minY) / scale }));
}
