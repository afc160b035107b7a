import { describe, expect, it } from 'vitest';
import { activationBackground, activationIntensity } from '../src/lib/activation-color';

describe('activation colour scale', () => {
  it('is proportional to value / max and clamped', () => {
    expect(activationIntensity(5, 10)).toBe(0.5);
    expect(activationIntensity(20, 10)).toBe(1);
    expect(activationIntensity(0, 10)).toBe(0);
    expect(activationIntensity(-1, 10)).toBe(0);
    expect(activationIntensity(3, 0)).toBe(0);
    expect(activationIntensity(Number.NaN, 10)).toBe(0);
  });

  it('gives no background to tokens that did not fire', () => {
    expect(activationBackground(0, 10)).toBeUndefined();
  });

  it('grows more opaque with the value', () => {
    const alpha = (css: string | undefined) => Number(/, ([\d.]+)\)$/.exec(css ?? '')?.[1]);
    expect(alpha(activationBackground(10, 10))).toBeCloseTo(0.9);
    expect(alpha(activationBackground(1, 10))).toBeLessThan(alpha(activationBackground(5, 10)));
    expect(alpha(activationBackground(0.001, 10))).toBeGreaterThan(0);
  });
});
