import { DataType, encodeModel, makeModel, makeNode, makeTensor, makeValueInfo } from '@atlas/onnx';
import type { onnx } from '@atlas/onnx';

export interface MpGraphShape {
  dIn: number;
  width: number;
  /** Matching pursuit steps k, unrolled in the graph. */
  steps: number;
}

/**
 * Matching pursuit over the decoder rows (unit-norm atoms), unrolled over `steps`:
 * r_0 = x − b_dec; step t: c = W_dec·r_t, j_t = argmax c (TopK 1), a_t = ReLU(c_j), set to 0
 * once ‖r_t‖² < `residual_threshold`², r_{t+1} = r_t − a_t·W_dec[j_t]. Outputs the trajectory,
 * one slot per step: `values` [batch, steps] = a_t and `indices` [batch, steps] = j_t (int32;
 * an atom may repeat). The dense [batch, width] correlations never leave onnxruntime. W_dec,
 * b_dec and the threshold ([1]) are inputs, so training's in-place updates are seen.
 */
export function buildMpGraph({ dIn, width, steps }: MpGraphShape): Uint8Array {
  const nodes: onnx.INodeProto[] = [
    makeNode('Sub', ['x', 'b_dec'], ['r_0']),
    makeNode('Mul', ['residual_threshold', 'residual_threshold'], ['threshold_sq']),
  ];
  for (let t = 0; t < steps; t++) {
    const r = `r_${t}`;
    nodes.push(
      makeNode('Gemm', [r, 'W_dec'], [`c_${t}`], { transB: 1 }),
      makeNode('TopK', [`c_${t}`, 'one'], [`best_${t}`, `j_${t}`], { axis: -1, largest: 1, sorted: 1 }),
      makeNode('Relu', [`best_${t}`], [`relu_${t}`]),
      makeNode('ReduceSumSquare', [r], [`norm_sq_${t}`], { axes: [1], keepdims: 1 }),
      makeNode('Less', [`norm_sq_${t}`, 'threshold_sq'], [`stopped_${t}`]),
      makeNode('Where', [`stopped_${t}`, 'zero', `relu_${t}`], [`a_${t}`]),
    );
    if (t + 1 === steps) break; // the last residual is not needed
    nodes.push(
      makeNode('Squeeze', [`j_${t}`, 'axis_1'], [`atom_index_${t}`]),
      makeNode('Gather', ['W_dec', `atom_index_${t}`], [`atom_${t}`], { axis: 0 }),
      makeNode('Mul', [`atom_${t}`, `a_${t}`], [`update_${t}`]),
      makeNode('Sub', [r, `update_${t}`], [`r_${t + 1}`]),
    );
  }
  const stepNames = (prefix: string) => Array.from({ length: steps }, (_, t) => `${prefix}_${t}`);
  nodes.push(
    makeNode('Concat', stepNames('a'), ['values'], { axis: 1 }),
    makeNode('Concat', stepNames('j'), ['indices_i64'], { axis: 1 }),
    makeNode('Cast', ['indices_i64'], ['indices'], { to: DataType.INT32 }),
  );
  return encodeModel(
    makeModel({
      name: `sae_mp_${dIn}x${width}_k${steps}`,
      nodes,
      inputs: [
        makeValueInfo('x', DataType.FLOAT, ['batch', dIn]),
        makeValueInfo('b_dec', DataType.FLOAT, [dIn]),
        makeValueInfo('W_dec', DataType.FLOAT, [width, dIn]),
        makeValueInfo('residual_threshold', DataType.FLOAT, [1]),
      ],
      outputs: [
        makeValueInfo('values', DataType.FLOAT, ['batch', steps]),
        makeValueInfo('indices', DataType.INT32, ['batch', steps]),
      ],
      initializers: [
        makeTensor('one', [1], BigInt64Array.from([1n])),
        makeTensor('axis_1', [1], BigInt64Array.from([1n])),
        makeTensor('zero', [], new Float32Array([0])),
      ],
    }),
  );
}
