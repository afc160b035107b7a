import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSafetensors } from '@atlas/safetensors';
import { inMemorySource } from '@atlas/activations';
import type { ActivationSource } from '@atlas/activations';
import { CHECKPOINT_FILE, trainSae } from '../../src/index.ts';
import { canonicalJson, runIdentity } from '../../src/training/checkpoint.ts';
import type { CheckpointEvent, SaeWeights, TrainSaeOptions } from '../../src/index.ts';
import { syntheticData } from '../helpers/fixtures.ts';

const dIn = 16;
const rows = 2048;
const { data } = syntheticData(dIn, 12, 3, rows, 7);
const tempDir = () => mkdtempSync(path.join(os.tmpdir(), 'sae-checkpoint-'));

function options(checkpointDir: string, extra: Partial<TrainSaeOptions>): TrainSaeOptions {
  return {
    activations: data, rows, dIn, architecture: 'topk', width: 32, batchSize: 128, steps: 40, seed: 5,
    shuffleBufferRows: 700, evaluationRows: 512, deadAfterTokens: 1024, checkpointDir, checkpointEvery: 10, ...extra,
  };
}

function bytesOf(array: Float32Array | undefined): Buffer {
  return array ? Buffer.from(array.buffer, array.byteOffset, array.byteLength) : Buffer.alloc(0);
}

function expectSameWeights(a: SaeWeights, b: SaeWeights): void {
  for (const name of ['W_enc', 'b_enc', 'W_dec', 'b_dec', 'threshold'] as const) {
    expect(bytesOf(a[name]).equals(bytesOf(b[name])), `${name} is bit-identical`).toBe(true);
  }
}

const runs: Array<[string, Partial<TrainSaeOptions>]> = [
  ['topk with the auxiliary-k loss and expected_average_only_in', { architecture: 'topk', k: 3, auxK: 4, normalizeActivations: 'expected_average_only_in' }],
  ['batchtopk with layer_norm', { architecture: 'batchtopk', k: 3, normalizeActivations: 'layer_norm' }],
  ['jumprelu', { architecture: 'jumprelu', sparsityWarmupSteps: 30 }],
  ['gba (its bias-adaptation window mid-way)', { architecture: 'gba', gbaInterval: 7 }],
];

describe.each(runs)('resuming %s from a checkpoint', (_, extra) => {
  it('after a kill mid-run, the same call continues and ends with bit-identical weights to an uninterrupted run', async () => {
    const straight = await trainSae(options(tempDir(), extra));
    const dir = tempDir();
    await expect(
      trainSae({ ...options(dir, extra), onProgress: (step) => { if (step === 27) throw new Error('killed at step 27'); } }),
    ).rejects.toThrow('killed at step 27');
    const events: CheckpointEvent[] = [];
    const resumedSteps: number[] = [];
    const resumed = await trainSae({ ...options(dir, extra), onCheckpoint: (event) => events.push(event), onProgress: (step) => resumedSteps.push(step) });
    expect(events[0]).toEqual({ action: 'resumed', step: 20, totalSteps: 40, dir });
    expect(events.filter((e) => e.action === 'saved').map((e) => e.step)).toEqual([30, 40]);
    expect(resumedSteps[0]).toBe(21);
    expectSameWeights(resumed.sae, straight.sae);
    expect(resumed.sae.cfg).toEqual(straight.sae.cfg);
    expect(resumed.metrics.fvu).toBe(straight.metrics.fvu);
  });
});

describe('checkpoints', () => {
  it('a finished run resumes at its last step and only evaluates', async () => {
    const dir = tempDir();
    const first = await trainSae(options(dir, { k: 3 }));
    const steps: number[] = [];
    const again = await trainSae({ ...options(dir, { k: 3 }), onProgress: (step) => steps.push(step) });
    expect(steps).toEqual([]);
    expectSameWeights(again.sae, first.sae);
  });

  it('refuses a checkpoint of a run with other options, naming them and the fix', async () => {
    const dir = tempDir();
    await trainSae(options(dir, { k: 3, steps: 10 }));
    await expect(trainSae(options(dir, { k: 3, steps: 10, lr: 0.123 }))).rejects.toThrow(
      /belongs to a training run with other options \(lr: [0-9.e-]+ there, 0.123 now\)\. Rerun with the same options to resume it, or delete the folder/,
    );
    // Other activations of the same shape: the evaluation sample's hash tells them apart.
    await expect(trainSae({ ...options(dir, { k: 3, steps: 10 }), activations: data.map((v) => v * 2) })).rejects.toThrow(
      /other options \(activationsSampleHash: "[0-9a-f]+" there, "[0-9a-f]+" now\)/,
    );
  });

  it('a run\'s identity covers nested settings at every depth, whatever their key order', () => {
    const identity = (gba: Record<string, unknown>) => runIdentity({ width: 32, gba }).hash;
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}');
    expect(identity({ step: 0.01, groups: 10 })).toBe(identity({ groups: 10, step: 0.01 }));
    expect(identity({ step: 0.01, groups: 10 })).not.toBe(identity({ step: 0.05, groups: 10 }));
  });

  it('refuses a gba checkpoint made with other bias-adaptation settings, naming them', async () => {
    const dir = tempDir();
    await trainSae(options(dir, { architecture: 'gba', steps: 10 }));
    await expect(trainSae(options(dir, { architecture: 'gba', steps: 10, gbaStep: 0.05 }))).rejects.toThrow(
      /other options \(gba: \{[^)]*"step":0\.01[^)]*\} there, \{[^)]*"step":0\.05[^)]*\} now\)/,
    );
  });

  it('a loss that goes NaN stops training with the step, keeping the last good checkpoint', async () => {
    const dir = tempDir();
    const error = await trainSae(options(dir, { k: 3, lr: 1e30, warmupSteps: 0, checkpointEvery: 1 })).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toMatch(/^Training diverged (at|by) step \d+/);
    const kept = /last good checkpoint \(step (\d+)\) is kept in (.+?)\. Lower the learning rate/.exec(message);
    expect(kept, message).not.toBeNull();
    expect(kept![2]).toBe(dir);
    const { tensors, metadata } = await readSafetensors(path.join(dir, CHECKPOINT_FILE));
    expect(JSON.parse(metadata.atlas_checkpoint!).step).toBe(Number(kept![1]));
    for (const [name, tensor] of Object.entries(tensors)) {
      if (tensor.data instanceof Float32Array) expect(tensor.data.every(Number.isFinite), `${name} is finite`).toBe(true);
    }
  });

  it('an infinite activation stops training with the source and row, before it reaches the weights', async () => {
    const dir = tempDir();
    const poisoned = data.slice();
    poisoned[1500 * dIn + 3] = Infinity;
    // A source that breaks its contract (no check of its own): training's check fires.
    const memory = inMemorySource(poisoned, rows, dIn);
    const source: ActivationSource = { ...memory, description: 'poisoned.safetensors', read: memory.read };
    const steps: number[] = [];
    await expect(
      trainSae({ ...options(dir, { k: 3, checkpointEvery: 1 }), activations: source, rows: undefined, evaluationRows: 64, onProgress: (s) => steps.push(s) }),
    ).rejects.toThrow('poisoned.safetensors: row 1500 (column 3) is infinite');
    expect(steps.length).toBeGreaterThan(0);
    expect(existsSync(path.join(dir, CHECKPOINT_FILE))).toBe(true);
  });
});
