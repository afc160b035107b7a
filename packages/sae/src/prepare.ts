import type { Penalty } from './gradients.ts';
import { keepBatchTopK } from './select.ts';
import type { Architecture, SparseCodes } from './types.ts';

/** What the per-architecture step needs; training updates `coefficient`, `norms` and `threshold` in place. */
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

export type Prepare = (codes: SparseCodes, rows: number) => { codes: SparseCodes; penalty?: Penalty };

/**
 * Turns the encoder graph's codes into the codes training uses, with the architecture's
 * penalty: topk and gba use them as they are; batchtopk keeps the k·rows largest of the batch;
 * relu adds the norm-weighted L1; jumprelu's graph returns raw pre-activations (ranked by
 * pre − θ), from which z = pre·H(pre − θ) is formed and the pre values kept for the STE.
 */
export function makePrepare(architecture: Architecture, state: PrepareState): Prepare | undefined {
  let scratch = new Float32Array(0);
  switch (architecture) {
    case 'topk':
      return undefined;
    case 'batchtopk':
      return (codes, rows) => {
        if (scratch.length < codes.values.length) scratch = new Float32Array(codes.values.length);
        keepBatchTopK(codes.values, state.k * rows, scratch);
        return { codes };
      };
    case 'gba':
    case 'mp': // its own backward pass (mp-backward.ts) reads the graph's trajectory as it is
      return undefined;
    case 'relu':
      return (codes) => ({ codes, penalty: { kind: 'l1', coefficient: state.coefficient, norms: state.norms } });
    case 'jumprelu':
      return (codes) => {
        const { threshold } = state;
        const pre = codes.values;
        const values = new Float32Array(pre.length);
        for (let i = 0; i < pre.length; i++) {
          const p = pre[i]!;
          values[i] = p > threshold[codes.indices[i]!]! ? p : 0;
        }
        const penalty: Penalty = { kind: 'jumprelu', coefficient: state.coefficient, bandwidth: state.bandwidth, threshold, pre };
        return { codes: { values, indices: codes.indices }, penalty };
      };
  }
}
