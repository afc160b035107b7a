import { describe, expect, it } from 'vitest';
import { trainSae } from '../../src/index.ts';
import type { TrainSaeOptions } from '../../src/index.ts';

const base: TrainSaeOptions = {
  activations: new Float32Array(40), rows: 10, dIn: 4, architecture: 'topk', width: 8, k: 2, steps: 1,
};

describe('trainSae rejects bad inputs with clear messages', () => {
  it('k larger than the width, or below 1', async () => {
    await expect(trainSae({ ...base, k: 9 })).rejects.toThrow('k (9) must not exceed the SAE width (8).');
    await expect(trainSae({ ...base, k: 0 })).rejects.toThrow('k must be an integer >= 1, got 0.');
    await expect(trainSae({ ...base, k: 1.5 })).rejects.toThrow('k must be an integer >= 1, got 1.5.');
  });

  it('NaN or infinite activations, naming the first bad row', async () => {
    const activations = new Float32Array(40);
    activations[4 * 7 + 2] = Number.NaN;
    activations[4 * 9] = Number.POSITIVE_INFINITY;
    await expect(trainSae({ ...base, activations })).rejects.toThrow(
      'activations contain NaN in row 7 (column 2), the first row with a non-finite value.',
    );
    activations[4 * 7 + 2] = 0;
    await expect(trainSae({ ...base, activations })).rejects.toThrow(/an infinite value in row 9 \(column 0\)/);
  });

  it('rows × dIn different from the array length', async () => {
    await expect(trainSae({ ...base, rows: 11 })).rejects.toThrow('activations has 40 values but rows × dIn = 11 × 4 = 44.');
  });

  it('unknown architectures, listing the supported ones', async () => {
    await expect(trainSae({ ...base, architecture: 'gated' as 'topk' })).rejects.toThrow(
      'Unsupported SAE architecture "gated"; supported: topk, batchtopk, relu, jumprelu, gba, mp.',
    );
  });

  it('both steps and epochs, or a schedule longer than training', async () => {
    await expect(trainSae({ ...base, epochs: 2 })).rejects.toThrow('Give either steps or epochs, not both.');
    await expect(trainSae({ ...base, steps: 4, warmupSteps: 3, decaySteps: 2 })).rejects.toThrow(/exceed the 4 training steps/);
  });
});
