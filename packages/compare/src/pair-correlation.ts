import { CompareError } from './compare-error.ts';
import { breathe, throwIfAborted } from './control.ts';
import { byFeature, featureMoments, type CodeTable } from './code-table.ts';
import { emptyLists, insertCandidate, type CandidateLists } from './cross-topk.ts';
import type { RunControl } from './result.ts';

export interface PairCorrelationOptions extends RunControl {
  /** Bytes for the block of pair sums (12 per A-feature × B-feature cell; default 256 MiB). */
  memoryBytes?: number;
  /** Partners kept per feature each way (default 8). */
  candidates?: number;
  /** A pair needs at least this many tokens where both fire to be a candidate (default 3: rarer pairs are noise). */
  minCoactive?: number;
}

export const DEFAULT_PAIR_MEMORY = 256 * 2 ** 20;

/**
 * Pearson r of every co-active (A latent, B latent) pair over the shared token rows, and each
 * feature's best partners both ways. Exact: codes are sparse, so Σxy is nonzero only for pairs
 * that fire together, and each latent's Σx, Σx² over all rows (zeros included) give the rest —
 * a pair that never co-fires has r ≤ 0 and is never anyone's best match. Memory: the codes, and a
 * block of A latents × all B latents of pair sums sized by `memoryBytes`; work: Σ over tokens of
 * kA × kB (every co-firing once).
 */
export async function pairCorrelations(a: CodeTable, b: CodeTable, options: PairCorrelationOptions = {}): Promise<CandidateLists> {
  if (a.rows !== b.rows) {
    throw new CompareError(`Activation correlation needs the same tokens on both sides, but A has ${a.rows} rows and B ${b.rows}.`);
  }
  const n = a.rows;
  const widthA = a.width;
  const widthB = b.width;
  const k = options.candidates ?? 8;
  const minCoactive = options.minCoactive ?? 3;
  const momentsA = featureMoments(a);
  const momentsB = featureMoments(b);
  const sd = (m: ReturnType<typeof featureMoments>, j: number) => Math.sqrt(Math.max(0, m.sumSq[j]! / n - (m.sum[j]! / n) ** 2));
  const sdB = Float64Array.from({ length: widthB }, (_, j) => sd(momentsB, j));
  const meanB = Float64Array.from(momentsB.sum, (s) => s / n);
  const featuresA = byFeature(a);
  const blockRows = Math.max(1, Math.min(widthA, Math.floor((options.memoryBytes ?? DEFAULT_PAIR_MEMORY) / (widthB * 12))));
  const sums = new Float64Array(blockRows * widthB);
  const counts = new Uint32Array(blockRows * widthB);
  const aToB = emptyLists(widthA, Math.min(k, widthB));
  const bToA = emptyLists(widthB, Math.min(k, widthA));
  for (let first = 0; first < widthA; first += blockRows) {
    throwIfAborted(options);
    const last = Math.min(widthA, first + blockRows);
    sums.fill(0);
    counts.fill(0);
    for (let i = first; i < last; i++) {
      const base = (i - first) * widthB;
      for (let p = featuresA.offsets[i]!; p < featuresA.offsets[i + 1]!; p++) {
        const row = featuresA.indices[p]!;
        const x = featuresA.values[p]!;
        for (let q = b.offsets[row]!; q < b.offsets[row + 1]!; q++) {
          const cell = base + b.indices[q]!;
          sums[cell]! += x * b.values[q]!;
          counts[cell]!++;
        }
      }
    }
    for (let i = first; i < last; i++) {
      const sdA = sd(momentsA, i);
      if (!(sdA > 0)) continue;
      const meanA = momentsA.sum[i]! / n;
      const base = (i - first) * widthB;
      for (let j = 0; j < widthB; j++) {
        if (counts[base + j]! < minCoactive || !(sdB[j]! > 0)) continue;
        const r = (sums[base + j]! / n - meanA * meanB[j]!) / (sdA * sdB[j]!);
        insertCandidate(aToB, i, r, j);
        insertCandidate(bToA, j, r, i);
      }
    }
    options.onProgress?.({ stage: 'activation correlation', done: last, total: widthA });
    await breathe();
  }
  return { aToB, bToA };
}
