import { describe, expect, it } from 'vitest';
import { DEFAULT_GBA, gbaBiasUpdate, gbaGroups } from '../../src/training/group-bias-adaptation.ts';
import { planTraining } from '../../src/training/plan.ts';
import { randomArray } from '../helpers/fixtures.ts';

describe('gba: groups and the bias update rule', () => {
  it('targets are geometric from 0.5 to 1e-3 over K groups of contiguous neurons', () => {
    const { target, group } = gbaGroups(20, DEFAULT_GBA);
    expect(target.length).toBe(10);
    expect(target[0]).toBeCloseTo(0.5, 12);
    expect(target[9]).toBeCloseTo(1e-3, 12);
    for (let g = 1; g < 10; g++) expect(target[g]! / target[g - 1]!).toBeCloseTo((1e-3 / 0.5) ** (1 / 9), 10);
    expect(Array.from(group)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9]);
  });

  it('lowers over-firing biases by γ·r (floor −1), raises dead ones by γ·s̄ (ceiling 0), leaves the rest', () => {
    // Two groups of three neurons; targets 0.5 and 0.1. Window of 100 rows.
    const groups = { target: Float64Array.from([0.5, 0.1]), group: Int32Array.from([0, 0, 0, 1, 1, 1]) };
    const b = Float32Array.from([-0.2, -0.995, -0.3, -0.5, -0.001, -0.4]);
    const fired = [80, 90, 0, 5, 0, 20]; // p̂ = 0.8, 0.9, 0, 0.05, 0, 0.2
    const maxPre = [2, 3, -0.5, 1.5, -1, 4]; // r = 2, 3, 0, 1.5, 0, 4
    const result = gbaBiasUpdate(b, fired, maxPre, 100, groups, { step: 0.01, deadFrequency: 1e-6 });
    // group 0: s̄ = (2 + 3) / 2 = 2.5; group 1: s̄ = (1.5 + 4) / 2 = 2.75
    const expected = [
      -0.2 - 0.01 * 2, // over target 0.5: lowered by γ·r
      -1, // −0.995 − 0.03 clamps at −1
      -0.3 + 0.01 * 2.5, // dead: raised by γ·s̄ of group 0
      -0.5, // p̂ 0.05 ≤ 0.1 and not dead: unchanged
      0, // dead: −0.001 + 0.0275 clamps at 0
      -0.4 - 0.01 * 4, // over target 0.1
    ];
    expected.forEach((v, j) => expect(b[j], `b[${j}]`).toBeCloseTo(v, 6));
    expect(result).toEqual({ lowered: 3, raised: 2 });
  });

  it('repeated updates bring every neuron down to its group target frequency, from above (the feedback loop converges)', () => {
    // Fixed neurons and data (pre-activation = w·x + b, x at unit scale as in the paper), only the
    // biases adapt: each neuron must end just under its target, not far below (γ·r steps are small).
    const dIn = 8;
    const width = 16;
    const rows = 4000;
    const x = randomArray(rows * dIn, 21, 0.35);
    const w = randomArray(width * dIn, 22);
    for (let j = 0; j < width; j++) {
      const norm = Math.hypot(...w.subarray(j * dIn, (j + 1) * dIn));
      for (let i = 0; i < dIn; i++) w[j * dIn + i] = w[j * dIn + i]! / norm;
    }
    const settings = { ...DEFAULT_GBA, groups: 4, maxFrequency: 0.5, minFrequency: 0.01 };
    const groups = gbaGroups(width, settings);
    const b = new Float32Array(width);
    const frequencies = () => {
      const fired = new Float64Array(width);
      const maxPre = new Float64Array(width).fill(-Infinity);
      for (let r = 0; r < rows; r++) {
        for (let j = 0; j < width; j++) {
          let pre = b[j]!;
          for (let i = 0; i < dIn; i++) pre += w[j * dIn + i]! * x[r * dIn + i]!;
          if (pre > 0) fired[j] = fired[j]! + 1;
          maxPre[j] = Math.max(maxPre[j]!, pre);
        }
      }
      return { fired, maxPre };
    };
    for (let update = 0; update < 400; update++) {
      const { fired, maxPre } = frequencies();
      gbaBiasUpdate(b, fired, maxPre, rows, groups, settings);
    }
    const { fired } = frequencies();
    for (let j = 0; j < width; j++) {
      const target = groups.target[groups.group[j]!]!;
      expect(fired[j]! / rows, `neuron ${j} (target ${target})`).toBeLessThanOrEqual(target);
      expect(fired[j]! / rows, `neuron ${j} (target ${target})`).toBeGreaterThan(0.5 * target);
      expect(b[j]).toBeGreaterThan(-1);
    }
  });

  it('a dead neuron in a group where nothing fires stays where it is', () => {
    const groups = { target: Float64Array.from([0.5]), group: Int32Array.from([0, 0]) };
    const b = Float32Array.from([-0.5, -0.7]);
    gbaBiasUpdate(b, [0, 0], [-1, -2], 10, groups, { step: 0.01, deadFrequency: 1e-6 });
    expect(Array.from(b)).toEqual([-0.5, Math.fround(-0.7)]);
  });

  it('rejects bad settings with a clear message', () => {
    const base = { activations: new Float32Array(64), rows: 8, dIn: 8, width: 16, architecture: 'gba' as const };
    expect(() => planTraining({ ...base, gbaGroups: 17 })).toThrow(/gbaGroups/);
    expect(() => planTraining({ ...base, gbaInterval: 0 })).toThrow(/gbaInterval/);
    expect(() => planTraining({ ...base, gbaMinFrequency: 0.9 })).toThrow(/gbaMinFrequency/);
    expect(() => planTraining({ ...base, gbaStep: -1 })).toThrow(/gbaStep/);
    expect(() => planTraining({ ...base, gbaBiasStart: 'middle' as 'zero' })).toThrow('gba: gbaBiasStart must be one of zero, quantile, got "middle".');
    expect(planTraining(base).gba).toEqual(DEFAULT_GBA);
    expect(DEFAULT_GBA).toEqual({ groups: 10, interval: 50, maxFrequency: 0.5, minFrequency: 1e-3, step: 0.01, deadFrequency: 1e-6, biasStart: 'zero' });
  });
});
