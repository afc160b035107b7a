/**
 * A tiny LLaMA-style ONNX decoder written to a Hugging Face folder, shaped like an Optimum /
 * transformers.js export: RMSNorm, rotary embeddings, grouped-query attention, SwiGLU MLP, node
 * names `/model/layers.{i}/self_attn/…`, `/model/layers.{i}/mlp/…`, `/model/norm/…`; inputs
 * `input_ids`, `attention_mask` [batch, past + sequence], `position_ids`,
 * `past_key_values.{i}.key|value`; outputs `logits`, `present.{i}.key|value`. Weights in fp32
 * or fp16, in the graph file or in `model.onnx_data`. With `gemma: true`, Gemma-2-style: the
 * embedding scaled by √d_model and sandwich norms (RMSNorm on each branch's output before it is
 * added). `llama-reference.ts` computes the same forward pass in plain TypeScript.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataType, encodeModel, makeModel, makeNode, makeTensor, makeValueInfo, type AttributeValue, type onnx } from '@atlas/onnx';
import { floatsToHalves, halvesToFloats } from '../../src/half.ts';
import { moveToExternalData } from './external-data.ts';
import { renameGraph, type NamingScheme } from './rename-graph.ts';
import { makeRandom } from './random.ts';
import { tinyTokenizerFiles } from './tiny-tokenizer.ts';

export interface TinyLlamaOptions {
  layerCount?: number;
  dModel?: number;
  headCount?: number;
  kvHeadCount?: number;
  dMlp?: number;
  contextLength?: number;
  seed?: number;
  /** Element type of weights, activations, logits and cache (default float32). */
  dtype?: 'float32' | 'float16';
  /** Keep the weights in `onnx/<file>_data` (ONNX external data) instead of the graph file. */
  externalData?: boolean;
  onnxFile?: 'model.onnx' | 'decoder_model.onnx';
  /** Gemma-2-style: embedding × √d_model, and sandwich norms around attention and MLP. */
  gemma?: boolean;
  /** Node, tensor and weight names replaced (`renameGraph`) before writing. */
  rename?: NamingScheme;
}

export interface TinyLlamaBlock {
  inputNorm: Float32Array; // [D]
  wq: Float32Array; wk: Float32Array; wv: Float32Array; // [D, H·hd], [D, KV·hd], [D, KV·hd]
  wo: Float32Array; // [H·hd, D]
  postNorm: Float32Array;
  wGate: Float32Array; wUp: Float32Array; // [D, F]
  wDown: Float32Array; // [F, D]
  /** Gemma's sandwich norms: on the attention output and on the MLP output. */
  attnOutNorm?: Float32Array; mlpOutNorm?: Float32Array;
}

export interface TinyLlamaWeights {
  vocabSize: number; dModel: number; headCount: number; kvHeadCount: number; headDim: number;
  dMlp: number; contextLength: number; eps: number; ropeTheta: number;
  /** Factor on the embedding (√d_model in Gemma, else 1). */
  embedScale: number;
  embed: Float32Array; // [V, D]
  blocks: TinyLlamaBlock[];
  norm: Float32Array;
  lmHead: Float32Array; // [D, V] (the MatMul weight)
}

export interface TinyLlama {
  dir: string;
  weights: TinyLlamaWeights;
  eosTokenId: number;
  onnxPath: string;
}

