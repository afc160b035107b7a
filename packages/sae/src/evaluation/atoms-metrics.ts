import type { ort } from '@atlas/onnx';
import { openCoherenceSession, openGramSession, openWhitenedSession } from './atoms-graphs.ts';
import type { MetricSessionOptions } from './atoms-graphs.ts';
import { whiteningMatrix } from './whitening.ts';

/**
 * Dictionary ("atoms") metrics of an SAE on a set of rows:
 * - `coherence` μ = max_{i≠j} |⟨d_i, d_j⟩| over the decoder rows scaled to unit norm (zero rows skipped);
 * - `aip` = mean over rows of cos(Wᵀ(x − m), Wᵀ(x̂ − m)), x̂ the reconstruction, m the rows' mean
 *   and W a whitening matrix of their covariance Σ (WᵀΣW = I). Any such W gives the same
 *   cosines as Σ^{-1/2}: the inner product is aᵀΣ⁻¹b. A small ridge keeps Σ invertible (`ridge`).
 *   Rows where either whitened vector is 0 are left out;
 * - `qStar` = share of rows whose support size K (latents firing) satisfies μ < 1/(2K − 1), the
 *   condition under which a K-sparse code over a dictionary of coherence μ is the unique sparsest
 *   one. K = 0 (nothing fires) counts as meeting it;
 * - `maxUniqueSupport` = the largest K meeting it (∞ when μ = 0).
 */
export interface AtomsMetrics {
  coherence: number;
  aip: number;
  qStar: number;
  maxUniqueSupport: number;
  /** The ridge ε added to Σ's diagonal before whitening. */
  ridge: number;
}

/** Rows × all-rows products are computed in blocks of at most this many float32 values. */
const BLOCK_VALUES = 1 << 24;

/**
 * μ = max_{i≠j} |⟨d_i, d_j⟩| over unit-norm rows of `W_dec` [width, dIn]: the dense product in
 * onnxruntime, block by block, with only each block's maximum leaving the graph. O(width² · dIn).
 */
export async function decoderCoherence(
  W_dec: Float32Array,
  width: number,
  dIn: number,
  options: MetricSessionOptions & { onProgress?: (done: number, total: number) => void } = {},
): Promise<number> {
  const atoms = new Float32Array(width * dIn);
  for (let j = 0; j < width; j++) {
    const row = W_dec.subarray(j * dIn, (j + 1) * dIn);
    let norm = 0;
    for (let d = 0; d < dIn; d++) norm += row[d]! * row[d]!;
    if (norm > 0) {
      const scale = 1 / Math.sqrt(norm);
      for (let d = 0; d < dIn; d++) atoms[j * dIn + d] = row[d]! * scale;
    }
  }
  if (width < 2) return 0;
  const session = await openCoherenceSession(dIn, options);
  const atomsTensor = session.atomsTensor(atoms, width);
  const blockRows = Math.max(1, Math.min(width, Math.floor(BLOCK_VALUES / width)));
  let coherence = 0;
  try {
    for (let start = 0; start < width; start += blockRows) {
      const rows = Math.min(blockRows, width - start);
      const blockMax = await session.blockMax(atoms.subarray(start * dIn, (start + rows) * dIn), rows, atomsTensor);
      coherence = Math.max(coherence, Math.min(1, blockMax));
      options.onProgress?.(start + rows, width);
    }
  } finally {
    await session.close();
  }
  return coherence;
}

/** The largest support size K with μ < 1/(2K − 1), i.e. K < (1 + 1/μ)/2. */
export function maxUniqueSupport(coherence: number): number {
  if (coherence <= 0) return Number.POSITIVE_INFINITY;
  const bound = (1 + 1 / coherence) / 2;
  return Number.isInteger(bound) ? bound - 1 : Math.floor(bound);
}

