import type { Device } from '@atlas/onnx';
import { inMemorySource } from '@atlas/activations';
import type { ActivationSource } from '@atlas/activations';
import { CovarianceAccumulator, WhitenedCosineAccumulator, decoderCoherence, maxUniqueSupport, uniqueSupportShare } from './atoms-metrics.ts';
import type { AtomsMetrics } from './atoms-metrics.ts';
import { createEncoder } from '../encoding/encoder.ts';
import type { SaeEncoder } from '../encoding/encoder.ts';
import { denormaliseReconstruction, normalisationOf } from '../normalise.ts';
import { reconstruct } from '../reconstruct.ts';
import { SaeError } from '../sae-error.ts';
import type { SaeMetrics, SaeWeights } from '../types.ts';
import { validateActivations } from '../validate.ts';

/** A latent firing on more than this fraction of rows is dense (as in the feature statistics). */
export const DENSE_DENSITY = 0.1;

export interface Evaluation extends SaeMetrics {
  /** Rows evaluated. */
  rows: number;
  /** 1 − FVU: the share of the total variance (about the rows' mean) the reconstruction explains. */
  explainedVariance: number;
  /** R², averaged over dimensions: mean_d (1 − SSE_d / SST_d); dimensions with SST_d = 0 are left out. */
  r2: number;
  /** Fraction of latents firing on more than 10% of the rows. */
  denseFraction: number;
  /** Per latent, the fraction of rows on which it fires. */
  density: Float32Array;
  /** `supportSizes[K]`: rows on which exactly K latents fire (the per-sample support size). */
  supportSizes: number[];
  /** With `atoms: true`: coherence, AIP and q* (see `AtomsMetrics`). */
  atoms?: AtomsMetrics;
}

export type EvaluationStage = 'reconstruction' | 'coherence' | 'whitened cosines';

export interface EvaluateOptions {
  /** Rows per onnxruntime run (default 4096). */
  batchSize?: number;
  threads?: number;
  /** Execution provider for every session (default cpu; an unavailable one falls back to CPU with a warning). */
  device?: Device;
  /** Evaluate only the first `rows` rows of a source (default: all). */
  rows?: number;
  /** Also compute the atoms metrics: a second pass over the rows and a width² · dIn product. */
  atoms?: boolean;
  onProgress?: (stage: EvaluationStage, done: number, total: number) => void;
}

/**
 * Encodes and reconstructs `rows` in-memory rows of activations with the SAE (see `evaluateSource`).
 */
export async function evaluateSae(
  sae: SaeWeights,
  activations: Float32Array,
  rows: number,
  options: EvaluateOptions = {},
): Promise<Evaluation> {
  validateActivations(activations, rows, sae.cfg.dIn);
  return evaluateSource(sae, inMemorySource(activations, rows, sae.cfg.dIn), options);
}

/**
 * Streams rows from `source`, encoding and reconstructing them with the SAE: L0, FVU and explained
 * variance about the rows' own mean, R², the dead (never firing) and dense fractions, each latent's
 * firing density and the support-size histogram; with `atoms`, the dictionary metrics too.
 */
export async function evaluateSource(sae: SaeWeights, source: ActivationSource, options: EvaluateOptions = {}): Promise<Evaluation> {
  const { dIn, width } = sae.cfg;
  if (source.dIn !== dIn) {
    throw new SaeError(`${source.description}: rows have ${source.dIn} values but the SAE's d_in is ${dIn}.`);
  }
  const rows = Math.min(options.rows ?? source.rows, source.rows);
  if (!Number.isSafeInteger(rows) || rows < 1) throw new SaeError(`rows must be a positive integer, got ${options.rows}.`);
  const sessionOptions = {
    ...(options.threads ? { threads: options.threads } : {}),
    ...(options.device ? { device: options.device } : {}),
  };
  const batchSize = Math.min(options.batchSize ?? 4096, rows);
  const encoder = await createEncoder(sae, { batchSize, ...sessionOptions });
  const covariance = options.atoms ? await CovarianceAccumulator.open(dIn, sae.b_dec, sessionOptions) : undefined;
  const sums = new ReconstructionSums(sae, rows);
  try {
    await forEachReconstruction(sae, source, encoder, rows, batchSize, async (x, reconstruction, codes, count) => {
      sums.add(x, reconstruction, codes, count, encoder.slots);
      await covariance?.add(x, count);
      options.onProgress?.('reconstruction', sums.rows, rows);
    });
    const evaluation = sums.finish();
    if (!covariance) return evaluation;
    const coherence = await decoderCoherence(sae.W_dec, width, dIn, {
      ...sessionOptions,
      onProgress: (done, total) => options.onProgress?.('coherence', done, total),
    });
    const { mean, covariance: sigma } = covariance.finish();
    const cosines = await WhitenedCosineAccumulator.open(mean, sigma, dIn, sessionOptions);
    try {
      let done = 0;
      await forEachReconstruction(sae, source, encoder, rows, batchSize, async (x, reconstruction, _codes, count) => {
        await cosines.add(x, reconstruction, count);
        options.onProgress?.('whitened cosines', (done += count), rows);
      });
    } finally {
      await cosines.close();
    }
    evaluation.atoms = {
      coherence,
      aip: cosines.mean(),
      qStar: uniqueSupportShare(evaluation.supportSizes, coherence),
      maxUniqueSupport: maxUniqueSupport(coherence),
      ridge: cosines.ridge,
    };
    return evaluation;
  } finally {
    await encoder.close();
    await covariance?.close();
  }
}

