import type { ActivationSource } from '@atlas/activations';
import { CovarianceAccumulator, whiteningMatrix } from '@atlas/sae';
import { matchAtoms, type AtomMatchOptions } from './atom-matching.ts';
import { CompareError } from './compare-error.ts';
import { breathe, throwIfAborted } from './control.ts';
import { crossTopK } from './cross-topk.ts';
import { checkDictionary, requireSameSpace, unitRows, type Dictionary } from './dictionary.ts';
import { bestMatches, finiteMean } from './matching.ts';
import { multiply } from './matrix.ts';
import type { ComparisonResult, RunControl } from './result.ts';

export interface AipOptions extends AtomMatchOptions {
  /** Activation rows the covariance is estimated from (default all, read in batches). */
  rows?: number;
  batchRows?: number;
}

/** Mean and covariance of an activation source, read in batches; products in onnxruntime. */
export async function activationCovariance(source: ActivationSource, options: RunControl & { rows?: number; batchRows?: number } = {}) {
  const rows = Math.min(options.rows ?? source.rows, source.rows);
  const batchRows = options.batchRows ?? 8192;
  const { dIn } = source;
  const buffer = new Float32Array(batchRows * dIn);
  // The first batch's mean is the shift: float32 products about it lose little.
  const first = Math.min(batchRows, rows);
  await source.read(0, first, buffer.subarray(0, first * dIn));
  const shift = new Float32Array(dIn);
  for (let r = 0; r < first; r++) for (let c = 0; c < dIn; c++) shift[c]! += buffer[r * dIn + c]! / first;
  const accumulator = await CovarianceAccumulator.open(dIn, shift, options.threads ? { threads: options.threads } : {});
  try {
    for (let start = 0; start < rows; start += batchRows) {
      throwIfAborted(options);
      const count = Math.min(batchRows, rows - start);
      const x = buffer.subarray(0, count * dIn);
      await source.read(start, count, x);
      await accumulator.add(x, count);
      options.onProgress?.({ stage: 'activation covariance', done: start + count, total: rows });
      await breathe();
    }
    return { ...accumulator.finish(), rows };
  } finally {
    await accumulator.close();
  }
}

/**
 * The atoms view: decoder rows matched by their atomic inner product — the cosine after
 * whitening by the activations' covariance Σ, aᵀΣ⁻¹b / √(aᵀΣ⁻¹a · bᵀΣ⁻¹b), the inner product
 * `evaluateSource`'s AIP uses — beside plain cosine. Two directions that look alike only because
 * the activations are anisotropic (a few high-variance directions) stop looking alike here.
 */
export async function compareAip(a: Dictionary, b: Dictionary, activations: ActivationSource, options: AipOptions = {}): Promise<ComparisonResult> {
  checkDictionary(a);
  checkDictionary(b);
  requireSameSpace(a, b, 'AIP matching');
  if (activations.dIn !== a.dIn) {
    throw new CompareError(`AIP needs activations of the SAEs' hook (width ${a.dIn}), got width ${activations.dIn} (${activations.description}).`);
  }
  const d = a.dIn;
  const { covariance, rows } = await activationCovariance(activations, options);
  const { whitening, ridge } = whiteningMatrix(covariance, d);
  const whitened = (x: Dictionary) => unitRows(multiply(x.W_dec, x.width, d, whitening, d), x.width, d);
  const { result, best } = await matchAtoms({ a: whitened(a), widthA: a.width, b: whitened(b), widthB: b.width, d }, 'aip', options);

  const plain = bestMatches(await crossTopK(unitRows(a.W_dec, a.width, d), a.width, unitRows(b.W_dec, b.width, d), b.width, d, 1, { ...options, stage: 'aip: plain cosine' }));
  let agree = 0;
  best.bestAB.forEach((j, i) => (agree += plain.bestAB[i] === j ? 1 : 0));
  result.summary.figures.push(
    { name: 'cosineMeanBestAB', value: finiteMean(plain.scoreAB), description: 'beside: mean over A features of the best plain decoder cosine in B' },
    { name: 'cosineMutualShare', value: plain.mutualCount / Math.min(a.width, b.width), description: 'beside: mutual nearest neighbours by plain cosine ÷ the smaller width' },
    { name: 'bestAgreement', value: agree / a.width, description: 'share of A features whose best B partner is the same by AIP and by plain cosine' },
  );
  Object.assign(result.summary.params, { a: a.id, b: b.id, covarianceRows: rows, ridge, whitening: 'Cholesky of Σ + εI (same inner product as Σ^-1/2)' });
  return result;
}
