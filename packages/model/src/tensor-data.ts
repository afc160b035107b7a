import type { ort } from '@atlas/onnx';
import { ModelError } from './errors.ts';
import { halvesToFloats } from './half.ts';

/** A float32 or float16 output as a Float32Array (fp16 converted). */
export function floatData(tensor: ort.Tensor, name: string, expected?: number): Float32Array {
  let data: Float32Array | undefined;
  if (tensor.type === 'float32' && tensor.data instanceof Float32Array) data = tensor.data;
  else if (tensor.type === 'float16') data = halvesToFloats(tensor.data as ArrayLike<number>, tensor.data instanceof Uint16Array);
  if (!data || (expected !== undefined && data.length !== expected)) {
    const got = data ? `${data.length} floats` : `a ${tensor.type} tensor`;
    throw new ModelError(`Output ${name} should hold ${expected ?? 'float'} values, got ${got}.`);
  }
  return data;
}
