import { describe, expect, it } from 'vitest';
import { RECOVERY_RUNS, recoveryOptionsFromArgs } from '../../bench/recovery.ts';

describe('recovery benchmark flags', () => {
  it('reads the gba rows\' own step count beside the other rows\'', () => {
    const options = recoveryOptionsFromArgs(['--steps', '2500', '--gba-steps', '10000', '--runs', 'gba,topk30', '--seeds', '0,1']);
    expect(options).toMatchObject({ steps: 2500, gbaSteps: 10_000, seeds: [0, 1], runs: [RECOVERY_RUNS.gba, RECOVERY_RUNS.topk30] });
  });

  it('rejects a bad --gba-steps, naming the flag', () => {
    expect(() => recoveryOptionsFromArgs(['--gba-steps', '0'])).toThrow(/--gba-steps must be a positive integer, got "0"/);
    expect(() => recoveryOptionsFromArgs(['--gba-steps', '1.5'])).toThrow(/--gba-steps/);
  });

  it('leaves unset flags to the benchmark\'s defaults', () => {
    expect(recoveryOptionsFromArgs([])).toEqual({ data: {} });
    expect(recoveryOptionsFromArgs(['--help'])).toBeUndefined();
  });
});
