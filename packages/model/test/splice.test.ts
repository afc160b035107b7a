import { existsSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decodeModel } from '@atlas/onnx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ceLossRecovered, crossEntropy, loadLanguageModel, spliceInput, type LanguageModel } from '../src/index.ts';
import { maxAbsDiff } from './support/compare.ts';
import { consumer, readFloatTensor } from './support/initializers.ts';
import { referenceForward } from './support/reference.ts';
import { buildTinyGptGraph, makeTinyWeights, writeTinyGpt } from './support/tiny-gpt.ts';
import { disposeAndRemove } from './support/suite-model.ts';

const ids = [
  [5, 17, 260, 99, 3, 42, 7, 256],
  [100, 101, 102, 103, 104, 105, 106, 107],
];
const flat = Int32Array.from(ids.flat());

/** activation + α · direction on every row. */
function addDirection(direction: Float32Array, alpha: number) {
  return (activation: Float32Array) => activation.map((value, i) => value + alpha * direction[i % direction.length]!);
}

describe('spliceInput', () => {
  it('feeds the hook tensor from a new input and keeps only what the rest needs', () => {
    const model = buildTinyGptGraph(makeTinyWeights(40, { layerCount: 2 }));
    const suffix = spliceInput(model, { tensor: '/blocks.0/Add_1_output_0', as: 'edited', width: 8 }, ['logits']);
    const graph = suffix.graph!;
    expect(graph.input!.map((input) => input.name)).toEqual(['input_ids', 'attention_mask', 'edited']);
    const names = graph.node!.map((node) => node.name);
    expect(names.some((name) => name?.startsWith('/blocks.0/'))).toBe(false);
    expect(names).toContain('/blocks.1/Add_1');
    expect(graph.node!.find((node) => node.name === '/blocks.1/Add')!.input).toContain('edited');
    expect(graph.initializer!.some((tensor) => tensor.name === 'blocks.0.ln_1.weight')).toBe(false);
    expect(model.graph!.input!).toHaveLength(2); // the original is untouched
  });
});

describe('runSpliced on a tiny GPT', () => {
  const tiny = writeTinyGpt({ layerCount: 2 });
  const expected = referenceForward(tiny.weights, ids);
  let model: LanguageModel;
  beforeAll(async () => { model = await loadLanguageModel(tiny.dir, { threads: 1 }); });
  afterAll(() => disposeAndRemove(model, tiny.dir));

  it('splicing back the exact activation leaves logits unchanged at every hook', async () => {
    for (const hook of model.hookNames) {
      const { logits, activation } = await model.runSpliced({ inputIds: flat, batch: 2, seqLen: 8, hook, replace: (a) => a, logits: true });
      expect(activation).toHaveLength(2 * 8 * 8);
      expect(maxAbsDiff(logits, expected.logits), hook).toBeLessThan(1e-5);
    }
  });

  it('zero-ablation changes the logits; adding a direction × 0 equals the baseline', async () => {
    const base = { inputIds: ids, hook: 'blocks.0.attn.hook_z', logits: true } as const;
    const zero = await model.runSpliced({ ...base, replace: (a) => new Float32Array(a.length) });
    expect(maxAbsDiff(zero.logits, expected.logits)).toBeGreaterThan(1e-2);
    const direction = Float32Array.from({ length: 8 }, (_, i) => i - 3.5);
    const still = await model.runSpliced({ ...base, replace: addDirection(direction, 0) });
    expect(maxAbsDiff(still.logits, expected.logits)).toBeLessThan(1e-5);
    const steered = await model.runSpliced({ ...base, replace: addDirection(direction, 2) });
    expect(maxAbsDiff(steered.logits, expected.logits)).toBeGreaterThan(1e-2);
  });

  it('matches a direct computation of the edited forward pass (zeroed mlp_out of the last block)', async () => {
    const { logits } = await model.runSpliced({
      inputIds: ids, hook: 'blocks.1.hook_mlp_out', replace: (a) => a.fill(0), logits: true,
    });
    // With mlp_out zeroed, resid_post = resid_mid: recompute the logits from the reference's resid_mid.
    const { layerNorm, unembed } = await import('./support/reference.ts');
    const { lnf, wte, eps } = tiny.weights;
    expect(maxAbsDiff(logits, unembed(layerNorm(expected.residMid[1]!, 8, lnf, eps), wte, 8))).toBeLessThan(1e-4);
  });

  it('keeps the attention mask in the suffix', async () => {
    const mask = [
      [1, 1, 1, 1, 1, 0, 0, 0],
      [1, 1, 1, 1, 1, 1, 1, 1],
    ];
    const masked = referenceForward(tiny.weights, ids, { mask });
    const { logits } = await model.runSpliced({
      inputIds: ids, attentionMask: Int32Array.from(mask.flat()), hook: 'blocks.0.hook_resid_mid', replace: (a) => a, logits: true,
    });
    expect(maxAbsDiff(logits, masked.logits)).toBeLessThan(1e-5);
  });

  it('rejects an unknown hook and a replacement of the wrong size', async () => {
    await expect(model.runSpliced({ inputIds: ids, hook: 'blocks.9.hook_z', replace: (a) => a, logits: true })).rejects.toThrow(
      /Unknown hook blocks\.9\.hook_z\. Valid hooks: .*blocks\.0\.attn\.hook_z/,
    );
    await expect(
      model.runSpliced({ inputIds: ids, hook: 'blocks.0.hook_resid_post', replace: () => new Float32Array(3), logits: true }),
    ).rejects.toThrow(/must return a Float32Array of 128 floats \(\[16, 8\]\), got 3 floats/);
  });
});

