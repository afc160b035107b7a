import { DataType, encodeModel, makeModel, makeNode, makeTensor, makeValueInfo } from '@atlas/onnx';
import type { onnx } from '@atlas/onnx';

/**
 * How the graph turns pre-activations into sparse codes of `slots` latents per row:
 * - `topk`: TopK(pre), ReLU on the values (also relu SAEs, where `slots` is a generous cap);
 * - `threshold`: latents ranked by pre − θ_j (θ a [width] input); `values` = ReLU(pre)·[pre > θ];
 * - `threshold-raw`: the same ranking, but `values` are the raw pre-activations (jumprelu
 *   training needs those just below θ for the straight-through threshold gradient).
 */
export type EncoderGraphMode = 'topk' | 'threshold' | 'threshold-raw';

export interface EncoderGraphShape {
  dIn: number;
  width: number;
  slots: number;
  mode: EncoderGraphMode;
  /** Encoder given as W_enc_T [width, dIn] (Gemm transB = 1) instead of W_enc [dIn, width]. */
  transposedEncoder?: boolean;
  /**
   * Also output per-latent batch statistics reduced inside the graph (Group Bias Adaptation) of
   * the gate's margin m (topk: pre; threshold modes: pre − θ): `fired` [width] = Σ_rows [m > 0]
   * (float) and `pre_max` [width] = max over rows of m.
   */
  stats?: boolean;
  /**
   * Also output the auxiliary-k codes (dead-latent revival): `aux_values`/`aux_indices`
   * [batch, aux_k] = TopK(pre + dead_bias, aux_k), with `dead_bias` [width] (0 for a dead latent,
   * −∞ otherwise) and `aux_k` (int64 [1]) as inputs; values ReLU'd like the main codes.
   */
  auxK?: boolean;
}

/**
 * The general encoder graph: pre = (x − b_dec)·W_enc + b_enc, then a sparse extraction inside
 * the graph (TopK with `slots` per row), so only [batch, slots] values and int32 indices leave
 * onnxruntime. Weights (and θ) are graph inputs fed from the caller's arrays.
 */
export function buildEncoderGraph({ dIn, width, slots, mode, transposedEncoder = false, stats = false, auxK = false }: EncoderGraphShape): Uint8Array {
  const project = transposedEncoder
    ? [makeNode('Gemm', ['centred', 'W_enc_T', 'b_enc'], ['pre'], { transB: 1 })]
    : [makeNode('MatMul', ['centred', 'W_enc'], ['projected']), makeNode('Add', ['projected', 'b_enc'], ['pre'])];
  const initializers: onnx.TensorProto[] = [makeTensor('k', [1], BigInt64Array.from([BigInt(slots)]))];
  let extract;
  if (mode === 'topk') {
    extract = [
      makeNode('TopK', ['pre', 'k'], ['top_values', 'top_indices'], { axis: -1, largest: 1, sorted: 1 }),
      makeNode('Relu', ['top_values'], ['values']),
    ];
  } else {
    const gather = [
      makeNode('Sub', ['pre', 'threshold'], ['margin']),
      makeNode('TopK', ['margin', 'k'], ['top_margin', 'top_indices'], { axis: -1, largest: 1, sorted: 1 }),
      makeNode('GatherElements', ['pre', 'top_indices'], [mode === 'threshold-raw' ? 'values' : 'top_pre'], { axis: 1 }),
    ];
    if (mode === 'threshold') initializers.push(makeTensor('zero', [], new Float32Array([0])));
    extract =
      mode === 'threshold-raw'
        ? gather
        : [
            ...gather,
            makeNode('Greater', ['top_margin', 'zero'], ['above']),
            makeNode('Relu', ['top_pre'], ['relu_pre']),
            makeNode('Where', ['above', 'relu_pre', 'zero'], ['values']),
          ];
  }
  const gate = mode === 'topk' ? 'pre' : 'margin';
  const statNodes = stats
    ? [
        makeNode('ReduceMax', [gate], ['pre_max'], { axes: [0], keepdims: 0 }),
        makeNode('Greater', [gate, 'stats_zero'], ['pre_positive']),
        makeNode('Cast', ['pre_positive'], ['pre_positive_f'], { to: DataType.FLOAT }),
        makeNode('ReduceSum', ['pre_positive_f', 'stats_axes'], ['fired'], { keepdims: 0 }),
      ]
    : [];
  if (stats) {
    initializers.push(makeTensor('stats_zero', [], new Float32Array([0])));
    initializers.push(makeTensor('stats_axes', [1], BigInt64Array.from([0n])));
  }
  const auxNodes = auxK
    ? [
        makeNode('Add', ['pre', 'dead_bias'], ['aux_pre']),
        makeNode('TopK', ['aux_pre', 'aux_k'], ['aux_top_values', 'aux_top_indices'], { axis: -1, largest: 1, sorted: 0 }),
        makeNode('Relu', ['aux_top_values'], ['aux_values']),
        makeNode('Cast', ['aux_top_indices'], ['aux_indices'], { to: DataType.INT32 }),
      ]
    : [];
  return encodeModel(
    makeModel({
      name: `sae_encoder_${mode}_${dIn}x${width}_s${slots}${stats ? '_stats' : ''}${auxK ? '_aux' : ''}`,
      nodes: [
        makeNode('Sub', ['x', 'b_dec'], ['centred']),
        ...project,
        ...extract,
        makeNode('Cast', ['top_indices'], ['indices'], { to: DataType.INT32 }),
        ...statNodes,
        ...auxNodes,
      ],
      inputs: [
        makeValueInfo('x', DataType.FLOAT, ['batch', dIn]),
        makeValueInfo('b_dec', DataType.FLOAT, [dIn]),
        transposedEncoder
          ? makeValueInfo('W_enc_T', DataType.FLOAT, [width, dIn])
          : makeValueInfo('W_enc', DataType.FLOAT, [dIn, width]),
        makeValueInfo('b_enc', DataType.FLOAT, [width]),
        ...(mode === 'topk' ? [] : [makeValueInfo('threshold', DataType.FLOAT, [width])]),
        ...(auxK ? [makeValueInfo('dead_bias', DataType.FLOAT, [width]), makeValueInfo('aux_k', DataType.INT64, [1])] : []),
      ],
      outputs: [
        makeValueInfo('values', DataType.FLOAT, ['batch', slots]),
        makeValueInfo('indices', DataType.INT32, ['batch', slots]),
        ...(stats ? [makeValueInfo('fired', DataType.FLOAT, [width]), makeValueInfo('pre_max', DataType.FLOAT, [width])] : []),
        ...(auxK ? [makeValueInfo('aux_values', DataType.FLOAT, ['batch', 'aux_k']), makeValueInfo('aux_indices', DataType.INT32, ['batch', 'aux_k'])] : []),
      ],
      initializers,
    }),
  );
}
