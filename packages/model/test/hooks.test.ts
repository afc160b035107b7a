import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataType, decodeModel, encodeModel, makeModel, makeNode, makeTensor, makeValueInfo, ort, type onnx } from '@atlas/onnx';
import { describe, expect, it } from 'vitest';
import { exposeOutputs, findHookPoints, formatHookTable } from '../src/index.ts';
import { renameGraph, type NamingScheme } from './support/rename-graph.ts';
import { buildTinyGptGraph, makeTinyWeights, type TinyGptOptions } from './support/tiny-gpt.ts';
import { buildTinyNeoxGraph, makeTinyNeoxWeights } from './support/tiny-neox.ts';

const weights = makeTinyWeights(40, { layerCount: 3 });
const graphOf = (options: TinyGptOptions = {}) => buildTinyGptGraph(weights, options).graph!;

/** Where a tensor is made: (node index, output index) — the same in a renamed copy. */
function position(graph: onnx.IGraphProto, tensor: string): string {
  const index = graph.node!.findIndex((node) => node.output!.includes(tensor));
  return `${index}:${graph.node![index]!.output!.indexOf(tensor)}`;
}

describe('findHookPoints follows the residual stream', () => {
  it('from the token + position embedding through each block\'s two additions', () => {
    const found = findHookPoints(graphOf());
    expect([found.layerCount, found.dModel, found.absent]).toEqual([3, 8, []]);
    const byName = Object.fromEntries(found.hooks.map((hook) => [hook.name, hook.tensor]));
    expect(byName['blocks.0.hook_resid_pre']).toBe('/Add_output_0');
    expect(byName['blocks.0.hook_resid_mid']).toBe('/blocks.0/Add_output_0');
    expect(byName['blocks.0.hook_resid_post']).toBe('/blocks.0/Add_1_output_0');
    expect(byName['blocks.1.hook_resid_pre']).toBe('/blocks.0/Add_1_output_0');
    expect(byName['blocks.2.hook_resid_post']).toBe('/blocks.2/Add_1_output_0');
  });

  const schemes: [string, NamingScheme][] = [
    ['OPT-style scopes', [['/blocks.', '/model/decoder/layers.'], ['/attn/', '/self_attn/'], ['/mlp/', '/fc/']]],
    ['opaque names', 'opaque'],
    ['no node names', 'unnamed'],
  ];
  it.each(schemes)('finds the same tensors under %s', (_, scheme) => {
    const original = buildTinyGptGraph(weights);
    const renamed = renameGraph(original, scheme).graph!;
    const expected = findHookPoints(original.graph!).hooks;
    const found = findHookPoints(renamed).hooks;
    expect(found.map((hook) => [hook.name, hook.width])).toEqual(expected.map((hook) => [hook.name, hook.width]));
    expect(found.map((hook) => position(renamed, hook.tensor))).toEqual(expected.map((hook) => position(original.graph!, hook.tensor)));
  });

  it('finds the same hooks in the graph onnxruntime optimizes (FusedMatMul, fused activations)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ort-optimized-'));
    try {
      const optimized = join(dir, 'optimized.onnx');
      const session = await ort.InferenceSession.create(encodeModel(buildTinyGptGraph(weights)), { graphOptimizationLevel: 'all', optimizedModelFilePath: optimized });
      await session.release();
      const graph = decodeModel(readFileSync(optimized)).graph!;
      expect(graph.node!.some((node) => node.opType === 'FusedMatMul')).toBe(true);
      expect(findHookPoints(graph).hooks).toEqual(findHookPoints(graphOf()).hooks);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says resid_mid does not exist in a parallel block, and why', () => {
    const found = findHookPoints(buildTinyNeoxGraph(makeTinyNeoxWeights(40, { layerCount: 1 })).graph!);
    expect(found.hooks.map((hook) => hook.kind)).toEqual(['hook_resid_pre', 'attn.hook_z', 'hook_attn_out', 'hook_mlp_out', 'hook_resid_post']);
    expect(found.absent).toEqual([{ name: 'blocks.0.hook_resid_mid', layer: 0, kind: 'hook_resid_mid', reason: expect.stringMatching(/attention and MLP both read blocks\.0\.hook_resid_pre \(a parallel block/) }]);
  });
});

/** The graph with a LayerNormalization after `tensor`, which every former reader of `tensor` reads instead. */
function normalizeAfter(graph: onnx.IGraphProto, tensor: string, name: string): onnx.IGraphProto {
  const normed = `${tensor}/normed`;
  const norm = makeNode('LayerNormalization', [tensor, 'ln_f.weight', 'ln_f.bias'], [normed], { axis: -1, epsilon: 1e-5 }, name);
  const node = graph.node!.flatMap((node) => {
    const rewired = { ...node, input: node.input!.map((input) => (input === tensor ? normed : input)) };
    return node.output!.includes(tensor) ? [rewired, norm] : [rewired];
  });
  return { ...graph, node };
}

describe('findHookPoints where the stream passes through a norm', () => {
  it('starts the stream after an embedding norm (BLOOM)', () => {
    const found = findHookPoints(normalizeAfter(graphOf(), '/Add_output_0', '/word_embeddings_layernorm'));
    expect(found.hooks[0]).toMatchObject({ name: 'blocks.0.hook_resid_pre', tensor: '/Add_output_0/normed' });
    expect(found.hooks).toHaveLength(18);
  });

  it('refuses post-LN blocks, which normalize the stream after each addition', () => {
    const graph = normalizeAfter(graphOf(), '/blocks.0/Add_output_0', '/blocks.0/post_ln');
    expect(() => findHookPoints(graph)).toThrow(/post-LN, as BERT or OPT-350m\): LayerNormalization node "\/blocks\.0\/post_ln" reads the sum/);
  });
});

