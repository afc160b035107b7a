import type { SparseRows } from './cooccurrence.ts';

/**
 * Positive pointwise mutual information of co-occurrence counts, with the context distribution
 * raised to `alpha` (0.75: rare contexts get less inflated PMI; Levy, Goldberg & Dagan 2015):
 * PPMI(w, c) = max(0, log(#(w,c) / (#(w) · P_α(c)))). Zero entries are dropped.
 */
export function ppmi(counts: SparseRows, alpha: number): SparseRows {
  const { rows, rowStart, colIndex, values } = counts;
  const rowSum = new Float64Array(rows);
  const colSum = new Float64Array(counts.cols);
  for (let r = 0; r < rows; r++) {
    for (let i = rowStart[r]!; i < rowStart[r + 1]!; i++) {
      rowSum[r]! += values[i]!;
      colSum[colIndex[i]!]! += values[i]!;
    }
  }
  let smoothedTotal = 0;
  for (let c = 0; c < colSum.length; c++) smoothedTotal += colSum[c]! ** alpha;
  const outStart = new Int32Array(rows + 1);
  const outCols = new Int32Array(colIndex.length);
  const outValues = new Float32Array(colIndex.length);
  let kept = 0;
  for (let r = 0; r < rows; r++) {
    for (let i = rowStart[r]!; i < rowStart[r + 1]!; i++) {
      const c = colIndex[i]!;
      const pmi = Math.log((values[i]! * smoothedTotal) / (rowSum[r]! * colSum[c]! ** alpha));
      if (pmi > 0) {
        outCols[kept] = c;
        outValues[kept] = pmi;
        kept += 1;
      }
    }
    outStart[r + 1] = kept;
  }
  return { rows, cols: counts.cols, rowStart: outStart, colIndex: outCols.slice(0, kept), values: outValues.slice(0, kept) };
}
