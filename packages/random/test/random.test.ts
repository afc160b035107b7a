import { describe, expect, it } from 'vitest';
import { gaussian, mulberry32, permutation } from '../src/index.ts';

// The sequences below were produced by the copies this package replaced (@atlas/sae's random.ts
// and @atlas/model's seededRandom): SAE initialisation, shuffling and checkpoints depend on them.
describe('@atlas/random', () => {
  it('mulberry32 gives the same sequence as before for a seed', () => {
    const zero = mulberry32(0);
    expect([zero(), zero(), zero()]).toEqual([0.26642920868471265, 0.0003297457005828619, 0.2232720274478197]);
    const answer = mulberry32(42);
    expect([answer(), answer(), answer()]).toEqual([0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
  });

  it('mulberry32 takes the seed modulo 2^32 and stays in [0, 1)', () => {
    expect(mulberry32(2 ** 32 + 7)()).toBe(mulberry32(7)());
    const random = mulberry32(123);
    for (let i = 0; i < 10_000; i++) {
      const value = random();
      expect(value >= 0 && value < 1).toBe(true);
    }
  });

  it('gaussian and permutation draw the same values as before', () => {
    const normal = gaussian(mulberry32(1));
    expect([normal(), normal(), normal()]).toEqual([1.4043387784152637, 0.024141617523036025, 1.2157546192705377]);
    expect(Array.from(permutation(8, mulberry32(3)))).toEqual([7, 4, 1, 3, 6, 2, 0, 5]);
  });

  it('permutation holds every index once', () => {
    const order = permutation(1000, mulberry32(9));
    expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });
});