export function makeTinyLlamaWeights(vocabSize: number, options: TinyLlamaOptions = {}): TinyLlamaWeights {
  const { layerCount = 2, dModel = 16, headCount = 4, kvHeadCount = 2, dMlp = 32, contextLength = 32, seed = 3 } = options;
  const headDim = dModel / headCount;
  const fill = makeRandom(seed);
  const w = 1 / Math.sqrt(dModel);
  const weights: TinyLlamaWeights = {
    vocabSize, dModel, headCount, kvHeadCount, headDim, dMlp, contextLength, eps: 1e-6, ropeTheta: 10000,
    embedScale: options.gemma ? Math.sqrt(dModel) : 1,
    embed: fill(vocabSize * dModel, 1),
    blocks: Array.from({ length: layerCount }, () => ({
      inputNorm: fill(dModel, 0.3, 1),
      wq: fill(dModel * headCount * headDim, 2 * w),
      wk: fill(dModel * kvHeadCount * headDim, 2 * w),
      wv: fill(dModel * kvHeadCount * headDim, w),
      wo: fill(headCount * headDim * dModel, w),
      postNorm: fill(dModel, 0.3, 1),
      wGate: fill(dModel * dMlp, 2 * w), wUp: fill(dModel * dMlp, w),
      wDown: fill(dMlp * dModel, 1 / Math.sqrt(dMlp)),
      ...(options.gemma ? { attnOutNorm: fill(dModel, 0.3, 1), mlpOutNorm: fill(dModel, 0.3, 1) } : {}),
    })),
    norm: fill(dModel, 0.3, 1),
    lmHead: fill(dModel * vocabSize, w),
  };
  return options.dtype === 'float16' ? roundToHalf(weights) : weights;
}

/** The weights as fp16 stores them, so the reference computes with exactly the graph's values. */
function roundToHalf(weights: TinyLlamaWeights): TinyLlamaWeights {
  const round = (a: Float32Array) => halvesToFloats(floatsToHalves(a), true);
  const blocks = weights.blocks.map((b) =>
    Object.fromEntries(Object.entries(b).map(([k, v]) => [k, round(v)])) as unknown as TinyLlamaBlock,
  );
  return { ...weights, embed: round(weights.embed), blocks, norm: round(weights.norm), lmHead: round(weights.lmHead) };
}

/** cos/sin tables [contextLength, headDim] as HF computes them (the half-dim frequencies repeated). */
export function rotaryTables(w: TinyLlamaWeights): { cos: Float32Array; sin: Float32Array } {
  const half = w.headDim / 2;
  const cos = new Float32Array(w.contextLength * w.headDim);
  const sin = new Float32Array(w.contextLength * w.headDim);
  for (let p = 0; p < w.contextLength; p++) {
    for (let i = 0; i < w.headDim; i++) {
      const angle = p / w.ropeTheta ** ((2 * (i % half)) / w.headDim);
      cos[p * w.headDim + i] = Math.cos(angle);
      sin[p * w.headDim + i] = Math.sin(angle);
    }
  }
  return { cos, sin };
}

const int64 = (values: number[]) => BigInt64Array.from(values.map(BigInt));

