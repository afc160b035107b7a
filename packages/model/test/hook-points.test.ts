import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findHookPoints, loadLanguageModel, type LanguageModel } from '../src/index.ts';
import { maxAbsDiff } from './support/compare.ts';
import { referenceForward } from './support/reference.ts';
import { buildTinyGptGraph, makeTinyWeights, writeTinyGpt } from './support/tiny-gpt.ts';
import { disposeAndRemove } from './support/suite-model.ts';

const ids = [
  [5, 17, 260, 99, 3, 42, 7, 256],
  [100, 101, 102, 103, 104, 105, 106, 107],
];

describe('findHookPoints: branch outputs and attn.hook_z', () => {
  const weights = makeTinyWeights(40, { layerCount: 2 });

  it('finds attn_out, mlp_out and hook_z with their tensors and shapes', () => {
    const found = findHookPoints(buildTinyGptGraph(weights).graph!);
    expect(found.hooks.map((hook) => hook.name)).toEqual([
      'blocks.0.hook_resid_pre', 'blocks.0.attn.hook_z', 'blocks.0.hook_attn_out', 'blocks.0.hook_resid_mid',
      'blocks.0.hook_mlp_out', 'blocks.0.hook_resid_post',
      'blocks.1.hook_resid_pre', 'blocks.1.attn.hook_z', 'blocks.1.hook_attn_out', 'blocks.1.hook_resid_mid',
      'blocks.1.hook_mlp_out', 'blocks.1.hook_resid_post',
    ]);
    const byName = Object.fromEntries(found.hooks.map((hook) => [hook.name, hook]));
    expect(byName['blocks.0.hook_attn_out']!.tensor).toBe('/blocks.0/attn/c_proj/Add_output_0');
    expect(byName['blocks.0.hook_mlp_out']!.tensor).toBe('/blocks.0/mlp/c_proj/Add_output_0');
    expect(byName['blocks.1.attn.hook_z']!.tensor).toBe('/blocks.1/attn/MatMul_1_output_0');
    expect(byName['blocks.1.attn.hook_z']!.kind).toBe('attn.hook_z');
    for (const hook of found.hooks) expect(hook.shape).toEqual(['batch', 'sequence', 8]);
  });

  it('finds them in Optimum GPT-2 naming too', () => {
    const found = findHookPoints(buildTinyGptGraph(weights, { naming: 'hf-gpt2' }).graph!);
    const z = found.hooks.find((hook) => hook.name === 'blocks.0.attn.hook_z');
    expect(z?.tensor).toBe('/transformer/h.0/attn/MatMul_1_output_0');
  });
});

describe('branch hook activations equal a direct computation', () => {
  const tiny = writeTinyGpt({ layerCount: 2 });
  let model: LanguageModel;
  beforeAll(async () => { model = await loadLanguageModel(tiny.dir, { threads: 1 }); });
  afterAll(() => disposeAndRemove(model, tiny.dir));

  it('attn_out, mlp_out and attn.hook_z of every block, unmasked and masked', async () => {
    const mask = [
      [1, 1, 1, 1, 1, 0, 0, 0],
      [1, 1, 1, 1, 1, 1, 1, 1],
    ];
    for (const attentionMask of [undefined, mask]) {
      const expected = referenceForward(tiny.weights, ids, attentionMask ? { mask: attentionMask } : {});
      const hooks = [0, 1].flatMap((l) => [`blocks.${l}.hook_attn_out`, `blocks.${l}.hook_mlp_out`, `blocks.${l}.attn.hook_z`]);
      const { activations } = await model.run({
        inputIds: ids,
        hooks,
        ...(attentionMask ? { attentionMask: Int32Array.from(attentionMask.flat()) } : {}),
      });
      for (let layer = 0; layer < 2; layer++) {
        expect(activations[`blocks.${layer}.hook_attn_out`]).toHaveLength(2 * 8 * 8);
        expect(maxAbsDiff(activations[`blocks.${layer}.hook_attn_out`]!, expected.attnOut[layer]!)).toBeLessThan(1e-4);
        expect(maxAbsDiff(activations[`blocks.${layer}.hook_mlp_out`]!, expected.mlpOut[layer]!)).toBeLessThan(1e-4);
        expect(maxAbsDiff(activations[`blocks.${layer}.attn.hook_z`]!, expected.z[layer]!)).toBeLessThan(1e-4);
      }
    }
  });

  it('lists every hook with its shape on the model', () => {
    expect(model.hookNames).toHaveLength(12);
    expect(model.hookPoints.every((hook) => hook.width === 8 && hook.shape[2] === 8)).toBe(true);
  });
});
