import { describe, expect, it } from 'vitest';
import { logLogSlope } from '../bench/growth-fit.ts';

describe('logLogSlope (bench:compare growth fit)', () => {
  it('recovers the exponent of a power law', () => {
    const sizes = [2048, 4096, 8192, 16384];
    expect(logLogSlope(sizes.map((size) => ({ size, value: 3 * size ** 2 })))).toBeCloseTo(2, 10);
    expect(logLogSlope(sizes.map((size) => ({ size, value: 0.5 * size })))).toBeCloseTo(1, 10);
    expect(logLogSlope(sizes.map((size) => ({ size, value: 7 })))).toBeCloseTo(0, 10);
  });

  it('has nothing to fit with fewer than two usable points', () => {
    expect(logLogSlope([{ size: 1024, value: 1 }])).toBeUndefined();
    expect(logLogSlope([{ size: 1024, value: 1 }, { size: 2048, value: 0 }])).toBeUndefined();
    expect(logLogSlope([{ size: 1024, value: 1 }, { size: 1024, value: 2 }])).toBeUndefined();
  });
});