/** q*: the share of rows whose support size K (`supportSizes[K]` rows each) meets μ < 1/(2K − 1). */
export function uniqueSupportShare(supportSizes: readonly number[], coherence: number): number {
  const limit = maxUniqueSupport(coherence);
  let total = 0;
  let unique = 0;
  supportSizes.forEach((count, size) => {
    total += count;
    if (size <= limit) unique += count;
  });
  return total > 0 ? unique / total : Number.NaN;
}

/** Accumulates a covariance in float64 from float32 batches, the product XᵀX taken in onnxruntime. */
export class CovarianceAccumulator {
  private readonly gram: Float64Array;
  private readonly sum: Float64Array;
  private rows = 0;

  private constructor(
    private readonly session: Awaited<ReturnType<typeof openGramSession>>,
    private readonly dIn: number,
    /** Subtracted before squaring (b_dec, close to the mean), so float32 products lose little. */
    private readonly shift: Float32Array,
  ) {
    this.gram = new Float64Array(dIn * dIn);
    this.sum = new Float64Array(dIn);
  }

  static async open(dIn: number, shift: Float32Array, options: MetricSessionOptions): Promise<CovarianceAccumulator> {
    return new CovarianceAccumulator(await openGramSession(dIn, options), dIn, shift);
  }

  async add(x: Float32Array, rows: number): Promise<void> {
    const gram = await this.session.gram(x, rows, this.shift);
    for (let i = 0; i < gram.length; i++) this.gram[i] = this.gram[i]! + gram[i]!;
    const { dIn, shift } = this;
    for (let i = 0; i < rows; i++) for (let d = 0; d < dIn; d++) this.sum[d] = this.sum[d]! + x[i * dIn + d]! - shift[d]!;
    this.rows += rows;
  }

  /** The mean and the (n − 1)-normalised covariance of the rows added. */
  finish(): { mean: Float32Array; covariance: Float64Array } {
    const { dIn, rows } = this;
    const offset = Float64Array.from(this.sum, (s) => s / rows);
    const covariance = new Float64Array(dIn * dIn);
    const scale = 1 / Math.max(1, rows - 1);
    for (let i = 0; i < dIn; i++) {
      for (let j = 0; j < dIn; j++) covariance[i * dIn + j] = (this.gram[i * dIn + j]! - rows * offset[i]! * offset[j]!) * scale;
    }
    return { mean: Float32Array.from(offset, (o, d) => o + this.shift[d]!), covariance };
  }

  close(): Promise<void> {
    return this.session.close();
  }
}

/** Sums cos(whitened x − m, whitened x̂ − m) over batches; `mean()` is the AIP. */
export class WhitenedCosineAccumulator {
  private total = 0;
  private counted = 0;

  private constructor(
    private readonly session: Awaited<ReturnType<typeof openWhitenedSession>>,
    private readonly meanTensor: ort.Tensor,
    private readonly whiteningTensor: ort.Tensor,
    readonly ridge: number,
  ) {}

  static async open(
    mean: Float32Array,
    covariance: Float64Array,
    dIn: number,
    options: MetricSessionOptions,
  ): Promise<WhitenedCosineAccumulator> {
    const { whitening, ridge } = whiteningMatrix(covariance, dIn);
    const session = await openWhitenedSession(dIn, options);
    return new WhitenedCosineAccumulator(session, session.tensor(mean, [dIn]), session.tensor(whitening, [dIn, dIn]), ridge);
  }

  async add(x: Float32Array, reconstruction: Float32Array, rows: number): Promise<void> {
    const { dot, normSq, normHatSq } = await this.session.products(x, reconstruction, rows, this.meanTensor, this.whiteningTensor);
    for (let i = 0; i < rows; i++) {
      if (!(normSq[i]! > 0 && normHatSq[i]! > 0)) continue;
      this.total += dot[i]! / Math.sqrt(normSq[i]! * normHatSq[i]!);
      this.counted++;
    }
  }

  mean(): number {
    return this.counted > 0 ? this.total / this.counted : Number.NaN;
  }

  close(): Promise<void> {
    return this.session.close();
  }
}