/** Builds the ONNX decoder graph of `weights` (opset 17). */
export function buildTinyLlamaGraph(weights: TinyLlamaWeights, options: TinyLlamaOptions = {}): onnx.ModelProto {
  const fp16 = options.dtype === 'float16';
  const FT = fp16 ? DataType.FLOAT16 : DataType.FLOAT;
  const { dModel: D, headCount: H, kvHeadCount: KV, headDim: hd, dMlp: F, vocabSize: V, contextLength: C } = weights;
  const nodes: onnx.NodeProto[] = [];
  const initializers: onnx.TensorProto[] = [];
  const named = new Set<string>();
  const float = (name: string, dims: number[], data: Float32Array) => {
    if (!named.has(name)) initializers.push(makeTensor(name, dims, fp16 ? floatsToHalves(data) : data));
    named.add(name);
    return name;
  };
  const ints = (name: string, values: number[], dims = [values.length]) => {
    if (!named.has(name)) initializers.push(makeTensor(name, dims, int64(values)));
    named.add(name);
    return name;
  };
  const node = (op: string, name: string, inputs: string[], attributes: Record<string, AttributeValue> = {}, output = `${name}_output_0`) => {
    nodes.push(makeNode(op, inputs, [output], attributes, name));
    return output;
  };
  const rmsNorm = (scope: string, x: string, weight: string) => {
    const variance = node('ReduceMean', `${scope}ReduceMean`, [node('Pow', `${scope}Pow`, [x, float(`${scope}two`, [], Float32Array.of(2))])], { axes: [-1], keepdims: 1 });
    const inv = node('Reciprocal', `${scope}Reciprocal`, [node('Sqrt', `${scope}Sqrt`, [node('Add', `${scope}Add`, [variance, float(`${scope}eps`, [], Float32Array.of(weights.eps))])])]);
    return node('Mul', `${scope}Mul_1`, [weight, node('Mul', `${scope}Mul`, [x, inv])]);
  };
  const heads = (scope: string, x: string, count: number) =>
    node('Transpose', `${scope}Transpose`, [node('Reshape', `${scope}Reshape`, [x, ints(`${scope}shape`, [0, 0, count, hd])])], { perm: [0, 2, 1, 3] });

  // Embedding, rotary tables gathered at position_ids ([B, 1, T, hd]).
  let x = node('Gather', '/model/embed_tokens/Gather', ['model.embed_tokens.weight', 'input_ids']);
  if (weights.embedScale !== 1) x = node('Mul', '/model/Mul', [x, float('/model/normalizer', [], Float32Array.of(weights.embedScale))]);
  float('model.embed_tokens.weight', [V, D], weights.embed);
  const { cos, sin } = rotaryTables(weights);
  const axis1 = ints('/model/axis_1', [1]);
  const cosAt = node('Unsqueeze', '/model/rotary_emb/Unsqueeze', [node('Gather', '/model/rotary_emb/Gather', [float('model.rotary_emb.cos', [C, hd], cos), 'position_ids']), axis1]);
  const sinAt = node('Unsqueeze', '/model/rotary_emb/Unsqueeze_1', [node('Gather', '/model/rotary_emb/Gather_1', [float('model.rotary_emb.sin', [C, hd], sin), 'position_ids']), axis1]);

  // Attention bias [B, 1, T, S]: key j is visible to query i (absolute position S − T + i) when j ≤ S − T + i and mask[j] = 1.
  const first = (name: string, of: string) =>
    node('Squeeze', `/model/attn_mask/${name}`, [node('Slice', `/model/attn_mask/${name}_slice`, [node('Shape', `/model/attn_mask/${name}_shape`, [of]), ints('/model/one', [1]), ints('/model/two', [2])]), ints('/model/axis_0', [0])]);
  const S = first('total', 'attention_mask');
  const T = first('new', 'input_ids');
  const zero = ints('/model/zero', [0], []);
  const step = ints('/model/step', [1], []);
  const keyIndex = node('Range', '/model/attn_mask/Range', [zero, S, step]);
  const queryIndex = node('Range', '/model/attn_mask/Range_1', [node('Sub', '/model/attn_mask/Sub', [S, T]), S, step]);
  const future = node('Greater', '/model/attn_mask/Greater', [node('Unsqueeze', '/model/attn_mask/Unsqueeze', [keyIndex, ints('/model/axis_0b', [0])]), node('Unsqueeze', '/model/attn_mask/Unsqueeze_1', [queryIndex, ints('/model/axis_1b', [1])])]);
  const padded = node('Equal', '/model/attn_mask/Equal', [node('Unsqueeze', '/model/attn_mask/Unsqueeze_2', ['attention_mask', ints('/model/axes_12', [1, 2])]), ints('/model/zero_i', [0], [])]);
  const hidden = node('Or', '/model/attn_mask/Or', [node('Unsqueeze', '/model/attn_mask/Unsqueeze_3', [future, ints('/model/axes_01', [0, 1])]), padded]);
  const bias = node('Where', '/model/attn_mask/Where', [hidden, float('/model/mask_value', [], Float32Array.of(fp16 ? -65504 : -1e9)), float('/model/zero_f', [], Float32Array.of(0))]);

  const presents: string[] = [];
  weights.blocks.forEach((block, i) => {
    const s = `/model/layers.${i}/`;
    const a = `${s}self_attn/`;
    const p = `model.layers.${i}.`;
    const h = rmsNorm(`${s}input_layernorm/`, x, float(`${p}input_layernorm.weight`, [D], block.inputNorm));
    const project = (name: string, input: string, w: Float32Array, rows: number, cols: number) =>
      node('MatMul', `${a}${name}/MatMul`, [input, float(`${p}self_attn.${name}.weight`, [rows, cols], w)]);
    const rotate = (name: string, t: string) => {
      const lo = node('Slice', `${a}${name}/Slice`, [t, ints(`${a}${name}/s0`, [0]), ints(`${a}${name}/s1`, [hd / 2]), ints(`${a}${name}/ax`, [3])]);
      const hi = node('Slice', `${a}${name}/Slice_1`, [t, ints(`${a}${name}/s2`, [hd / 2]), ints(`${a}${name}/s3`, [hd]), ints(`${a}${name}/ax1`, [3])]);
      const rotated = node('Concat', `${a}${name}/Concat`, [node('Neg', `${a}${name}/Neg`, [hi]), lo], { axis: -1 });
      return node('Add', `${a}${name}/Add`, [node('Mul', `${a}${name}/Mul`, [t, cosAt]), node('Mul', `${a}${name}/Mul_1`, [rotated, sinAt])]);
    };
    const q = rotate('q_rot', heads(`${a}q/`, project('q_proj', h, block.wq, D, H * hd), H));
    const kNew = rotate('k_rot', heads(`${a}k/`, project('k_proj', h, block.wk, D, KV * hd), KV));
    const vNew = heads(`${a}v/`, project('v_proj', h, block.wv, D, KV * hd), KV);
    const k = node('Concat', `${a}Concat_k`, [`past_key_values.${i}.key`, kNew], { axis: 2 }, `present.${i}.key`);
    const v = node('Concat', `${a}Concat_v`, [`past_key_values.${i}.value`, vNew], { axis: 2 }, `present.${i}.value`);
    presents.push(k, v);
    // Grouped-query attention: each kv head serves H / KV query heads.
    const repeat = (name: string, t: string) =>
      node('Reshape', `${a}${name}/Reshape`, [
        node('Tile', `${a}${name}/Tile`, [node('Unsqueeze', `${a}${name}/Unsqueeze`, [t, ints(`${a}${name}/axis`, [2])]), ints(`${a}${name}/repeats`, [1, 1, H / KV, 1, 1])]),
        ints(`${a}${name}/shape`, [0, H, -1, hd]),
      ]);
    const scores = node('Mul', `${a}Mul`, [node('MatMul', `${a}MatMul`, [q, node('Transpose', `${a}Transpose`, [repeat('repeat_k', k)], { perm: [0, 1, 3, 2] })]), float(`${a}scale`, [], Float32Array.of(1 / Math.sqrt(hd)))]);
    const probs = node('Softmax', `${a}Softmax`, [node('Add', `${a}Add`, [scores, bias])], { axis: -1 });
    const mixed = node('MatMul', `${a}MatMul_1`, [probs, repeat('repeat_v', v)]);
    const z = node('Reshape', `${a}Reshape_3`, [node('Transpose', `${a}Transpose_3`, [mixed], { perm: [0, 2, 1, 3] }), ints(`${a}z_shape`, [0, 0, H * hd])]);
    let attn = node('MatMul', `${a}o_proj/MatMul`, [z, float(`${p}self_attn.o_proj.weight`, [H * hd, D], block.wo)]);
    // Gemma names its norms after where they sit: post_attention on the attention output, pre_feedforward before the MLP.
    if (block.attnOutNorm) attn = rmsNorm(`${s}post_attention_layernorm/`, attn, float(`${p}post_attention_layernorm.weight`, [D], block.attnOutNorm));
    const mid = node('Add', `${s}Add`, [x, attn]);
    const preMlp = block.attnOutNorm ? 'pre_feedforward_layernorm' : 'post_attention_layernorm';
    const h2 = rmsNorm(`${s}${preMlp}/`, mid, float(`${p}${preMlp}.weight`, [D], block.postNorm));
    const gate = node('MatMul', `${s}mlp/gate_proj/MatMul`, [h2, float(`${p}mlp.gate_proj.weight`, [D, F], block.wGate)]);
    const act = node('Mul', `${s}mlp/act_fn/Mul`, [gate, node('Sigmoid', `${s}mlp/act_fn/Sigmoid`, [gate])]);
    const up = node('MatMul', `${s}mlp/up_proj/MatMul`, [h2, float(`${p}mlp.up_proj.weight`, [D, F], block.wUp)]);
    let mlp = node('MatMul', `${s}mlp/down_proj/MatMul`, [node('Mul', `${s}mlp/Mul`, [act, up]), float(`${p}mlp.down_proj.weight`, [F, D], block.wDown)]);
    if (block.mlpOutNorm) mlp = rmsNorm(`${s}post_feedforward_layernorm/`, mlp, float(`${p}post_feedforward_layernorm.weight`, [D], block.mlpOutNorm));
    x = node('Add', `${s}Add_1`, [mid, mlp]);
  });
  const final = rmsNorm('/model/norm/', x, float('model.norm.weight', [D], weights.norm));
  node('MatMul', '/lm_head/MatMul', [final, float('lm_head.weight', [D, V], weights.lmHead)], {}, 'logits');

  const cache = (name: string, length: string) => makeValueInfo(name, FT, ['batch_size', KV, length, hd]);
  const layers = weights.blocks.map((_, i) => i);
  return makeModel({
    name: 'tiny-llama',
    nodes,
    inputs: [
      makeValueInfo('input_ids', DataType.INT64, ['batch_size', 'sequence_length']),
      makeValueInfo('attention_mask', DataType.INT64, ['batch_size', 'total_sequence_length']),
      makeValueInfo('position_ids', DataType.INT64, ['batch_size', 'sequence_length']),
      ...layers.flatMap((i) => [cache(`past_key_values.${i}.key`, 'past_sequence_length'), cache(`past_key_values.${i}.value`, 'past_sequence_length')]),
    ],
    outputs: [
      makeValueInfo('logits', FT, ['batch_size', 'sequence_length', V]),
      ...layers.flatMap((i) => [cache(`present.${i}.key`, 'total_sequence_length'), cache(`present.${i}.value`, 'total_sequence_length')]),
    ],
    initializers,
    opset: 17,
  });
}

