/**
 * A tiny GPT-2-style ONNX language model written to a Hugging Face folder, for tests here and in
 * other packages: `writeTinyGpt()` → { dir, weights }. Pre-LN blocks (single-head causal
 * attention, ReLU MLP), learned positions, final LayerNorm, tied unembedding; node names follow
 * a torch export (`/blocks.{i}/Add`, `/blocks.{i}/Add_1`, nested `/blocks.{i}/attn/Add`, …) or,
 * with `naming: 'hf-gpt2'`, Optimum's GPT-2 export (`/transformer/h.{i}/Add`).
 * `reference.ts` computes the same forward pass in plain TypeScript.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DataType, encodeModel, makeModel, makeNode, makeTensor, makeValueInfo, type AttributeValue, type onnx,
} from '@atlas/onnx';
import { makeRandom } from './random.ts';
import { renameGraph, type NamingScheme } from './rename-graph.ts';
import { tinyTokenizerFiles } from './tiny-tokenizer.ts';

export interface TinyGptOptions {
  layerCount?: number;
  dModel?: number;
  dMlp?: number;
  contextLength?: number;
  seed?: number;
  /** Graph takes `attention_mask` (default true). */
  attentionMask?: boolean;
  /** Graph takes `position_ids` (default false: positions 0..T-1 computed in the graph). */
  positionIds?: boolean;
  naming?: 'blocks' | 'hf-gpt2';
  /** Node, tensor and weight names replaced (`renameGraph`) before writing. */
  rename?: NamingScheme;
  /** Graph file under onnx/ (default model.onnx). */
  onnxFile?: 'model.onnx' | 'decoder_model.onnx';
}

export interface LayerNormWeights {
  scale: Float32Array;
  bias: Float32Array;
}

export interface TinyBlockWeights {
  ln1: LayerNormWeights;
  wq: Float32Array; bq: Float32Array; // [D, D], [D]
  wk: Float32Array; bk: Float32Array;
  wv: Float32Array; bv: Float32Array;
  wo: Float32Array; bo: Float32Array;
  ln2: LayerNormWeights;
  wfc: Float32Array; bfc: Float32Array; // [D, F], [F]
  wproj: Float32Array; bproj: Float32Array; // [F, D], [D]
}

export interface TinyGptWeights {
  vocabSize: number;
  dModel: number;
  dMlp: number;
  contextLength: number;
  eps: number;
  wte: Float32Array; // [V, D], also the unembedding
  wpe: Float32Array; // [contextLength, D]
  blocks: TinyBlockWeights[];
  lnf: LayerNormWeights;
}

export interface TinyGpt {
  dir: string;
  weights: TinyGptWeights;
  eosTokenId: number;
}

export const MASK_VALUE = -1e9;

export function makeTinyWeights(vocabSize: number, options: TinyGptOptions = {}): TinyGptWeights {
  const { layerCount = 2, dModel = 8, dMlp = 16, contextLength = 16, seed = 1 } = options;
  const fill = makeRandom(seed);
  const norm = () => ({ scale: fill(dModel, 0.3, 1), bias: fill(dModel, 0.2) });
  const w = 1 / Math.sqrt(dModel);
  return {
    vocabSize, dModel, dMlp, contextLength, eps: 1e-5,
    wte: fill(vocabSize * dModel, 1),
    wpe: fill(contextLength * dModel, 0.5),
    blocks: Array.from({ length: layerCount }, () => ({
      ln1: norm(),
      wq: fill(dModel * dModel, 2 * w), bq: fill(dModel, 0.1),
      wk: fill(dModel * dModel, 2 * w), bk: fill(dModel, 0.1),
      wv: fill(dModel * dModel, w), bv: fill(dModel, 0.1),
      wo: fill(dModel * dModel, w), bo: fill(dModel, 0.1),
      ln2: norm(),
      wfc: fill(dModel * dMlp, w), bfc: fill(dMlp, 0.1),
      wproj: fill(dMlp * dModel, 1 / Math.sqrt(dMlp)), bproj: fill(dModel, 0.1),
    })),
    lnf: norm(),
  };
}

const int64 = (values: number[]) => BigInt64Array.from(values.map(BigInt));

