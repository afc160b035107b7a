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

/**
 * A k-nearest-neighbour graph: row i lists i itself first (distance 0), then its `k` − 1 nearest
 * others by ascending distance. UMAP reads nothing else of the representation.
 */
export interface NeighbourGraph {
  k: number;
  indices: Int32Array;
  distances: Float32Array;
}

/** Epochs between yields to the event loop, so progress bars redraw during the optimisation. */
const EPOCHS_PER_YIELD = 10;

/**
 * The decoder rows' cosine kNN graph (W_dec [width, dIn]), from the ONNX dense product with TopK
 * inside the graph (`denseTopK`): umap-js would search for it in JS (minutes at 16k features).
 */
export async function decoderGraph(decoder: Float32Array, dIn: number, k: number, threads?: number): Promise<NeighbourGraph> {
  if (!Number.isInteger(dIn) || dIn < 1 || decoder.length % dIn !== 0) {
    throw new FeaturesError(`A decoder of ${decoder.length} values does not split into rows of d_in ${dIn}; pass W_dec [width, d_in] and its d_in.`);
  }
  const { top } = await denseTopK({ a: decoder, b: decoder, inner: dIn, k, normalise: true, ...(threads ? { threads } : {}) });
  // Cosine distance; rounding can leave 1 − cos(x, x) slightly below 0.
  return { k: top.k, indices: top.indices, distances: top.values.map((cos) => Math.max(0, 1 - cos)) };
}

/** A 2-D UMAP layout of the decoder rows (cosine geometry), seeded. */
export async function atlasMapLayout(decoder: Float32Array, dIn: number, options: AtlasMapOptions = {}): Promise<AtlasMapPoint[]> {
  if (!Number.isInteger(dIn) || dIn < 1 || decoder.length % dIn !== 0) {
    throw new FeaturesError(`A decoder of ${decoder.length} values does not split into rows of d_in ${dIn}; pass W_dec [width, d_in] and its d_in.`);
  }
  const width = decoder.length / dIn;
  if (width < 3) return smallMap(width);
  const graph = await decoderGraph(decoder, dIn, Math.min(options.neighbours ?? 15, width - 1), options.threads);
  return atlasMapFromGraph(graph, options);
}

/** A 2-D UMAP layout of any kNN graph (see `NeighbourGraph`), seeded. */
export async function atlasMapFromGraph(graph: NeighbourGraph, options: AtlasMapOptions = {}): Promise<AtlasMapPoint[]> {
  const width = graph.indices.length / graph.k;
  // UMAP needs more points than neighbours; a map of one or two features is a line.
  if (width < 3) return smallMap(width);
  const { k } = graph;
  const knnIndices: number[][] = [];
  const knnDistances: number[][] = [];
  for (let row = 0; row < width; row += 1) {
    knnIndices.push(Array.from(graph.indices.subarray(row * k, (row + 1) * k)));
    knnDistances.push(Array.from(graph.distances.subarray(row * k, (row + 1) * k)));
  }
  const umap = new UMAP({
    nComponents: 2,
    nNeighbors: k,
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

function smallMap(width: number): AtlasMapPoint[] {
  return Array.from({ length: width }, (_, i) => ({ x: width === 1 ? 0.5 : i, y: 0.5 }));
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
