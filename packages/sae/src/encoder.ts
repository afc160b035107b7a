import { SaeError } from './sae-error.ts';
import { TopKSession } from './topk-session.ts';
import type { SaeWeights, SparseCodes } from './types.ts';
import { validateK } from './validate.ts';

export interface TopKEncoder {
  /** Sparse codes of `rows` rows of `x` ([rows, dIn]): rows × k indices and ReLU'd values. */
  encode(x: Float32Array, rows: number): Promise<SparseCodes>;
  close(): Promise<void>;
}

export interface TopKEncoderOptions {
  /** Latents kept per row; defaults to the SAE's own k. */
  k?: number;
  /** Rows per onnxruntime run (default 4096). */
  batchSize?: number;
  threads?: number;
}

/**
 * The inference encoder: TopK computed inside the ONNX graph, so only rows × k values and
 * indices come back to JS. Values are 0 where the pre-activation is <= 0 (the index is still
 * the latent TopK chose).
 */
export async function createTopKEncoder(sae: SaeWeights, options: TopKEncoderOptions = {}): Promise<TopKEncoder> {
  const { dIn, width } = sae.cfg;
  const k = options.k ?? sae.cfg.k;
  validateK(k, width);
  const batchSize = options.batchSize ?? 4096;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) {
    throw new SaeError(`batchSize must be a positive integer, got ${batchSize}.`);
  }
  const session = await TopKSession.open(sae, dIn, width, k, options.threads);
  return {
    async encode(x, rows) {
      if (!Number.isSafeInteger(rows) || rows < 0 || x.length !== rows * dIn) {
        throw new SaeError(`encode: x has ${x.length} values but rows × dIn = ${rows} × ${dIn} = ${rows * dIn}.`);
      }
      const indices = new Int32Array(rows * k);
      const values = new Float32Array(rows * k);
      for (let start = 0; start < rows; start += batchSize) {
        const count = Math.min(batchSize, rows - start);
        const codes = await session.run(x.subarray(start * dIn, (start + count) * dIn), count);
        indices.set(codes.indices, start * k);
        values.set(codes.values, start * k);
      }
      return { indices, values };
    },
    close: () => session.close(),
  };
}
