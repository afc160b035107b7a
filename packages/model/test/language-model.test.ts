import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLanguageModel, type LanguageModel } from '../src/index.ts';
import { maxAbsDiff } from './support/compare.ts';
import { layerNorm, referenceForward, unembed } from './support/reference.ts';
import { writeTinyGpt } from './support/tiny-gpt.ts';
import { disposeAndRemove } from './support/suite-model.ts';

const ids = [
  [5, 17, 260, 99, 3, 42, 7, 256],
  [100, 101, 102, 103, 104, 105, 106, 107],
];

describe('LanguageModel.run on a tiny GPT', () => {
  const tiny = writeTinyGpt({ layerCount: 2 });
  const expected = referenceForward(tiny.weights, ids);
  let model: LanguageModel;
  beforeAll(async () => { model = await loadLanguageModel(tiny.dir, { threads: 1 }); });
  afterAll(() => disposeAndRemove(model, tiny.dir));

  it('returns blocks.0.hook_resid_post equal to a direct computation', async () => {
    const { activations, logits } = await model.run({
      inputIds: Int32Array.from(ids.flat()),
      batch: 2,
      seqLen: 8,
      hooks: ['blocks.0.hook_resid_post'],
    });
    expect(logits).toBeUndefined();
    const post = activations['blocks.0.hook_resid_post']!;
    expect(post).toHaveLength(2 * 8 * 8);
    expect(maxAbsDiff(post, expected.residPost[0]!)).toBeLessThan(1e-4);
  });

  it('returns every hook kind of every block, and logits, at once', async () => {
    const { activations, logits } = await model.run({ inputIds: ids, hooks: model.hookNames, logits: true });
    for (let layer = 0; layer < 2; layer++) {
      expect(maxAbsDiff(activations[`blocks.${layer}.hook_resid_pre`]!, expected.residPre[layer]!)).toBeLessThan(1e-4);
      expect(maxAbsDiff(activations[`blocks.${layer}.hook_resid_mid`]!, expected.residMid[layer]!)).toBeLessThan(1e-4);
      expect(maxAbsDiff(activations[`blocks.${layer}.hook_resid_post`]!, expected.residPost[layer]!)).toBeLessThan(1e-4);
    }
    expect(maxAbsDiff(logits!, expected.logits)).toBeLessThan(1e-4);
  });

  it('runs a hook that needs no attention (blocks.0.hook_resid_pre: embeddings only)', async () => {
    const { activations } = await model.run({ inputIds: ids, hooks: ['blocks.0.hook_resid_pre'] });
    expect(maxAbsDiff(activations['blocks.0.hook_resid_pre']!, expected.residPre[0]!)).toBeLessThan(1e-5);
  });

  it('reproduces the logits from the last resid_post → ln_f → tied unembedding', async () => {
    const last = `blocks.1.hook_resid_post`;
    const { activations, logits } = await model.run({ inputIds: ids, hooks: [last], logits: true });
    const { lnf, wte, eps } = tiny.weights;
    const recomputed = unembed(layerNorm(activations[last]!, 8, lnf, eps), wte, 8);
    expect(maxAbsDiff(recomputed, logits!)).toBeLessThan(1e-4);
  });

  it('gives each row the same result alone as in a batch (causal, no leakage between rows)', async () => {
    const { activations } = await model.run({ inputIds: [ids[1]!.slice(0, 5)], hooks: ['blocks.1.hook_resid_post'] });
    const alone = activations['blocks.1.hook_resid_post']!;
    const batched = expected.residPost[1]!.subarray(8 * 8, 8 * 8 + 5 * 8);
    expect(maxAbsDiff(alone, batched)).toBeLessThan(1e-4);
  });

  it('applies an attention mask to padded keys', async () => {
    const mask = [
      [1, 1, 1, 1, 1, 1, 0, 0],
      [1, 1, 1, 1, 1, 1, 1, 1],
    ];
    const { activations } = await model.run({
      inputIds: ids,
      attentionMask: Int32Array.from(mask.flat()),
      hooks: ['blocks.1.hook_resid_post'],
    });
    const reference = referenceForward(tiny.weights, ids, { mask });
    expect(maxAbsDiff(activations['blocks.1.hook_resid_post']!, reference.residPost[1]!)).toBeLessThan(1e-4);
  });

  it('builds one session per set of hooks, whatever their order', async () => {
    const before = model.sessionCount;
    const hooks = ['blocks.0.hook_resid_mid', 'blocks.1.hook_resid_mid'];
    const first = await model.run({ inputIds: ids, hooks });
    const second = await model.run({ inputIds: ids, hooks: [...hooks].reverse() });
    expect(model.sessionCount).toBe(before + 1);
    expect(second.activations[hooks[1]!]).toEqual(first.activations[hooks[1]!]);
  });

  it('rejects an unknown hook, listing the valid ones', async () => {
    await expect(model.run({ inputIds: ids, hooks: ['blocks.7.hook_resid_post'] })).rejects.toThrow(
      /Unknown hook blocks\.7\.hook_resid_post\. Valid hooks: blocks\.0\.hook_resid_pre, .*blocks\.1\.hook_resid_post\./,
    );
  });

  it('rejects sequences longer than the context, bad shapes and out-of-vocabulary ids', async () => {
    const long = new Int32Array(17);
    await expect(model.run({ inputIds: long, batch: 1, seqLen: 17, hooks: ['blocks.0.hook_resid_post'] })).rejects.toThrow(
      /seqLen 17 is longer than the model's context length 16/,
    );
    await expect(model.run({ inputIds: new Int32Array(6), batch: 2, seqLen: 4, hooks: [] })).rejects.toThrow(
      /inputIds has 6 ids, expected batch × seqLen = 2 × 4/,
    );
    await expect(model.run({ inputIds: [[1, 2, 9999]], hooks: ['blocks.0.hook_resid_post'] })).rejects.toThrow(
      /Token id 9999 is outside the vocabulary \[0, 266\)/,
    );
  });
});

describe('graph variants', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('fills position_ids and runs a graph without attention_mask', async () => {
    const tiny = writeTinyGpt({ positionIds: true, attentionMask: false, seed: 7 });
    dirs.push(tiny.dir);
    const model = await loadLanguageModel(tiny.dir, { threads: 1 });
    const { activations } = await model.run({ inputIds: ids, hooks: ['blocks.1.hook_resid_post'] });
    expect(maxAbsDiff(activations['blocks.1.hook_resid_post']!, referenceForward(tiny.weights, ids).residPost[1]!)).toBeLessThan(1e-4);
    await expect(
      model.run({ inputIds: ids, attentionMask: new Int32Array(16).fill(1), hooks: ['blocks.1.hook_resid_post'] }),
    ).rejects.toThrow(/takes no attention_mask/);
    await model.dispose();
  });

  it('finds the blocks of a Hugging Face GPT-2 (Optimum) export', async () => {
    const tiny = writeTinyGpt({ naming: 'hf-gpt2', seed: 3 });
    dirs.push(tiny.dir);
    const model = await loadLanguageModel(tiny.dir, { threads: 1 });
    const { activations, logits } = await model.run({ inputIds: ids, hooks: ['blocks.0.hook_resid_post'], logits: true });
    const reference = referenceForward(tiny.weights, ids);
    expect(maxAbsDiff(activations['blocks.0.hook_resid_post']!, reference.residPost[0]!)).toBeLessThan(1e-4);
    expect(maxAbsDiff(logits!, reference.logits)).toBeLessThan(1e-4);
    await model.dispose();
  });
});
