import type { Device } from '@atlas/onnx';
import { getArchitecture } from '../architectures/registry.ts';
import { normalisationOf, normalisedCopy } from '../normalise.ts';
import { SaeError } from '../sae-error.ts';
import type { SaeWeights, SparseCodes } from '../types.ts';
import { validateK } from '../validate.ts';
import { TopKSession } from './topk-session.ts';

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
  /** Execution provider (default cpu; an unavailable one falls back to CPU with a warning). */
  device?: Device;
}

/**
 * The inference encoder: TopK computed inside the ONNX graph, so only rows × k values and
 * indices come back to JS. Values are 0 where the pre-activation is <= 0 (the index is still
 * the latent TopK chose).
 */
export async function createTopKEncoder(sae: SaeWeights, options: TopKEncoderOptions = {}): Promise<TopKEncoder> {
  const { dIn, width } = sae.cfg;
  const refusal = getArchitecture(sae.cfg.architecture).topKEncoderRefusal;
  if (refusal) throw new SaeError(refusal);
  const k = options.k ?? sae.cfg.k;
  validateK(k, width);
  const batchSize = options.batchSize ?? 4096;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) {
    throw new SaeError(`batchSize must be a positive integer, got ${batchSize}.`);
  }
  const session = await TopKSession.open(sae, dIn, width, k, options.threads, options.device);
  const normalisation = normalisationOf(sae.cfg);
  return {
    async encode(x, rows) {
      if (!Number.isSafeInteger(rows) || rows < 0 || x.length !== rows * dIn) {
        throw new SaeError(`encode: x has ${x.length} values but rows × dIn = ${rows} × ${dIn} = ${rows * dIn}.`);
      }
      const indices = new Int32Array(rows * k);
      const values = new Float32Array(rows * k);
      for (let start = 0; start < rows; start += batchSize) {
        const count = Math.min(batchSize, rows - start);
        const codes = await session.run(normalisedCopy(x.subarray(start * dIn, (start + count) * dIn), count, dIn, normalisation), count);
        indices.set(codes.indices, start * k);
        values.set(codes.values, start * k);
      }
      return { indices, values };
    },
    close: () => session.close(),
  };
}

export interface SaeEncoder {
  /** Code slots per row: k for topk, the cap (`maxActive`) otherwise. */
  readonly slots: number;
  /**
   * Sparse codes of `rows` rows of `x` ([rows, dIn]): rows × slots indices and activations,
   * largest first (jumprelu/batchtopk: farthest above the threshold first); 0 where a slot's
   * latent does not fire.
   */
  encode(x: Float32Array, rows: number): Promise<SparseCodes>;
  close(): Promise<void>;
}

export interface SaeEncoderOptions {
  /** Slots per row (default: the SAE's k; for relu/jumprelu that is its cap). */
  maxActive?: number;
  /** Rows per onnxruntime run (default 4096). */
  batchSize?: number;
  threads?: number;
  /** Execution provider (default cpu; an unavailable one falls back to CPU with a warning). */
  device?: Device;
}

/**
 * The inference encoder for every architecture, sparse extraction inside the ONNX graph:
 * topk: ReLU(TopK_k(pre)); relu: the `maxActive` largest of ReLU(pre); jumprelu and batchtopk:
 * ReLU(pre)·[pre > θ_j], the `maxActive` latents farthest above θ (batchtopk's θ is its global
 * threshold). A row with more firing latents than slots keeps the largest. mp: `maxActive`
 * pursuit steps over the decoder rows (default k), an atom chosen twice summed into one slot.
 */
export async function createEncoder(sae: SaeWeights, options: SaeEncoderOptions = {}): Promise<SaeEncoder> {
  const { dIn, width } = sae.cfg;
  const architecture = getArchitecture(sae.cfg.architecture);
  const slots = options.maxActive ?? sae.cfg.k;
  validateK(slots, width);
  const batchSize = options.batchSize ?? 4096;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) {
    throw new SaeError(`batchSize must be a positive integer, got ${batchSize}.`);
  }
  const session = await architecture.openEncoder(sae, slots, {
    ...(options.threads ? { threads: options.threads } : {}),
    ...(options.device ? { device: options.device } : {}),
  });
  // Inputs are normalised as in training (cfg.normalizeActivations); codes are in that scale.
  const normalisation = normalisationOf(sae.cfg);
  return {
    slots,
    async encode(x, rows) {
      if (!Number.isSafeInteger(rows) || rows < 0 || x.length !== rows * dIn) {
        throw new SaeError(`encode: x has ${x.length} values but rows × dIn = ${rows} × ${dIn} = ${rows * dIn}.`);
      }
      const indices = new Int32Array(rows * slots);
      const values = new Float32Array(rows * slots);
      for (let start = 0; start < rows; start += batchSize) {
        const count = Math.min(batchSize, rows - start);
        const codes = await session.run(normalisedCopy(x.subarray(start * dIn, (start + count) * dIn), count, dIn, normalisation), count);
        indices.set(codes.indices, start * slots);
        values.set(codes.values, start * slots);
      }
      return { indices, values };
    },
    close: () => session.close(),
  };
}
