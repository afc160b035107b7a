import { describe, expect, it } from 'vitest';
import { clampStrength, defaultStrength, divergedFrom } from '../src/components/steering-panel-state';

describe('steering panel state', () => {
  it('starts at 4 × the max activation, within ±200 and at least 1', () => {
    expect(defaultStrength(2.6)).toBe(10);
    expect(defaultStrength(80)).toBe(200);
    expect(defaultStrength(0.01)).toBe(1);
    expect(defaultStrength(0)).toBe(10);
  });

  it('clamps typed strengths and treats an empty field as 0', () => {
    expect(clampStrength(250)).toBe(200);
    expect(clampStrength(-999)).toBe(-200);
    expect(clampStrength(12.5)).toBe(12.5);
    expect(clampStrength(Number.NaN)).toBe(0);
  });

  it('finds where the steered continuation leaves the baseline', () => {
    expect(divergedFrom(['a', 'b', 'c'], ['a', 'b', 'c'])).toBe(3);
    expect(divergedFrom(['a', 'b', 'c'], ['a', 'x', 'c'])).toBe(1);
    expect(divergedFrom(['a', 'b', 'c'], ['a', 'b'])).toBe(2);
    expect(divergedFrom([], ['a'])).toBe(0);
  });
});