type Batch = (x: Float32Array, reconstruction: Float32Array, codes: { indices: Int32Array; values: Float32Array }, count: number) => Promise<void>;

async function forEachReconstruction(
  sae: SaeWeights,
  source: ActivationSource,
  encoder: SaeEncoder,
  rows: number,
  batchSize: number,
  visit: Batch,
): Promise<void> {
  const { dIn } = sae.cfg;
  const buffer = new Float32Array(batchSize * dIn);
  const reconstruction = new Float32Array(batchSize * dIn);
  for (let start = 0; start < rows; start += batchSize) {
    const count = Math.min(batchSize, rows - start);
    const x = buffer.subarray(0, count * dIn);
    await source.read(start, count, x);
    const codes = await encoder.encode(x, count);
    const xHat = reconstruction.subarray(0, count * dIn);
    reconstruct(sae.W_dec, sae.b_dec, codes, count, encoder.slots, xHat);
    // The encoder normalised its input (cfg.normalizeActivations): compare in the data's own scale.
    denormaliseReconstruction(x, xHat, count, dIn, normalisationOf(sae.cfg));
    await visit(x, xHat, codes, count);
  }
}

/**
 * Per-dimension float64 sums for FVU and R², taken about b_dec (close to the data mean, so the
 * one-pass variance Σ(x − s)² − n(μ − s)² does not cancel badly), plus firing counts.
 */
class ReconstructionSums {
  rows = 0;
  private active = 0;
  private readonly fires: Float64Array;
  private readonly supportSizes: number[] = [];
  private readonly sum: Float64Array;
  private readonly sumSquares: Float64Array;
  private readonly squaredError: Float64Array;

  constructor(private readonly sae: SaeWeights, private readonly expectedRows: number) {
    const { dIn, width } = sae.cfg;
    this.fires = new Float64Array(width);
    this.sum = new Float64Array(dIn);
    this.sumSquares = new Float64Array(dIn);
    this.squaredError = new Float64Array(dIn);
  }

  add(x: Float32Array, reconstruction: Float32Array, codes: { indices: Int32Array; values: Float32Array }, count: number, slots: number): void {
    const { dIn } = this.sae.cfg;
    const shift = this.sae.b_dec;
    for (let i = 0; i < count; i++) {
      let support = 0;
      for (let s = i * slots; s < (i + 1) * slots; s++) {
        if (codes.values[s]! > 0) {
          const j = codes.indices[s]!;
          this.fires[j] = this.fires[j]! + 1;
          support++;
        }
      }
      this.active += support;
      this.supportSizes[support] = (this.supportSizes[support] ?? 0) + 1;
      for (let d = 0; d < dIn; d++) {
        const value = x[i * dIn + d]!;
        const error = value - reconstruction[i * dIn + d]!;
        const shifted = value - shift[d]!;
        this.squaredError[d] = this.squaredError[d]! + error * error;
        this.sum[d] = this.sum[d]! + shifted;
        this.sumSquares[d] = this.sumSquares[d]! + shifted * shifted;
      }
    }
    this.rows += count;
  }

  finish(): Evaluation {
    const { rows } = this;
    const { width, dIn } = this.sae.cfg;
    let totalError = 0;
    let totalVariance = 0;
    let r2Sum = 0;
    let r2Dimensions = 0;
    for (let d = 0; d < dIn; d++) {
      const variance = Math.max(0, this.sumSquares[d]! - (this.sum[d]! * this.sum[d]!) / rows);
      totalError += this.squaredError[d]!;
      totalVariance += variance;
      if (variance > 0) {
        r2Sum += 1 - this.squaredError[d]! / variance;
        r2Dimensions++;
      }
    }
    const fvu = totalVariance > 0 ? totalError / totalVariance : Number.NaN;
    let dead = 0;
    let dense = 0;
    const density = Float32Array.from(this.fires, (f) => f / rows);
    for (let j = 0; j < width; j++) {
      if (this.fires[j] === 0) dead++;
      if (density[j]! > DENSE_DENSITY) dense++;
    }
    if (rows !== this.expectedRows) throw new SaeError(`evaluated ${rows} rows, expected ${this.expectedRows}.`);
    return {
      rows,
      l0: this.active / rows,
      fvu,
      explainedVariance: 1 - fvu,
      r2: r2Dimensions > 0 ? r2Sum / r2Dimensions : Number.NaN,
      deadFraction: dead / width,
      denseFraction: dense / width,
      density,
      supportSizes: Array.from(this.supportSizes, (count) => count ?? 0),
    };
  }
}