describe('crossEntropy and ceLossRecovered', () => {
  it('computes the mean next-token loss, skipping masked targets', () => {
    // vocab 2, one row of 3 tokens: both positions favour token 0 by log(3); the targets are 0 then 1.
    const logits = Float32Array.of(Math.log(3), 0, Math.log(3), 0, 5, 5);
    expect(crossEntropy(logits, [0, 0, 1], { batch: 1, seqLen: 3, vocabSize: 2 })).toBeCloseTo((Math.log(4 / 3) + Math.log(4)) / 2, 6);
    expect(crossEntropy(logits, [0, 0, 1], { batch: 1, seqLen: 3, vocabSize: 2, attentionMask: [1, 1, 0] })).toBeCloseTo(Math.log(4 / 3), 6);
    expect(() => crossEntropy(logits, [0, 0], { batch: 1, seqLen: 3, vocabSize: 2 })).toThrow(/inputIds hold 2 ids/);
  });

  it('is 1 for the identity replacement and 0 for zero ablation', async () => {
    const tiny = writeTinyGpt({ layerCount: 2, seed: 3 });
    const model = await loadLanguageModel(tiny.dir, { threads: 1 });
    try {
      const request = { inputIds: flat, batch: 2, seqLen: 8, hook: 'blocks.0.hook_resid_post' };
      const identity = await ceLossRecovered(model, { ...request, replace: (a) => a });
      expect(identity.recovered).toBeCloseTo(1, 5);
      expect(identity.spliced).toBeCloseTo(identity.clean, 5);
      expect(identity.zero).not.toBeCloseTo(identity.clean, 2);
      const zero = await ceLossRecovered(model, { ...request, replace: (a) => a.fill(0) });
      expect(zero.recovered).toBeCloseTo(0, 5);
      const half = await ceLossRecovered(model, { ...request, replace: (a) => a.map((v) => v * 0.5) });
      expect(Number.isFinite(half.recovered)).toBe(true);
    } finally {
      await model.dispose();
      rmSync(tiny.dir, { recursive: true, force: true });
    }
  });
});

const demoDir = fileURLToPath(new URL('../../demo-model/', import.meta.url));
const hasDemo = existsSync(`${demoDir}onnx/model.onnx`);

