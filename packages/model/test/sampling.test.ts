import { describe, expect, it } from 'vitest';
import { floatsToHalves, halvesToFloats } from '../src/half.ts';
import { argmax, pickToken, seededRandom } from '../src/sampling.ts';

describe('pickToken', () => {
  const logits = Float32Array.of(0.1, 2, 1.9, -3);

  it('is argmax at temperature 0 (the first on ties)', () => {
    expect(pickToken(logits, 0, () => 0.99)).toBe(1);
    expect(argmax([1, 5, 5])).toBe(1);
  });

  it('samples in proportion to softmax(logits / T): a seeded generator reproduces the draws', () => {
    const draw = (seed: number) => Array.from({ length: 4000 }, ((random) => () => pickToken(logits, 1, random))(seededRandom(seed)));
    const draws = draw(5);
    expect(draw(5)).toEqual(draws);
    const counts = [0, 1, 2, 3].map((id) => draws.filter((d) => d === id).length / draws.length);
    const weights = Array.from(logits, (l) => Math.exp(l));
    const total = weights.reduce((a, b) => a + b, 0);
    counts.forEach((frequency, id) => expect(Math.abs(frequency - weights[id]! / total)).toBeLessThan(0.03));
  });
});

describe('fp16 conversion', () => {
  const floatToHalf = (value: number) => floatsToHalves([value])[0]!;
  const halfToFloat = (bits: number) => halvesToFloats([bits], true)[0]!;
  it('round-trips representable values and rounds to nearest even', () => {
    for (const value of [0, -0, 1, -2.5, 65504, 6.103515625e-5, 5.960464477539063e-8, 0.333251953125]) {
      expect(halfToFloat(floatToHalf(value))).toBe(value);
    }
    expect(floatToHalf(1 + 2 ** -11)).toBe(0x3c00); // halfway between 1 and the next half: even wins
    expect(floatToHalf(1e6)).toBe(0x7c00);
    expect(halfToFloat(floatToHalf(0.1))).toBeCloseTo(0.1, 3);
  });
});
