/**
 * A tiny BERT-style sentence encoder written as a Hugging Face folder (`onnx/model.onnx`,
 * `tokenizer.json`, `tokenizer_config.json`, `config.json`), the layout of the usual small
 * English embedding exports, and the same forward pass in plain TypeScript for reference:
 * word + position + token-type embeddings, LayerNorm, post-LN blocks (2-head bidirectional
 * attention with the padding mask, GELU MLP); output `last_hidden_state`.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataType, encodeModel, makeModel, makeNode, makeTensor, makeValueInfo, type AttributeValue, type onnx } from '@atlas/onnx';

export const TINY_BERT_VOCAB = [
  '[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]', 'the', 'cat', 'sat', 'on', 'mat', 'a', 'whale', 'sea', 'ship', '##s', 'big', '.', ',',
];
const D = 8;
const HEADS = 2;
const F = 16;
const LAYERS = 2;
const MAX_POSITIONS = 32;
const EPS = 1e-12;

interface Block {
  wq: Float32Array; bq: Float32Array; wk: Float32Array; bk: Float32Array; wv: Float32Array; bv: Float32Array;
  wo: Float32Array; bo: Float32Array; ln1s: Float32Array; ln1b: Float32Array;
  w1: Float32Array; b1: Float32Array; w2: Float32Array; b2: Float32Array; ln2s: Float32Array; ln2b: Float32Array;
}
export interface TinyBertWeights {
  words: Float32Array; positions: Float32Array; types: Float32Array; lns: Float32Array; lnb: Float32Array; blocks: Block[];
}

function random(seed: number): (n: number, scale: number, offset?: number) => Float32Array {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return (n, scale, offset = 0) => Float32Array.from({ length: n }, () => offset + (next() * 2 - 1) * scale);
}

export function makeTinyBertWeights(seed = 7): TinyBertWeights {
  const fill = random(seed);
  const w = 1 / Math.sqrt(D);
  return {
    words: fill(TINY_BERT_VOCAB.length * D, 1), positions: fill(MAX_POSITIONS * D, 0.5), types: fill(2 * D, 0.3),
    lns: fill(D, 0.2, 1), lnb: fill(D, 0.1),
    blocks: Array.from({ length: LAYERS }, () => ({
      wq: fill(D * D, 2 * w), bq: fill(D, 0.1), wk: fill(D * D, 2 * w), bk: fill(D, 0.1), wv: fill(D * D, w), bv: fill(D, 0.1),
      wo: fill(D * D, w), bo: fill(D, 0.1), ln1s: fill(D, 0.2, 1), ln1b: fill(D, 0.1),
      w1: fill(D * F, w), b1: fill(F, 0.1), w2: fill(F * D, 1 / Math.sqrt(F)), b2: fill(D, 0.1), ln2s: fill(D, 0.2, 1), ln2b: fill(D, 0.1),
    })),
  };
}

const int64 = (values: number[]) => BigInt64Array.from(values.map(BigInt));

export function buildTinyBertGraph(weights: TinyBertWeights): onnx.ModelProto {
  const nodes: onnx.NodeProto[] = [];
  const initializers: onnx.TensorProto[] = [];
  let counter = 0;
  const init = (dims: number[], data: Float32Array | BigInt64Array) => {
    const name = `w${counter++}`;
    initializers.push(makeTensor(name, dims, data));
    return name;
  };
  const node = (op: string, inputs: string[], attributes: Record<string, AttributeValue> = {}) => {
    const output = `t${counter++}`;
    nodes.push(makeNode(op, inputs, [output], attributes));
    return output;
  };
  const linear = (x: string, w: Float32Array, b: Float32Array, rows: number, cols: number) =>
    node('Add', [node('MatMul', [x, init([rows, cols], w)]), init([cols], b)]);
  const layerNorm = (x: string, scale: Float32Array, bias: Float32Array) =>
    node('LayerNormalization', [x, init([D], scale), init([D], bias)], { axis: -1, epsilon: EPS });

  const seqLen = node('Slice', [node('Shape', ['input_ids']), init([1], int64([1])), init([1], int64([2]))]);
  const positions = node('Range', [init([], int64([0])), node('Squeeze', [seqLen, init([1], int64([0]))]), init([], int64([1]))]);
  const embedded = node('Add', [
    node('Add', [
      node('Gather', [init([TINY_BERT_VOCAB.length, D], weights.words), 'input_ids']),
      node('Gather', [init([MAX_POSITIONS, D], weights.positions), positions]),
    ]),
    node('Gather', [init([2, D], weights.types), 'token_type_ids']),
  ]);
  let x = layerNorm(embedded, weights.lns, weights.lnb);
  // Padding mask as an additive bias [B, 1, 1, T] over the keys.
  const maskBias = node('Unsqueeze', [
    node('Mul', [
      node('Sub', [init([], Float32Array.of(1)), node('Cast', ['attention_mask'], { to: DataType.FLOAT })]),
      init([], Float32Array.of(-1e9)),
    ]),
    init([2], int64([1, 2])),
  ]);
  const dh = D / HEADS;
  const heads = (t: string) => node('Transpose', [node('Reshape', [t, init([4], int64([0, 0, HEADS, dh]))])], { perm: [0, 2, 1, 3] });
  for (const block of weights.blocks) {
    const q = heads(linear(x, block.wq, block.bq, D, D));
    const k = heads(linear(x, block.wk, block.bk, D, D));
    const v = heads(linear(x, block.wv, block.bv, D, D));
    const scores = node('Add', [
      node('Mul', [node('MatMul', [q, node('Transpose', [k], { perm: [0, 1, 3, 2] })]), init([], Float32Array.of(1 / Math.sqrt(dh)))]),
      maskBias,
    ]);
    const context = node('MatMul', [node('Softmax', [scores], { axis: -1 }), v]);
    const merged = node('Reshape', [node('Transpose', [context], { perm: [0, 2, 1, 3] }), init([3], int64([0, 0, D]))]);
    x = layerNorm(node('Add', [x, linear(merged, block.wo, block.bo, D, D)]), block.ln1s, block.ln1b);
    const h = linear(x, block.w1, block.b1, D, F);
    const gelu = node('Mul', [
      node('Mul', [h, init([], Float32Array.of(0.5))]),
      node('Add', [init([], Float32Array.of(1)), node('Erf', [node('Mul', [h, init([], Float32Array.of(Math.SQRT1_2))])])]),
    ]);
    x = layerNorm(node('Add', [x, linear(gelu, block.w2, block.b2, F, D)]), block.ln2s, block.ln2b);
  }
  nodes.push(makeNode('Identity', [x], ['last_hidden_state']));
  const ids = (name: string) => makeValueInfo(name, DataType.INT64, ['batch', 'sequence']);
  return makeModel({
    name: 'tiny-bert', nodes, initializers, opset: 17,
    inputs: [ids('input_ids'), ids('attention_mask'), ids('token_type_ids')],
    outputs: [makeValueInfo('last_hidden_state', DataType.FLOAT, ['batch', 'sequence', D])],
  });
}

function tokenizerJson(): object {
  const special = (id: number, content: string) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
  return {
    version: '1.0', truncation: null, padding: null,
    added_tokens: TINY_BERT_VOCAB.slice(0, 5).map((token, id) => special(id, token)),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } }, { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [2], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [3], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100,
      vocab: Object.fromEntries(TINY_BERT_VOCAB.map((token, id) => [token, id])),
    },
  };
}

/** Writes the folder (a new temp folder by default) and returns it with the weights. */
export function writeTinyBert(dir = mkdtempSync(join(tmpdir(), 'tiny-bert-')), seed = 7): { dir: string; weights: TinyBertWeights } {
  const weights = makeTinyBertWeights(seed);
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  writeFileSync(join(dir, 'onnx', 'model.onnx'), encodeModel(buildTinyBertGraph(weights)));
  writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify(tokenizerJson()));
  writeFileSync(join(dir, 'tokenizer_config.json'), JSON.stringify({
    tokenizer_class: 'BertTokenizer', do_lower_case: true, model_max_length: MAX_POSITIONS,
    pad_token: '[PAD]', unk_token: '[UNK]', cls_token: '[CLS]', sep_token: '[SEP]', mask_token: '[MASK]',
  }));
  writeFileSync(join(dir, 'config.json'), JSON.stringify({
    model_type: 'bert', hidden_size: D, num_attention_heads: HEADS, num_hidden_layers: LAYERS, intermediate_size: F,
    max_position_embeddings: MAX_POSITIONS, vocab_size: TINY_BERT_VOCAB.length, type_vocab_size: 2, layer_norm_eps: EPS,
  }));
  return { dir, weights };
}

