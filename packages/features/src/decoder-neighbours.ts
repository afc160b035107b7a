import { denseTopK } from './dense-topk.ts';

export interface DecoderNeighbour {
  /** The neighbour's feature index. */
  index: number;
  cosine: number;
}

export interface DecoderNeighbourOptions {
  /** Neighbours per feature (default 10). */
  count?: number;
  /** Features per onnxruntime run. */
  blockRows?: number;
  threads?: number;
}

/**
 * The `count` features whose decoder directions are nearest in cosine to each feature's own,
 * itself excluded: normalised W_dec · W_decᵀ block by block in onnxruntime, TopK inside the graph.
 * `decoder` is W_dec, row-major [width, dIn]. A zero decoder row has cosine 0 to everything.
 */
export async function decoderNeighbours(
  decoder: Float32Array,
  dIn: number,
  options: DecoderNeighbourOptions = {},
): Promise<DecoderNeighbour[][]> {
  const count = options.count ?? 10;
  const width = decoder.length / dIn;
  const { top } = await denseTopK({
    a: decoder, b: decoder, inner: dIn, k: count + 1, normalise: true,
    ...(options.blockRows ? { blockRows: options.blockRows } : {}),
    ...(options.threads ? { threads: options.threads } : {}),
  });
  return Array.from({ length: width }, (_, feature) => {
    const neighbours: DecoderNeighbour[] = [];
    for (let slot = 0; slot < top.k && neighbours.length < count; slot += 1) {
      const index = top.indices[feature * top.k + slot]!;
      if (index !== feature) neighbours.push({ index, cosine: top.values[feature * top.k + slot]! });
    }
    return neighbours;
  });
}