/** Builds the ONNX graph of `weights` (opset 17). */
export function buildTinyGptGraph(weights: TinyGptWeights, options: TinyGptOptions = {}): onnx.ModelProto {
  const { attentionMask = true, positionIds = false, naming = 'blocks' } = options;
  const { dModel: D, dMlp: F, vocabSize: V, contextLength: C } = weights;
  const root = naming === 'hf-gpt2' ? '/transformer/' : '/';
  const param = naming === 'hf-gpt2' ? 'transformer.' : '';
  const blockScope = naming === 'hf-gpt2' ? (i: number) => `/transformer/h.${i}/` : (i: number) => `/blocks.${i}/`;
  const blockParam = naming === 'hf-gpt2' ? (i: number) => `transformer.h.${i}.` : (i: number) => `blocks.${i}.`;

  const nodes: onnx.NodeProto[] = [];
  const initializers: onnx.TensorProto[] = [];
  const init = (name: string, dims: number[], data: Float32Array | BigInt64Array) => {
    initializers.push(makeTensor(name, dims, data));
    return name;
  };
  /** Adds a node named `name`; its output tensor is `${name}_output_0`, as torch names them. */
  const node = (op: string, name: string, inputs: string[], attributes: Record<string, AttributeValue> = {}) => {
    const output = `${name}_output_0`;
    nodes.push(makeNode(op, inputs, [output], attributes, name));
    return output;
  };
  const layerNorm = (scope: string, x: string, prefix: string, ln: LayerNormWeights) =>
    node('LayerNormalization', `${scope}LayerNormalization`, [
      x, init(`${prefix}weight`, [D], ln.scale), init(`${prefix}bias`, [D], ln.bias),
    ], { axis: -1, epsilon: weights.eps });
  const linear = (scope: string, x: string, prefix: string, w: Float32Array, b: Float32Array, rows: number, cols: number) =>
    node('Add', `${scope}Add`, [
      node('MatMul', `${scope}MatMul`, [x, init(`${prefix}weight`, [rows, cols], w)]),
      init(`${prefix}bias`, [cols], b),
    ]);

  // Embeddings: token + position.
  const wte = init(`${param}wte.weight`, [V, D], weights.wte);
  const wpe = init(`${param}wpe.weight`, [C, D], weights.wpe);
  const tokens = node('Gather', `${root}wte/Gather`, [wte, 'input_ids']);
  const shape = node('Shape', `${root}Shape`, ['input_ids']);
  const seqLen = node('Slice', `${root}Slice`, [shape, init('const_1', [1], int64([1])), init('const_2', [1], int64([2]))]);
  const positions = positionIds
    ? 'position_ids'
    : node('Range', `${root}Range`, [
        init('const_0_scalar', [], int64([0])),
        node('Squeeze', `${root}Squeeze`, [seqLen, init('const_0_axes', [1], int64([0]))]),
        init('const_1_scalar', [], int64([1])),
      ]);
  let x = node('Add', `${root}Add`, [tokens, node('Gather', `${root}wpe/Gather`, [wpe, positions])]);

  // Additive attention bias [T, T] (causal) or [B, T, T] (causal + padded keys).
  const causal = new Float32Array(C * C).map((_, i) => (i % C > Math.floor(i / C) ? MASK_VALUE : 0));
  let bias = node('Slice', `${root}causal/Slice`, [
    init('causal_bias', [C, C], causal),
    init('const_00', [2], int64([0, 0])),
    node('Concat', `${root}causal/Concat`, [seqLen, seqLen], { axis: 0 }),
  ]);
  if (attentionMask) {
    const mask = node('Cast', `${root}mask/Cast`, ['attention_mask'], { to: DataType.FLOAT });
    const padded = node('Mul', `${root}mask/Mul`, [
      node('Sub', `${root}mask/Sub`, [init('const_one', [], Float32Array.of(1)), mask]),
      init('mask_value', [], Float32Array.of(MASK_VALUE)),
    ]);
    const keys = node('Unsqueeze', `${root}mask/Unsqueeze`, [padded, init('const_1_axes', [1], int64([1]))]);
    bias = node('Add', `${root}mask/Add`, [bias, keys]);
  }

  weights.blocks.forEach((block, i) => {
    const s = blockScope(i);
    const p = blockParam(i);
    const h = layerNorm(`${s}ln_1/`, x, `${p}ln_1.`, block.ln1);
    const q = linear(`${s}attn/q/`, h, `${p}attn.q.`, block.wq, block.bq, D, D);
    const k = linear(`${s}attn/k/`, h, `${p}attn.k.`, block.wk, block.bk, D, D);
    const v = linear(`${s}attn/v/`, h, `${p}attn.v.`, block.wv, block.bv, D, D);
    const scores = node('Mul', `${s}attn/Mul`, [
      node('MatMul', `${s}attn/MatMul`, [q, node('Transpose', `${s}attn/Transpose`, [k], { perm: [0, 2, 1] })]),
      init(`${p}attn.scale`, [], Float32Array.of(1 / Math.sqrt(D))),
    ]);
    const probs = node('Softmax', `${s}attn/Softmax`, [node('Add', `${s}attn/Add`, [scores, bias])], { axis: -1 });
    const mixed = node('MatMul', `${s}attn/MatMul_1`, [probs, v]);
    const attn = linear(`${s}attn/c_proj/`, mixed, `${p}attn.c_proj.`, block.wo, block.bo, D, D);
    const mid = node('Add', `${s}Add`, [x, attn]);
    const h2 = layerNorm(`${s}ln_2/`, mid, `${p}ln_2.`, block.ln2);
    const fc = linear(`${s}mlp/c_fc/`, h2, `${p}mlp.c_fc.`, block.wfc, block.bfc, D, F);
    const act = node('Relu', `${s}mlp/act/Relu`, [fc]);
    const mlp = linear(`${s}mlp/c_proj/`, act, `${p}mlp.c_proj.`, block.wproj, block.bproj, F, D);
    x = node('Add', `${s}Add_1`, [mid, mlp]);
  });

  const final = layerNorm(`${root}ln_f/`, x, `${param}ln_f.`, weights.lnf);
  const unembed = node('Transpose', `${naming === 'hf-gpt2' ? '/lm_head/' : '/'}Transpose`, [wte], { perm: [1, 0] });
  const logits = node('MatMul', `${naming === 'hf-gpt2' ? '/lm_head/' : '/'}MatMul`, [final, unembed]);
  nodes.push(makeNode('Identity', [logits], ['logits'], {}, '/Identity_logits'));

  const ids = (name: string) => makeValueInfo(name, DataType.INT64, ['batch', 'sequence']);
  return makeModel({
    name: 'tiny-gpt',
    nodes,
    inputs: [ids('input_ids'), ...(attentionMask ? [ids('attention_mask')] : []), ...(positionIds ? [ids('position_ids')] : [])],
    outputs: [makeValueInfo('logits', DataType.FLOAT, ['batch', 'sequence', V])],
    initializers,
    opset: 17,
  });
}

/** Writes config.json, tokenizer files and onnx/model.onnx of a tiny GPT into `dir` (a new temp folder by default). */
export function writeTinyGpt(options: TinyGptOptions = {}, dir = mkdtempSync(join(tmpdir(), 'tiny-gpt-'))): TinyGpt {
  const contextLength = options.contextLength ?? 16;
  const files = tinyTokenizerFiles(contextLength);
  const weights = makeTinyWeights(files.vocabSize, options);
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  const model = buildTinyGptGraph(weights, options);
  writeFileSync(join(dir, 'onnx', options.onnxFile ?? 'model.onnx'), encodeModel(options.rename ? renameGraph(model, options.rename) : model));
  writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify(files.tokenizer));
  writeFileSync(join(dir, 'tokenizer_config.json'), JSON.stringify(files.tokenizerConfig));
  const config = {
    model_type: 'gpt2',
    vocab_size: weights.vocabSize,
    n_positions: contextLength,
    n_embd: weights.dModel,
    n_layer: weights.blocks.length,
    n_head: 1,
    layer_norm_epsilon: weights.eps,
    eos_token_id: files.eosTokenId,
  };
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config, null, 2));
  return { dir, weights, eosTokenId: files.eosTokenId };
}
