/**
 * The tiny GPT as onnxruntime's transformer optimizer writes a GPT-2 graph: the attention as one
 * `Attention` kernel (com.microsoft; QKV projection, causal mask and head mixing inside), and each
 * residual addition fused with the norm after it into `SkipLayerNormalization`, whose 4th output is
 * the residual sum — named only while something else reads it, so the last block's is absent. With
 * `fuseBias` (default, as the optimizer does) the projection biases are added inside the fused
 * norms too, so no tensor holds a whole attention or MLP output. Same weights and forward pass
 * as `tiny-gpt.ts`, so `referenceForward` checks it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataType, makeModel, makeNode, makeTensor, makeValueInfo, type AttributeValue, type onnx } from '@atlas/onnx';
import { writeModelFolder } from './model-folder.ts';
import type { NamingScheme } from './rename-graph.ts';
import { makeTinyWeights, type LayerNormWeights, type TinyGptWeights } from './tiny-gpt.ts';
import { tinyTokenizerFiles } from './tiny-tokenizer.ts';

export interface FusedGptOptions {
  layerCount?: number;
  seed?: number;
  /** Projection biases added inside SkipLayerNormalization (default true). */
  fuseBias?: boolean;
  rename?: NamingScheme;
}

const int64 = (values: number[]) => BigInt64Array.from(values.map(BigInt));

/** [D, D] × 3 → [D, 3D]: row r is wq[r] ‖ wk[r] ‖ wv[r], the packed weight `Attention` takes. */
function packColumns(parts: readonly Float32Array[], rows: number): Float32Array {
  const cols = parts[0]!.length / rows;
  const packed = new Float32Array(rows * cols * parts.length);
  for (let r = 0; r < rows; r++) parts.forEach((part, k) => packed.set(part.subarray(r * cols, (r + 1) * cols), (r * parts.length + k) * cols));
  return packed;
}

