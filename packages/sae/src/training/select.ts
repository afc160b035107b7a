import { BUG, SaeError } from '../sae-error.ts';

/**
 * The `rank`-th largest (1-based) of `values` by quickselect, O(n) expected. `scratch` (length ≥
 * values.length) is overwritten; `values` is not.
 */
export function nthLargest(values: Float32Array, rank: number, scratch: Float32Array = new Float32Array(values.length)): number {
  const n = values.length;
  if (rank < 1 || rank > n) throw new SaeError(`rank ${rank} outside 1..${n}`, BUG);
  const a = scratch;
  a.set(values);
  let lo = 0;
  let hi = n - 1;
  const target = rank - 1; // index in descending order
  while (hi > lo) {
    const pivot = a[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! > pivot) i++;
      while (a[j]! < pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return a[target]!;
  }
  return a[target]!;
}

/**
 * BatchTopK's selection: keeps the `keep` largest positive values of the whole batch (all of
 * them tied with the smallest kept), zeroing the rest in place. Returns the smallest kept value
 * (Infinity when none is positive).
 */
export function keepBatchTopK(values: Float32Array, keep: number, scratch?: Float32Array): number {
  let positive = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! > 0) positive++;
  if (positive === 0) return Infinity;
  if (positive <= keep) {
    let min = Infinity;
    for (let i = 0; i < values.length; i++) if (values[i]! > 0 && values[i]! < min) min = values[i]!;
    return min;
  }
  const threshold = nthLargest(values, keep, scratch);
  for (let i = 0; i < values.length; i++) if (values[i]! < threshold) values[i] = 0;
  return threshold;
}
