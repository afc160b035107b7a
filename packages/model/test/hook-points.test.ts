import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeNode } from '@atlas/onnx';
import { findHookPoints, formatHookTable, loadLanguageModel, type LanguageModel } from '../src/index.ts';
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

  it('offers no hook_z when the attention branch does not end in a projection by a [width, d_model] weight', () => {
    const graph = buildTinyGptGraph(weights).graph!;
    // The output projection's weight now comes from a Mul, not an initializer: not recognisable.
    const nodes = graph.node!.flatMap((node) => {
      if (node.name !== '/blocks.0/attn/c_proj/MatMul') return [node];
      const scaled = makeNode('Mul', [node.input![1]!, 'blocks.0.attn.scale'], ['/scaled_wo'], {}, '/blocks.0/attn/c_proj/Mul');
      return [scaled, { ...node, input: [node.input![0]!, '/scaled_wo'] }];
    });
    const found = findHookPoints({ ...graph, node: nodes });
    const names = found.hooks.map((hook) => hook.name);
    expect(names).not.toContain('blocks.0.attn.hook_z');
    expect(names).toContain('blocks.1.attn.hook_z');
    expect(names).toContain('blocks.0.hook_attn_out');
    // A d_model that no projection produces: no hook_z anywhere, widths follow d_model.
    const wider = findHookPoints(buildTinyGptGraph(weights).graph!, undefined, 9);
    expect(wider.hooks.some((hook) => hook.kind === 'attn.hook_z')).toBe(false);
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

describe('formatHookTable', () => {
  it('lines up name, shape and tensor in columns', () => {
    const found = findHookPoints(buildTinyGptGraph(makeTinyWeights(40, { layerCount: 1 })).graph!);
    const lines = formatHookTable(found.hooks).split('\n');
    expect(lines).toHaveLength(7);
    expect(lines[0]).toMatch(/^hook\s+shape\s+graph tensor$/);
    expect(lines[2]).toMatch(/^blocks\.0\.attn\.hook_z\s+\[batch, sequence, 8\]\s+\/blocks\.0\/attn\/MatMul_1_output_0$/);
    expect(new Set(lines.map((line) => line.indexOf('['))).size).toBe(2); // the header, then one column for all
  });
});