export function buildFusedGptGraph(weights: TinyGptWeights, options: FusedGptOptions = {}): onnx.ModelProto {
  const fuseBias = options.fuseBias ?? true;
  const { dModel: D, dMlp: F, vocabSize: V, contextLength: C } = weights;
  const nodes: onnx.NodeProto[] = [];
  const initializers: onnx.TensorProto[] = [];
  const init = (name: string, dims: number[], data: Float32Array | BigInt64Array) => {
    initializers.push(makeTensor(name, dims, data));
    return name;
  };
  const node = (op: string, name: string, inputs: string[], attributes: Record<string, AttributeValue> = {}, outputs = [`${name}_output_0`], domain = '') => {
    nodes.push(Object.assign(makeNode(op, inputs, outputs, attributes, name), domain ? { domain } : {}));
    return outputs[0]!;
  };
  const norm = (name: string, ln: LayerNormWeights) => [init(`${name}.weight`, [D], ln.scale), init(`${name}.bias`, [D], ln.bias)];
  /** norm(input + skip (+ bias)); the sum comes out as `sum` when named. */
  const skipNorm = (name: string, input: string, skip: string, ln: string[], bias: string | undefined, sum: string | undefined) => {
    const out = `${name}_output_0`;
    const outputs = sum ? [out, '', '', sum] : [out];
    node('SkipLayerNormalization', name, [input, skip, ...ln, ...(bias ? [bias] : [])], { epsilon: weights.eps }, outputs, 'com.microsoft');
    return out;
  };

  const tokens = node('Gather', '/transformer/wte/Gather', [init('transformer.wte.weight', [V, D], weights.wte), 'input_ids']);
  const seqLen = node('Slice', '/transformer/Slice', [node('Shape', '/transformer/Shape', ['input_ids']), init('const_1', [1], int64([1])), init('const_2', [1], int64([2]))]);
  const positions = node('Range', '/transformer/Range', [init('const_0s', [], int64([0])), node('Squeeze', '/transformer/Squeeze', [seqLen, init('const_0a', [1], int64([0]))]), init('const_1s', [], int64([1]))]);
  let stream = node('Add', '/transformer/Add', [tokens, node('Gather', '/transformer/wpe/Gather', [init('transformer.wpe.weight', [C, D], weights.wpe), positions])]);
  const mask = node('Cast', '/transformer/mask/Cast', ['attention_mask'], { to: DataType.INT32 });
  let h = node('LayerNormalization', '/transformer/h.0/ln_1/LayerNormalization', [stream, ...norm('transformer.h.0.ln_1', weights.blocks[0]!.ln1)], { axis: -1, epsilon: weights.eps });
  weights.blocks.forEach((block, i) => {
    const s = `/transformer/h.${i}/`;
    const p = `transformer.h.${i}.`;
    const last = i === weights.blocks.length - 1;
    const bias = (name: string, values: Float32Array) => init(`${p}${name}.bias`, [D], values);
    const projected = (scope: string, x: string, name: string, w: Float32Array, rows: number, b: Float32Array) => {
      const product = node('MatMul', `${scope}MatMul`, [x, init(`${p}${name}.weight`, [rows, D], w)]);
      return fuseBias ? product : node('Add', `${scope}Add`, [product, bias(name, b)]);
    };
    const z = node('Attention', `${s}attn/Attention`, [
      h, init(`${p}attn.c_attn.weight`, [D, 3 * D], packColumns([block.wq, block.wk, block.wv], D)),
      init(`${p}attn.c_attn.bias`, [3 * D], Float32Array.from([...block.bq, ...block.bk, ...block.bv])), mask,
    ], { num_heads: 1, unidirectional: 1 }, undefined, 'com.microsoft');
    const attn = projected(`${s}attn/c_proj/`, z, 'attn.c_proj', block.wo, D, block.bo);
    const mid = `${s}mid`;
    const h2 = skipNorm(`${s}SkipLayerNorm`, attn, stream, norm(`${p}ln_2`, block.ln2), fuseBias ? bias('attn.c_proj', block.bo) : undefined, mid);
    const act = node('Relu', `${s}mlp/act/Relu`, [node('Add', `${s}mlp/c_fc/Add`, [node('MatMul', `${s}mlp/c_fc/MatMul`, [h2, init(`${p}mlp.c_fc.weight`, [D, F], block.wfc)]), init(`${p}mlp.c_fc.bias`, [F], block.bfc)])]);
    const mlp = projected(`${s}mlp/c_proj/`, act, 'mlp.c_proj', block.wproj, F, block.bproj);
    const nextNorm = last ? norm('transformer.ln_f', weights.lnf) : norm(`transformer.h.${i + 1}.ln_1`, weights.blocks[i + 1]!.ln1);
    stream = last ? '' : `${s}post`;
    h = skipNorm(`${s}SkipLayerNorm_1`, mlp, mid, nextNorm, fuseBias ? bias('mlp.c_proj', block.bproj) : undefined, last ? undefined : stream);
  });
  node('MatMul', '/lm_head/MatMul', [h, node('Transpose', '/lm_head/Transpose', ['transformer.wte.weight'], { perm: [1, 0] })], {}, ['logits']);
  const ids = (name: string) => makeValueInfo(name, DataType.INT64, ['batch', 'sequence']);
  const model = makeModel({
    name: 'tiny-gpt-fused', nodes, initializers, opset: 17,
    inputs: [ids('input_ids'), ids('attention_mask')],
    outputs: [makeValueInfo('logits', DataType.FLOAT, ['batch', 'sequence', V])],
  });
  model.opsetImport.push({ domain: 'com.microsoft', version: 1 });
  return model;
}

/** Writes the fused tiny GPT as a model folder (GPT-2 config keys). */
export function writeFusedGpt(options: FusedGptOptions = {}, dir = mkdtempSync(join(tmpdir(), 'tiny-gpt-fused-'))): { dir: string; weights: TinyGptWeights } {
  const contextLength = 16;
  const weights = makeTinyWeights(tinyTokenizerFiles(contextLength).vocabSize, { ...options, contextLength });
  writeModelFolder(dir, buildFusedGptGraph(weights, options), {
    model_type: 'gpt2', vocab_size: weights.vocabSize, n_positions: contextLength, n_embd: weights.dModel,
    n_layer: weights.blocks.length, n_head: 1, layer_norm_epsilon: weights.eps,
  }, contextLength, options.rename);
  return { dir, weights };
}
