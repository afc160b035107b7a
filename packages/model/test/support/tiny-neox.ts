/**
 * A tiny GPT-NeoX-style ONNX language model (Pythia's architecture), for hook tests on exports the
 * finder was not written against: LayerNorm with bias, a fused query_key_value projection in
 * NeoX's per-head layout, partial rotary embeddings (`rotaryPct` of each head), exact GELU, an
 * untied `embed_out`, and blocks that add attention and MLP to the stream in parallel —
 * `(mlp + attn) + x` as HF's GPTNeoXLayer writes it, `(x + attn) + mlp`, or sequentially
 * (`use_parallel_residual: false`). Node names follow a torch export of HF's module tree
 * (`/gpt_neox/layers.{i}/attention/…`). `neox-reference.ts` computes the same forward pass.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataType, makeModel, makeNode, makeTensor, makeValueInfo, type AttributeValue, type onnx } from '@atlas/onnx';
import { writeModelFolder } from './model-folder.ts';
import { makeRandom } from './random.ts';
import type { NamingScheme } from './rename-graph.ts';
import type { LayerNormWeights } from './tiny-gpt.ts';
import { tinyTokenizerFiles } from './tiny-tokenizer.ts';

export type NeoxResidual = 'parallel' | 'parallel-residual-first' | 'sequential';

export interface TinyNeoxOptions {
  layerCount?: number;
  dModel?: number;
  headCount?: number;
  dMlp?: number;
  contextLength?: number;
  seed?: number;
  /** Share of each head's dimensions that are rotated (default 0.5). */
  rotaryPct?: number;
  residual?: NeoxResidual;
  rename?: NamingScheme;
}

export interface TinyNeoxBlock {
  ln1: LayerNormWeights;
  ln2: LayerNormWeights;
  wqkv: Float32Array; bqkv: Float32Array; // [D, 3D], [3D]: head h's q, k, v at columns h·3hd + [0, hd, 2hd]
  wo: Float32Array; bo: Float32Array; // [D, D], [D]
  wfc: Float32Array; bfc: Float32Array; // [D, F], [F]
  wproj: Float32Array; bproj: Float32Array; // [F, D], [D]
}

export interface TinyNeoxWeights {
  vocabSize: number; dModel: number; headCount: number; headDim: number; rotaryDims: number;
  dMlp: number; contextLength: number; eps: number; ropeTheta: number; residual: NeoxResidual;
  embed: Float32Array; // [V, D]
  blocks: TinyNeoxBlock[];
  lnf: LayerNormWeights;
  embedOut: Float32Array; // [D, V]
}

export interface TinyNeox {
  dir: string;
  weights: TinyNeoxWeights;
}

export function makeTinyNeoxWeights(vocabSize: number, options: TinyNeoxOptions = {}): TinyNeoxWeights {
  const { layerCount = 2, dModel = 16, headCount = 4, dMlp = 32, contextLength = 16, seed = 5, rotaryPct = 0.5 } = options;
  const headDim = dModel / headCount;
  const fill = makeRandom(seed);
  const norm = () => ({ scale: fill(dModel, 0.3, 1), bias: fill(dModel, 0.2) });
  const w = 1 / Math.sqrt(dModel);
  return {
    vocabSize, dModel, headCount, headDim, rotaryDims: Math.round(headDim * rotaryPct), dMlp, contextLength,
    eps: 1e-5, ropeTheta: 10000, residual: options.residual ?? 'parallel',
    embed: fill(vocabSize * dModel, 1),
    blocks: Array.from({ length: layerCount }, () => ({
      ln1: norm(), ln2: norm(),
      wqkv: fill(dModel * 3 * dModel, 2 * w), bqkv: fill(3 * dModel, 0.1),
      wo: fill(dModel * dModel, w), bo: fill(dModel, 0.1),
      wfc: fill(dModel * dMlp, w), bfc: fill(dMlp, 0.1),
      wproj: fill(dMlp * dModel, 1 / Math.sqrt(dMlp)), bproj: fill(dModel, 0.1),
    })),
    lnf: norm(),
    embedOut: fill(dModel * vocabSize, w),
  };
}

/** cos/sin [contextLength, rotaryDims] as HF's rotary embedding computes them (half-dim frequencies repeated). */
export function neoxRotaryTables(w: TinyNeoxWeights): { cos: Float32Array; sin: Float32Array } {
  const rd = w.rotaryDims;
  const cos = new Float32Array(w.contextLength * rd);
  const sin = new Float32Array(w.contextLength * rd);
  for (let p = 0; p < w.contextLength; p++) {
    for (let i = 0; i < rd; i++) {
      const angle = p / w.ropeTheta ** ((2 * (i % (rd / 2))) / rd);
      cos[p * rd + i] = Math.cos(angle);
      sin[p * rd + i] = Math.sin(angle);
    }
  }
  return { cos, sin };
}

const int64 = (values: number[]) => BigInt64Array.from(values.map(BigInt));
export const NEOX_MASK_VALUE = -1e9;