// ---- The same forward pass in plain TypeScript (one sequence, no padding) ----

function layerNormRef(x: Float64Array, scale: Float32Array, bias: Float32Array): Float64Array {
  const mean = x.reduce((a, b) => a + b, 0) / x.length;
  const variance = x.reduce((a, b) => a + (b - mean) ** 2, 0) / x.length;
  return x.map((v, i) => ((v - mean) / Math.sqrt(variance + EPS)) * scale[i]! + bias[i]!);
}
function linearRef(x: Float64Array, w: Float32Array, b: Float32Array, cols: number): Float64Array {
  const out = Float64Array.from(b);
  for (let i = 0; i < x.length; i++) for (let j = 0; j < cols; j++) out[j]! += x[i]! * w[i * cols + j]!;
  return out;
}
function erf(x: number): number {
  // Abramowitz–Stegun 7.1.26 is too coarse for 1e-5; integrate the series instead.
  let sum = 0;
  let term = x;
  for (let n = 0; n < 60; n++) {
    sum += term / (2 * n + 1);
    term *= (-x * x) / (n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

/** The mean-pooled, unit-length embedding of one token-id sequence (all tokens attended). */
export function tinyBertReference(weights: TinyBertWeights, ids: readonly number[]): Float64Array {
  const T = ids.length;
  let xs = ids.map((id, t) => {
    const row = new Float64Array(D);
    for (let d = 0; d < D; d++) row[d] = weights.words[id * D + d]! + weights.positions[t * D + d]! + weights.types[d]!;
    return layerNormRef(row, weights.lns, weights.lnb);
  });
  const dh = D / HEADS;
  for (const block of weights.blocks) {
    const q = xs.map((x) => linearRef(x, block.wq, block.bq, D));
    const k = xs.map((x) => linearRef(x, block.wk, block.bk, D));
    const v = xs.map((x) => linearRef(x, block.wv, block.bv, D));
    const merged = xs.map(() => new Float64Array(D));
    for (let h = 0; h < HEADS; h++) {
      for (let i = 0; i < T; i++) {
        const scores = Array.from({ length: T }, (_, j) => {
          let dot = 0;
          for (let d = 0; d < dh; d++) dot += q[i]![h * dh + d]! * k[j]![h * dh + d]!;
          return dot / Math.sqrt(dh);
        });
        const max = Math.max(...scores);
        const exps = scores.map((s) => Math.exp(s - max));
        const total = exps.reduce((a, b) => a + b, 0);
        for (let j = 0; j < T; j++) for (let d = 0; d < dh; d++) merged[i]![h * dh + d]! += (exps[j]! / total) * v[j]![h * dh + d]!;
      }
    }
    xs = xs.map((x, i) => layerNormRef(x.map((value, d) => value + linearRef(merged[i]!, block.wo, block.bo, D)[d]!), block.ln1s, block.ln1b));
    xs = xs.map((x) => {
      const hidden = linearRef(x, block.w1, block.b1, F).map((value) => 0.5 * value * (1 + erf(value * Math.SQRT1_2)));
      const out = linearRef(hidden, block.w2, block.b2, D);
      return layerNormRef(x.map((value, d) => value + out[d]!), block.ln2s, block.ln2b);
    });
  }
  const pooled = new Float64Array(D);
  for (const x of xs) for (let d = 0; d < D; d++) pooled[d]! += x[d]! / T;
  const norm = Math.hypot(...pooled);
  return pooled.map((value) => value / norm);
}