describe.runIf(hasDemo)('the demo model: branch hooks and splicing', () => {
  let model: LanguageModel;
  let inputIds: number[][];
  beforeAll(async () => {
    model = await loadLanguageModel(demoDir, { threads: 1 });
    const text = 'The President of the United States shall, from time to time, give to the Congress information of the State.';
    inputIds = [model.encode(text).slice(0, 20), model.encode(`Call me Ishmael. ${text}`).slice(0, 20)];
  });
  afterAll(async () => model?.dispose());

  it('offers attn_out, mlp_out and attn.hook_z in every block, with shapes', () => {
    for (let layer = 0; layer < model.layerCount; layer++) {
      for (const kind of ['hook_resid_pre', 'attn.hook_z', 'hook_attn_out', 'hook_resid_mid', 'hook_mlp_out', 'hook_resid_post']) {
        const hook = model.hookPoints.find((point) => point.name === `blocks.${layer}.${kind}`);
        expect(hook?.shape, `blocks.${layer}.${kind}`).toEqual(['batch', 'sequence', model.dModel]);
      }
    }
    expect(model.hookPoints.find((hook) => hook.name === 'blocks.2.attn.hook_z')!.tensor).toBe('/blocks.2/attn/Reshape_3_output_0');
  });

  it('hook activations agree with a direct computation (z · W_O + b_O = attn_out; resid sums)', async () => {
    const layer = 1;
    const names = ['resid_pre', 'attn.hook_z', 'attn_out', 'resid_mid', 'mlp_out', 'resid_post'].map((kind) =>
      kind.startsWith('attn.') ? `blocks.${layer}.${kind}` : `blocks.${layer}.hook_${kind}`,
    );
    const { activations } = await model.run({ inputIds, hooks: names });
    const [pre, z, attnOut, mid, mlpOut, post] = names.map((name) => activations[name]!) as [
      Float32Array, Float32Array, Float32Array, Float32Array, Float32Array, Float32Array,
    ];
    const D = model.dModel;
    const graph = decodeModel(readFileSync(model.onnxPath)).graph!;
    const zTensor = model.hookPoints.find((hook) => hook.name === names[1])!.tensor;
    const projection = consumer(graph, zTensor, 'MatMul');
    const weightNode = graph.node!.find((node) => node.output?.includes(projection.input![1]!));
    const raw = readFloatTensor(graph, weightNode?.opType === 'Transpose' ? weightNode.input![0]! : projection.input![1]!);
    // W as [in, out]: a torch Linear weight [out, in] behind a Transpose, else the initializer itself.
    const w = weightNode?.opType === 'Transpose' ? Float32Array.from({ length: D * D }, (_, i) => raw[(i % D) * D + Math.floor(i / D)]!) : raw;
    const biasAdd = consumer(graph, projection.output![0]!, 'Add');
    const bias = readFloatTensor(graph, biasAdd.input!.find((input) => input !== projection.output![0])!);
    const rows = z.length / D;
    const recomputed = new Float32Array(rows * D);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < D; c++) {
        let sum = bias[c]!;
        for (let i = 0; i < D; i++) sum += z[r * D + i]! * w[i * D + c]!;
        recomputed[r * D + c] = sum;
      }
    }
    expect(maxAbsDiff(recomputed, attnOut)).toBeLessThan(1e-4);
    expect(maxAbsDiff(pre.map((v, i) => v + attnOut[i]!), mid)).toBeLessThan(1e-4);
    expect(maxAbsDiff(mid.map((v, i) => v + mlpOut[i]!), post)).toBeLessThan(1e-4);
  });

  it('splicing back leaves logits unchanged; zeros change them; a direction × 0 equals the baseline', async () => {
    const { logits: baseline } = await model.run({ inputIds, hooks: [], logits: true });
    const direction = Float32Array.from({ length: model.dModel }, (_, i) => Math.sin(i));
    for (const hook of ['blocks.1.attn.hook_z', 'blocks.2.hook_resid_post', 'blocks.0.hook_mlp_out']) {
      const base = { inputIds, hook, logits: true } as const;
      const same = await model.runSpliced({ ...base, replace: (a) => a });
      expect(maxAbsDiff(same.logits, baseline!), hook).toBeLessThan(1e-5);
      const zero = await model.runSpliced({ ...base, replace: (a) => a.fill(0) });
      expect(maxAbsDiff(zero.logits, baseline!), hook).toBeGreaterThan(1e-2);
      const alphaZero = await model.runSpliced({ ...base, replace: addDirection(direction, 0) });
      expect(maxAbsDiff(alphaZero.logits, baseline!), hook).toBeLessThan(1e-5);
    }
  });
});
