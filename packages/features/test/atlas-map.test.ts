import { describe, expect, it } from 'vitest';
import { atlasMapLayout } from '../src/index.ts';
import { seededRandom } from './support/random.ts';

/** `clusters` groups of `size` decoder rows, each a small perturbation of its group's random direction. */
function clusteredDecoder(clusters: number, size: number, dIn: number, seed: number): Float32Array {
  const random = seededRandom(seed);
  const centres = Array.from({ length: clusters }, () => Array.from({ length: dIn }, () => random() * 2 - 1));
  const decoder = new Float32Array(clusters * size * dIn);
  for (let row = 0; row < clusters * size; row += 1) {
    const centre = centres[Math.floor(row / size)]!;
    for (let d = 0; d < dIn; d += 1) decoder[row * dIn + d] = centre[d]! + 0.15 * (random() * 2 - 1);
  }
  return decoder;
}

const distance = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.hypot(a.x - b.x, a.y - b.y);

describe('atlasMapLayout', () => {
  const clusters = 4;
  const size = 30;
  const dIn = 24;
  const decoder = clusteredDecoder(clusters, size, dIn, 5);

  it('keeps decoder clusters together and apart on the map, in [0, 1], with progress', async () => {
    const progress: [number, number][] = [];
    const points = await atlasMapLayout(decoder, dIn, { epochs: 200, seed: 1, onProgress: (done, total) => progress.push([done, total]) });
    expect(points).toHaveLength(clusters * size);
    for (const point of points) {
      expect(point.x).toBeGreaterThanOrEqual(0);
      expect(point.x).toBeLessThanOrEqual(1);
      expect(point.y).toBeGreaterThanOrEqual(0);
      expect(point.y).toBeLessThanOrEqual(1);
    }
    let within = 0, withinPairs = 0, across = 0, acrossPairs = 0;
    points.forEach((a, i) => points.forEach((b, j) => {
      if (j <= i) return;
      if (Math.floor(i / size) === Math.floor(j / size)) { within += distance(a, b); withinPairs += 1; }
      else { across += distance(a, b); acrossPairs += 1; }
    }));
    expect(within / withinPairs).toBeLessThan((across / acrossPairs) / 4);
    expect(progress.at(-1)).toEqual([200, 200]);
    expect(progress.length).toBeGreaterThan(5);
  });

  it('is deterministic for a seed', async () => {
    const first = await atlasMapLayout(decoder, dIn, { epochs: 50, seed: 3 });
    const second = await atlasMapLayout(decoder, dIn, { epochs: 50, seed: 3 });
    expect(second).toEqual(first);
  });

  it('rejects a decoder that does not split into rows of d_in', async () => {
    await expect(atlasMapLayout(new Float32Array(10), 3)).rejects.toThrow(/d_in 3/);
  });
});