/** Writes config.json, tokenizer files and the ONNX decoder (and its `_data` file) into `dir`. */
export function writeTinyLlama(options: TinyLlamaOptions = {}, dir = mkdtempSync(join(tmpdir(), 'tiny-llama-'))): TinyLlama {
  const contextLength = options.contextLength ?? 32;
  const files = tinyTokenizerFiles(contextLength);
  const weights = makeTinyLlamaWeights(files.vocabSize, { ...options, contextLength });
  const file = options.onnxFile ?? 'model.onnx';
  const onnxPath = join(dir, 'onnx', file);
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  let model = buildTinyLlamaGraph(weights, options);
  if (options.rename) model = renameGraph(model, options.rename) as onnx.ModelProto;
  if (options.externalData) {
    const moved = moveToExternalData(model, `${file}_data`);
    model = moved.model;
    writeFileSync(join(dir, 'onnx', `${file}_data`), moved.data);
  }
  writeFileSync(onnxPath, encodeModel(model));
  writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify(files.tokenizer));
  writeFileSync(join(dir, 'tokenizer_config.json'), JSON.stringify(files.tokenizerConfig));
  const config = {
    model_type: 'llama',
    vocab_size: weights.vocabSize,
    hidden_size: weights.dModel,
    intermediate_size: weights.dMlp,
    num_hidden_layers: weights.blocks.length,
    num_attention_heads: weights.headCount,
    num_key_value_heads: weights.kvHeadCount,
    max_position_embeddings: contextLength,
    rms_norm_eps: weights.eps,
    rope_theta: weights.ropeTheta,
    eos_token_id: files.eosTokenId,
    torch_dtype: options.dtype ?? 'float32',
    ...(options.gemma ? { model_type: 'gemma2' } : {}),
  };
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config, null, 2));
  return { dir, weights, eosTokenId: files.eosTokenId, onnxPath };
}
