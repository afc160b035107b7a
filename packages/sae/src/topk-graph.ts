import { DataType, encodeModel, makeModel, makeNode, makeTensor, makeValueInfo } from '@atlas/onnx';

export interface TopKGraphShape {
  dIn: number;
  width: number;
  k: number;
}

/**
 * The encoder graph: pre = (x − b_dec) · W_enc + b_enc, then TopK(k) over the latents and
 * ReLU on the values. Weights are graph inputs, so callers feed their own Float32Arrays
 * (onnxruntime wraps them without copying) and can update them between runs. Only the sparse
 * codes leave the graph: values [batch, k] (float32) and indices [batch, k] (int32), sorted by
 * value, largest first.
 */
export function buildTopKGraph({ dIn, width, k }: TopKGraphShape): Uint8Array {
  return encodeModel(
    makeModel({
      name: `topk_encoder_${dIn}x${width}_k${k}`,
      nodes: [
        makeNode('Sub', ['x', 'b_dec'], ['centred']),
        makeNode('MatMul', ['centred', 'W_enc'], ['projected']),
        makeNode('Add', ['projected', 'b_enc'], ['pre']),
        makeNode('TopK', ['pre', 'k'], ['top_values', 'top_indices'], { axis: -1, largest: 1, sorted: 1 }),
        makeNode('Relu', ['top_values'], ['values']),
        makeNode('Cast', ['top_indices'], ['indices'], { to: DataType.INT32 }),
      ],
      inputs: [
        makeValueInfo('x', DataType.FLOAT, ['batch', dIn]),
        makeValueInfo('b_dec', DataType.FLOAT, [dIn]),
        makeValueInfo('W_enc', DataType.FLOAT, [dIn, width]),
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
