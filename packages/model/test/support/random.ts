import { seededRandom } from '../../src/sampling.ts';

/** `fill(n, scale, offset)`: n deterministic floats uniform in offset ± scale. */
export function makeRandom(seed: number): (n: number, scale: number, offset?: number) => Float32Array {
  const next = seededRandom(seed);
  return (n, scale, offset = 0) => Float32Array.from({ length: n }, () => offset + (next() * 2 - 1) * scale);
}
