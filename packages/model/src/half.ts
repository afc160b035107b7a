import { fromFloat32, toFloat32 } from '@atlas/safetensors';

/**
 * fp16 ↔ float32 for graphs whose weights, activations or logits are fp16, through the codec of
 * @atlas/safetensors (round to nearest even, overflow → ±Infinity, NaN kept).
 */

/** Float32 copy of fp16 data: bit patterns (`isBits`: onnxruntime's Uint16Array, ONNX initializers) or a Float16Array's values. */
export function halvesToFloats(data: ArrayLike<number>, isBits: boolean): Float32Array {
  if (!isBits) return Float32Array.from(data);
  const bits = data instanceof Uint16Array ? data : Uint16Array.from(data);
  return toFloat32({ dtype: 'F16', shape: [bits.length], data: bits });
}

/** fp16 bit patterns of `values` (each first rounded to float32, as onnxruntime would). */
export function floatsToHalves(values: ArrayLike<number>): Uint16Array {
  return fromFloat32(values instanceof Float32Array ? values : Float32Array.from(values), 'F16');
}
