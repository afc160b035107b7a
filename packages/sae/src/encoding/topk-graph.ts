import { DataType, encodeModel, makeModel, makeNode, makeTensor, makeValueInfo } from '@atlas/onnx';

export interface TopKGraphShape {
  dIn: number;
  width: number;
  k: number;
  /**
   * Take the encoder as W_enc_T [width, dIn] (one row per latent, the layout training keeps)
   * and multiply with Gemm(transB = 1), instead of W_enc [dIn, width] with MatMul.
   */
  transposedEncoder?: boolean;
}

/**
 * The encoder graph: pre = (x − b_dec) · W_enc + b_enc, then TopK(k) over the latents and
 * ReLU on the values. Weights are graph inputs, so callers feed their own Float32Arrays
 * (onnxruntime wraps them without copying) and can update them between runs. Only the sparse
 * codes leave the graph: values [batch, k] (float32) and indices [batch, k] (int32), sorted by
 * value, largest first.
 */
export function buildTopKGraph({ dIn, width, k, transposedEncoder = false }: TopKGraphShape): Uint8Array {
  const project = transposedEncoder
    ? [makeNode('Gemm', ['centred', 'W_enc_T', 'b_enc'], ['pre'], { transB: 1 })]
    : [makeNode('MatMul', ['centred', 'W_enc'], ['projected']), makeNode('Add', ['projected', 'b_enc'], ['pre'])];
  return encodeModel(
    makeModel({
      name: `topk_encoder_${dIn}x${width}_k${k}`,
      nodes: [
        makeNode('Sub', ['x', 'b_dec'], ['centred']),
        ...project,
        makeNode('TopK', ['pre', 'k'], ['top_values', 'top_indices'], { axis: -1, largest: 1, sorted: 1 }),
        makeNode('Relu', ['top_values'], ['values']),
        makeNode('Cast', ['top_indices'], ['indices'], { to: DataType.INT32 }),
      ],
      inputs: [
        makeValueInfo('x', DataType.FLOAT, ['batch', dIn]),
        makeValueInfo('b_dec', DataType.FLOAT, [dIn]),
        transposedEncoder
          ? makeValueInfo('W_enc_T', DataType.FLOAT, [width, dIn])
          : makeValueInfo('W_enc', DataType.FLOAT, [dIn, width]),
        makeValueInfo('b_enc', DataType.FLOAT, [width]),
      ],
      outputs: [
        makeValueInfo('values', DataType.FLOAT, ['batch', k]),
        makeValueInfo('indices', DataType.INT32, ['batch', k]),
      ],
      initializers: [makeTensor('k', [1], BigInt64Array.from([BigInt(k)]))],
    }),
  );
}
