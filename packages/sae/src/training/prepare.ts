import type { Penalty } from './gradients.ts';
import type { SparseCodes } from '../types.ts';

/** What an architecture's prepare step reads; training updates `coefficient`, `norms` and `threshold` in place. */
export interface PrepareState {
  /** batchtopk: mean latents per row (k·rows kept per batch). */
  k: number;
  /** λ of the L1 (relu) or L0 (jumprelu) penalty at this step. */
  coefficient: number;
  /** relu: decoder row norms [width]. */
  norms: Float32Array;
  /** jumprelu: θ = exp(logθ) [width], also fed to the graph. */
  threshold: Float32Array;
  /** jumprelu: STE rectangle width ε. */
  bandwidth: number;
}

/**
 * Turns the encoder graph's codes for some rows into the codes training uses, with the
 * architecture's penalty (`SaeArchitecture.makePrepare`).
 */
export type Prepare = (codes: SparseCodes, rows: number) => { codes: SparseCodes; penalty?: Penalty };