describe('findHookPoints errors', () => {
  const ids = makeValueInfo('input_ids', DataType.INT64, ['batch', 'sequence']);
  const logits = makeValueInfo('logits', DataType.FLOAT, ['batch', 'sequence', 4]);
  const table = makeTensor('table', [4, 4], new Float32Array(16));

  it('names the inputs when the graph has no token ids', () => {
    const graph = makeModel({ name: 'no-ids', nodes: [makeNode('Identity', ['x'], ['logits'])], inputs: [makeValueInfo('x', DataType.FLOAT, [4])], outputs: [logits] }).graph!;
    expect(() => findHookPoints(graph)).toThrow(/no token-id input \(input_ids\): its inputs are x/);
  });

  it('names what reads the ids when no embedding looks them up', () => {
    const graph = makeModel({ name: 'no-gather', nodes: [makeNode('Cast', ['input_ids'], ['logits'], { to: DataType.FLOAT }, 'cast_ids')], inputs: [ids], outputs: [logits] }).graph!;
    expect(() => findHookPoints(graph)).toThrow(/No token embedding found: .* input_ids is read by: Cast node "cast_ids"/);
  });

  it('says no residual stream was found when nothing adds to the embedding', () => {
    const nodes = [
      makeNode('Gather', ['table', 'input_ids'], ['embedded'], {}, 'embed'),
      makeNode('Relu', ['embedded'], ['hidden'], {}, 'act'),
      makeNode('MatMul', ['hidden', 'table'], ['logits'], {}, 'head'),
    ];
    const graph = makeModel({ name: 'no-blocks', nodes, inputs: [ids], outputs: [logits], initializers: [table] }).graph!;
    expect(() => findHookPoints(graph)).toThrow(/No residual stream found after the token embedding \(Gather node "embed"\).*read by: Relu node "act"/);
  });

  it('offers no hook_z where the output projection\'s weight is computed, and says why', () => {
    const graph = buildTinyGptGraph(makeTinyWeights(40, { layerCount: 2 })).graph!;
    const nodes = graph.node!.flatMap((node) => {
      if (node.name !== '/blocks.0/attn/c_proj/MatMul') return [node];
      const scaled = makeNode('Mul', [node.input![1]!, 'blocks.0.attn.scale'], ['/scaled_wo'], {}, '/blocks.0/attn/c_proj/Mul');
      return [scaled, { ...node, input: [node.input![0]!, '/scaled_wo'] }];
    });
    const found = findHookPoints({ ...graph, node: nodes });
    expect(found.hooks.map((hook) => hook.name)).not.toContain('blocks.0.attn.hook_z');
    expect(found.hooks.map((hook) => hook.name)).toContain('blocks.1.attn.hook_z');
    expect(found.absent.map((hook) => [hook.name, hook.reason])).toEqual([
      ['blocks.0.attn.hook_z', expect.stringMatching(/^no product by a constant \[n_heads·d_head, d_model\] weight follows the attention mixing in block 0's attention branch/)],
    ]);
  });

  it('offers no hook_z where the product after the mixing does not map to d_model, and says why', () => {
    const graph = buildTinyGptGraph(makeTinyWeights(40, { layerCount: 1 })).graph!;
    const initializer = graph.initializer!.map((tensor) => (tensor.name === 'blocks.0.attn.c_proj.weight' ? { ...tensor, dims: [8, 4] } : tensor));
    const found = findHookPoints({ ...graph, initializer });
    expect(found.absent.map((hook) => [hook.name, hook.reason])).toEqual([
      ['blocks.0.attn.hook_z', expect.stringMatching(/MatMul node "\/blocks\.0\/attn\/c_proj\/MatMul"\) maps 8 to 4 columns, not d_model 8$/)],
    ]);
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

  it('puts absent hooks in block order with their reason', () => {
    const found = findHookPoints(buildTinyNeoxGraph(makeTinyNeoxWeights(40, { layerCount: 1 })).graph!);
    const lines = formatHookTable(found.hooks, found.absent).split('\n');
    expect(lines).toHaveLength(7);
    expect(lines[4]).toMatch(/^blocks\.0\.hook_resid_mid\s+-\s+absent: attention and MLP both read/);
    expect(lines[5]).toMatch(/^blocks\.0\.hook_mlp_out\s+\[batch, sequence, 16\]/);
  });
});

describe('exposeOutputs', () => {
  it('adds hook outputs and drops everything after them, logits included', () => {
    const model = buildTinyGptGraph(weights);
    const hook = findHookPoints(model.graph!).hooks.find((h) => h.name === 'blocks.0.hook_resid_post')!;
    const edited = exposeOutputs(model, [{ tensor: hook.tensor, as: hook.name, width: 8 }], []);
    expect(edited.graph!.output!.map((o) => o.name)).toEqual(['blocks.0.hook_resid_post']);
    const names = edited.graph!.node!.map((node) => node.name);
    expect(names).toContain('/blocks.0/Add_1');
    expect(names.some((name) => name?.startsWith('/blocks.1/'))).toBe(false);
    expect(names).not.toContain('/MatMul');
    expect(edited.graph!.initializer!.some((t) => t.name === 'blocks.1.ln_1.weight')).toBe(false);
    expect(model.graph!.node!.length).toBeGreaterThan(names.length); // the original is untouched
    expect(model.graph!.output!.map((o) => o.name)).toEqual(['logits']);
  });
});