/** Builds the ONNX graph of `weights` (opset 17; inputs input_ids and attention_mask, output logits). */
export function buildTinyNeoxGraph(weights: TinyNeoxWeights): onnx.ModelProto {
  const { dModel: D, headCount: H, headDim: hd, rotaryDims: rd, dMlp: F, vocabSize: V, contextLength: C } = weights;
  const nodes: onnx.NodeProto[] = [];
  const initializers: onnx.TensorProto[] = [];
  const init = (name: string, dims: number[], data: Float32Array | BigInt64Array) => {
    initializers.push(makeTensor(name, dims, data));
    return name;
  };
  const node = (op: string, name: string, inputs: string[], attributes: Record<string, AttributeValue> = {}) => {
    nodes.push(makeNode(op, inputs, [`${name}_output_0`], attributes, name));
    return `${name}_output_0`;
  };
  const scalar = (name: string, value: number) => init(name, [], Float32Array.of(value));
  const layerNorm = (scope: string, x: string, param: string, ln: LayerNormWeights) =>
    node('LayerNormalization', `${scope}LayerNormalization`, [x, init(`${param}weight`, [D], ln.scale), init(`${param}bias`, [D], ln.bias)], { axis: -1, epsilon: weights.eps });
  const linear = (scope: string, x: string, param: string, w: Float32Array, b: Float32Array, rows: number, cols: number) =>
    node('Add', `${scope}Add`, [node('MatMul', `${scope}MatMul`, [x, init(`${param}weight`, [rows, cols], w)]), init(`${param}bias`, [cols], b)]);

  const x0 = node('Gather', '/gpt_neox/embed_in/Gather', [init('gpt_neox.embed_in.weight', [V, D], weights.embed), 'input_ids']);
  const seqLen = node('Slice', '/gpt_neox/Slice', [node('Shape', '/gpt_neox/Shape', ['input_ids']), init('const_1', [1], int64([1])), init('const_2', [1], int64([2]))]);
  const positions = node('Range', '/gpt_neox/rotary_emb/Range', [init('const_0s', [], int64([0])), node('Squeeze', '/gpt_neox/Squeeze', [seqLen, init('const_0a', [1], int64([0]))]), init('const_1s', [], int64([1]))]);
  const { cos, sin } = neoxRotaryTables(weights);
  const table = (name: string, data: Float32Array) =>
    node('Unsqueeze', `/gpt_neox/rotary_emb/Unsqueeze_${name}`, [node('Gather', `/gpt_neox/rotary_emb/Gather_${name}`, [init(`gpt_neox.rotary_emb.${name}`, [C, rd], data), positions]), init(`const_01_${name}`, [2], int64([0, 1]))]);
  const cosAt = table('cos', cos);
  const sinAt = table('sin', sin);
  const causal = new Float32Array(C * C).map((_, i) => (i % C > Math.floor(i / C) ? NEOX_MASK_VALUE : 0));
  const padded = node('Mul', '/gpt_neox/mask/Mul', [node('Sub', '/gpt_neox/mask/Sub', [scalar('one', 1), node('Cast', '/gpt_neox/mask/Cast', ['attention_mask'], { to: DataType.FLOAT })]), scalar('mask_value', NEOX_MASK_VALUE)]);
  const bias = node('Add', '/gpt_neox/mask/Add', [
    node('Slice', '/gpt_neox/mask/Slice', [init('causal_bias', [C, C], causal), init('const_00', [2], int64([0, 0])), node('Concat', '/gpt_neox/mask/Concat', [seqLen, seqLen], { axis: 0 })]),
    node('Unsqueeze', '/gpt_neox/mask/Unsqueeze', [padded, init('const_12', [2], int64([1, 2]))]),
  ]);

  let x = x0;
  weights.blocks.forEach((block, i) => {
    const s = `/gpt_neox/layers.${i}/`;
    const a = `${s}attention/`;
    const p = `gpt_neox.layers.${i}.`;
    const qkv = linear(`${a}query_key_value/`, layerNorm(`${s}input_layernorm/`, x, `${p}input_layernorm.`, block.ln1), `${p}attention.query_key_value.`, block.wqkv, block.bqkv, D, 3 * D);
    const heads = node('Transpose', `${a}Transpose`, [node('Reshape', `${a}Reshape`, [qkv, init(`${a}shape`, [4], int64([0, 0, H, 3 * hd]))])], { perm: [0, 2, 1, 3] });
    const part = (k: number) => node('Slice', `${a}Slice_${k}`, [heads, init(`${a}s${k}`, [1], int64([k * hd])), init(`${a}e${k}`, [1], int64([(k + 1) * hd])), init(`${a}ax${k}`, [1], int64([3]))]);
    const rotary = (name: string, t: string) => {
      const slice = (label: string, from: number, to: number) => node('Slice', `${a}${name}/Slice_${label}`, [t, init(`${a}${name}/${label}s`, [1], int64([from])), init(`${a}${name}/${label}e`, [1], int64([to])), init(`${a}${name}/${label}a`, [1], int64([3]))]);
      const rotated = slice('rot', 0, rd);
      const half = node('Concat', `${a}${name}/Concat`, [node('Neg', `${a}${name}/Neg`, [slice('hi', rd / 2, rd)]), slice('lo', 0, rd / 2)], { axis: -1 });
      const embedded = node('Add', `${a}${name}/Add`, [node('Mul', `${a}${name}/Mul`, [rotated, cosAt]), node('Mul', `${a}${name}/Mul_1`, [half, sinAt])]);
      return node('Concat', `${a}${name}/Concat_1`, [embedded, slice('pass', rd, hd)], { axis: -1 });
    };
    const q = rotary('q_rot', part(0));
    const k = rotary('k_rot', part(1));
    const scores = node('Mul', `${a}Mul`, [node('MatMul', `${a}MatMul`, [q, node('Transpose', `${a}Transpose_1`, [k], { perm: [0, 1, 3, 2] })]), scalar(`${a}scale`, 1 / Math.sqrt(hd))]);
    const probs = node('Softmax', `${a}Softmax`, [node('Add', `${a}Add`, [scores, bias])], { axis: -1 });
    const mixed = node('MatMul', `${a}MatMul_1`, [probs, part(2)]);
    const z = node('Reshape', `${a}Reshape_1`, [node('Transpose', `${a}Transpose_2`, [mixed], { perm: [0, 2, 1, 3] }), init(`${a}z_shape`, [3], int64([0, 0, D]))]);
    const attn = linear(`${a}dense/`, z, `${p}attention.dense.`, block.wo, block.bo, D, D);
    const mlp = (input: string) => {
      const fc = linear(`${s}mlp/dense_h_to_4h/`, layerNorm(`${s}post_attention_layernorm/`, input, `${p}post_attention_layernorm.`, block.ln2), `${p}mlp.dense_h_to_4h.`, block.wfc, block.bfc, D, F);
      const erf = node('Erf', `${s}mlp/act/Erf`, [node('Div', `${s}mlp/act/Div`, [fc, scalar(`${s}sqrt2`, Math.SQRT2)])]);
      const gelu = node('Mul', `${s}mlp/act/Mul_1`, [node('Mul', `${s}mlp/act/Mul`, [fc, node('Add', `${s}mlp/act/Add`, [erf, scalar(`${s}one`, 1)])]), scalar(`${s}half`, 0.5)]);
      return linear(`${s}mlp/dense_4h_to_h/`, gelu, `${p}mlp.dense_4h_to_h.`, block.wproj, block.bproj, F, D);
    };
    if (weights.residual === 'parallel') {
      x = node('Add', `${s}Add_1`, [node('Add', `${s}Add`, [mlp(x), attn]), x]);
    } else if (weights.residual === 'parallel-residual-first') {
      const out = mlp(x);
      x = node('Add', `${s}Add_1`, [node('Add', `${s}Add`, [x, attn]), out]);
    } else {
      const mid = node('Add', `${s}Add`, [attn, x]);
      x = node('Add', `${s}Add_1`, [mlp(mid), mid]);
    }
  });
  const final = layerNorm('/gpt_neox/final_layer_norm/', x, 'gpt_neox.final_layer_norm.', weights.lnf);
  nodes.push(makeNode('MatMul', [final, init('embed_out.weight', [D, V], weights.embedOut)], ['logits'], {}, '/embed_out/MatMul'));
  const ids = (name: string) => makeValueInfo(name, DataType.INT64, ['batch', 'sequence']);
  return makeModel({
    name: 'tiny-neox', nodes, initializers, opset: 17,
    inputs: [ids('input_ids'), ids('attention_mask')],
    outputs: [makeValueInfo('logits', DataType.FLOAT, ['batch', 'sequence', V])],
  });
}

/** Writes config.json (GPT-NeoX keys), tokenizer files and onnx/model.onnx into a new temp folder. */
export function writeTinyNeox(options: TinyNeoxOptions = {}, dir = mkdtempSync(join(tmpdir(), 'tiny-neox-'))): TinyNeox {
  const contextLength = options.contextLength ?? 16;
  const weights = makeTinyNeoxWeights(tinyTokenizerFiles(contextLength).vocabSize, { ...options, contextLength });
  writeModelFolder(dir, buildTinyNeoxGraph(weights), {
    model_type: 'gpt_neox',
    vocab_size: weights.vocabSize,
    hidden_size: weights.dModel,
    intermediate_size: weights.dMlp,
    num_hidden_layers: weights.blocks.length,
    num_attention_heads: weights.headCount,
    rotary_pct: weights.rotaryDims / weights.headDim,
    max_position_embeddings: contextLength,
    layer_norm_eps: weights.eps,
    use_parallel_residual: weights.residual !== 'sequential',
  }, contextLength, options.rename);
  return { dir, weights };
}
