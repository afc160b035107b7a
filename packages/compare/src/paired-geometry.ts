import { throwIfAborted } from './control.ts';
import type { Dictionary } from './dictionary.ts';
import { DEFAULT_NULL_DRAWS, figureWithNull } from './null-distribution.ts';
import { mulberry32, permutation } from './random.ts';
import type { RunControl, SummaryFigure } from './result.ts';
import { pairwiseCosines, rsa } from './rsa.ts';
import { svccaNull } from './svcca-null.ts';
import { crossProduct, canonicalCorrelations, DEFAULT_VARIANCE_KEPT, mean, principalBasis } from './svcca.ts';

export interface PairedGeometryOptions extends RunControl {
  /** Random re-pairings per null (default 100). */
  nullDraws?: number;
  /** Paired items RSA samples (its triangle grows with the square; default 1000). */
  rsaSample?: number;
  varianceKept?: number;
  seed?: number;
}

/** Rows `features` of a dictionary's W_dec, gathered [features.length, dIn]. */
function gatherRows(dictionary: Dictionary, features: ArrayLike<number>): Float32Array {
  const { dIn, W_dec } = dictionary;
  const out = new Float32Array(features.length * dIn);
  for (let p = 0; p < features.length; p++) out.set(W_dec.subarray(features[p]! * dIn, (features[p]! + 1) * dIn), p * dIn);
  return out;
}

/**
 * How alike the two dictionaries' geometries are over paired features (A's featureA[p] with B's
 * featureB[p]): SVCCA (principal components to 99% of variance, mean canonical correlation) and
 * RSA (Spearman between pairwise decoder cosines, on a seeded sample), each against the same
 * statistic under random re-pairings. Works across widths and d_in: only the pairing links them.
 */
export async function pairedGeometry(
  a: Dictionary,
  b: Dictionary,
  featureA: ArrayLike<number>,
  featureB: ArrayLike<number>,
  options: PairedGeometryOptions = {},
): Promise<{ figures: SummaryFigure[]; params: Record<string, number> }> {
  const n = featureA.length;
  const draws = options.nullDraws ?? DEFAULT_NULL_DRAWS;
  const random = mulberry32(options.seed ?? 0);
  const rowsA = gatherRows(a, featureA);
  const rowsB = gatherRows(b, featureB);
  const varianceKept = options.varianceKept ?? DEFAULT_VARIANCE_KEPT;
  if (n < 3) return { figures: [], params: { pairs: n } };

  const basisA = principalBasis(rowsA, n, a.dIn, varianceKept);
  const basisB = principalBasis(rowsB, n, b.dIn, varianceKept);
  const observed = mean(canonicalCorrelations(crossProduct(basisA, basisB), basisA.components, basisB.components));
  const svccaDraws = await svccaNull(basisA, basisB, draws, random, permutation, options);
  throwIfAborted(options);

  const m = Math.min(n, options.rsaSample ?? 1000);
  const sample = permutation(n, random).subarray(0, m);
  const pick = (rows: Float32Array, d: number) => {
    const out = new Float32Array(m * d);
    sample.forEach((p, s) => out.set(rows.subarray(p * d, (p + 1) * d), s * d));
    return out;
  };
  const similarity = rsa(pairwiseCosines(pick(rowsA, a.dIn), m, a.dIn), pairwiseCosines(pick(rowsB, b.dIn), m, b.dIn), m, draws, random, permutation);
  return {
    figures: [
      figureWithNull('svcca', observed, `SVCCA of the paired decoder rows: mean canonical correlation of their principal components to ${varianceKept * 100}% of variance (null: random re-pairings)`, 'shuffle', svccaDraws),
      figureWithNull('rsa', similarity.value, `RSA: Spearman ρ between the pairwise decoder cosines of ${m} sampled pairs on each side (null: random re-pairings)`, 'shuffle', similarity.nullDraws),
    ],
    params: { pairs: n, svccaComponentsA: basisA.components, svccaComponentsB: basisB.components, rsaSample: m, varianceKept },
  };
}
